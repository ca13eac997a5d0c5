#!/usr/bin/env bash
# Checks that the jar carries the PyTorch CPU natives: starts it with an empty DJL cache, DJL
# offline and the JVM's proxies pointed at a closed port (so nothing can be downloaded), on a
# temporary models and state folder, waits for readiness, makes sure the engine loaded (one
# inference), checks the natives were extracted from the jar into that cache, and stops it.
#
#   scripts/check-offline-start.sh [--cache-dir DIR] [JAR]
#
# JAR defaults to target/rnn-serving.jar. --cache-dir keeps the extracted natives in DIR (empty
# or absent) instead of a temporary folder: the Dockerfile bakes them into the image that way.
# Bundles under models/ are served too, if any; the golden GRU from ../shared/golden
# ($RNN_SHARED_DIR) is imported over HTTP and classifies one text. READY_TIMEOUT: seconds (120).
set -euo pipefail
cd "$(dirname "$0")/.."

cache_dir=""
if [[ ${1:-} == --cache-dir ]]; then
  cache_dir=$2
  shift 2
fi
jar=${1:-target/rnn-serving.jar}
shared=${RNN_SHARED_DIR:-../shared}
timeout=${READY_TIMEOUT:-120}

fail() { echo "check-offline-start: FAIL: $*" >&2; exit 1; }
[[ -f $jar ]] || fail "no jar at $jar (mvn -B verify builds it)"

work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z $cache_dir ]]; then
  cache_dir=$work/djl-cache
fi
mkdir -p "$cache_dir"
[[ -z $(ls -A "$cache_dir") ]] || fail "$cache_dir is not empty: the check needs a fresh DJL cache"
cache_dir=$(cd "$cache_dir" && pwd)

mkdir -p "$work/models" "$work/state" "$work/data"
if [[ -d models ]]; then
  cp -R models/. "$work/models/"
fi
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
log=$work/service.log

# only what this script sets reaches DJL and Spring: no inherited cache, library path or database
env -u ENGINE_CACHE_DIR -u PYTORCH_LIBRARY_PATH -u PYTORCH_VERSION -u PYTORCH_FLAVOR \
    -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
    -u JAVA_TOOL_OPTIONS -u SERVER_PORT \
    DJL_CACHE_DIR="$cache_dir" DJL_OFFLINE=true RNN_ADMIN_TOKEN="$token" \
  java -Dai.djl.offline=true \
       -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 \
       -Dai.djl.pytorch.num_threads=1 -Xmx1g \
       -jar "$jar" --server.port=0 --server.address=127.0.0.1 \
       --rnn.models-dir="$work/models" --rnn.state-dir="$work/state" --rnn.data-dir="$work/data" \
       --rnn.security.token-file="$work/state/admin-token" \
       >"$log" 2>&1 &
pid=$!

port=""
deadline=$((SECONDS + timeout))
ready=""
while ((SECONDS < deadline)); do
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; fail "the service exited during start"; }
  if [[ -z $port ]]; then
    port=$(grep -soE 'Tomcat started on port [0-9]+' "$log" | grep -oE '[0-9]+$' | head -n1 || true)
  fi
  if [[ -n $port ]] && curl -fsS -m 5 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
    ready=yes
    break
  fi
  sleep 1
done
[[ -n $ready ]] || { tail -n 40 "$log" >&2; fail "not ready within ${timeout}s"; }
echo "check-offline-start: ready on port $port after ${SECONDS}s"

base=http://127.0.0.1:$port
golden_npz=$shared/golden/text-gru-l1-bi.npz
if [[ -f $golden_npz ]]; then
  curl -fsS -m 60 -o /dev/null -X POST "$base/models" -H "Authorization: Bearer $token" \
       -F manifest=@docs/examples/golden-gru.model.json -F weights=@"$golden_npz" \
    || { tail -n 40 "$log" >&2; fail "importing the golden GRU failed"; }
  answer=$(curl -fsS -m 60 -X POST "$base/classify" -H 'Content-Type: application/json' \
       -d '{"model": "golden-gru", "text": "hello", "topK": 1}') \
    || { tail -n 40 "$log" >&2; fail "classifying with the golden GRU failed"; }
  echo "check-offline-start: classify answered $answer"
fi

grep -q 'Found matching platform from: jar:nested:.*pytorch-native-cpu' "$log" \
  || { grep -i 'platform\|djl\|pytorch' "$log" >&2 || true; fail "the PyTorch natives were not loaded from the jar (no model loaded? no golden GRU at $golden_npz?)"; }
natives=$(ls -d "$cache_dir"/pytorch/*-cpu-linux-x86_64 2>/dev/null | head -n1 || true)
[[ -n $natives && -f $natives/libtorch_cpu.so ]] || fail "no libtorch_cpu.so extracted under $cache_dir/pytorch"
grep -qi 'downloading' "$log" && fail "DJL tried to download something: $(grep -i downloading "$log" | head -n1)"

kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
echo "check-offline-start: OK: natives from the jar extracted to $natives ($(du -sh "$natives" | cut -f1)), offline"
