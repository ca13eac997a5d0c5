#!/usr/bin/env bash
# The serving benchmark (issue 13): the jar of this checkout against the jar of a baseline commit,
# in one run on this machine, written to target/bench/results.json, docs/PERFORMANCE.md and
# docs/performance.svg.
#
#   scripts/bench-serving.sh                  # BASELINE=1c9cdb4, about 9 minutes on 2 cores
#   BASELINE=<commit> scripts/bench-serving.sh
#   scripts/bench-serving.sh --report-only    # rewrite the report from target/bench/results.json
#
# What it does:
#   1. builds this checkout's jar (mvn -B -o -q package -DskipTests) and the baseline's, in a git
#      worktree at target/bench/baseline-src (kept, with its jar, for the next run of that commit);
#   2. trains the benchmark model once (1-layer 128-wide one-way row-LSTM, summary last, on
#      Fashion-MNIST; a short training, cached in target/bench/models: throughput does not depend
#      on the weights) and copies models/names next to it;
#   3. starts each jar on a free port on those models (baseline; current; current with
#      --rnn.serving.batching=false), timing process start to readiness UP, and drives it with wrk:
#      POST /classify with one real Fashion-MNIST test image at c=1, 8, 32; the names model with
#      "Nakamura" at c=32; GET /actuator/health/liveness at c=32 (the framework's own floor);
#   4. starts each jar once more on a copy of the repository's models/ (all default models) and
#      times readiness;
#   5. optionally (BENCH_SOAK_SECONDS > 0) samples the current jar's RSS during a long c=32 image run;
#   6. times the forward pass in-process (test class bench/ServingForwardBenchmark) at batch 1, 8, 32;
#   7. scripts/bench_report.py collects the raw files and writes the report and the chart.
# Only the server under test and wrk run while measuring; every JVM it starts is stopped at exit.
#
# Settings (environment):
#   BASELINE             commit to compare with (default 1c9cdb4, the commit before the serving engine)
#   BENCH_DURATION       seconds per measured wrk run (15)
#   BENCH_WARMUP         seconds of image c=32 load after each start, before measuring (10)
#   BENCH_SETTLE         seconds at a scenario's own concurrency right before it is measured (2)
#   BENCH_WRK_THREADS    wrk threads (1; never more than the connections)
#   BENCH_SOAK_SECONDS   long c=32 image run on the current jar with RSS sampling (0: skipped)
#   BENCH_SOAK_WARMUP    seconds of c=32 load before the first RSS sample of the soak (60)
#   BENCH_SOAK_INTERVAL  seconds between RSS samples (5)
#   BENCH_INPROCESS_SECONDS, BENCH_INPROCESS_ROUNDS   per batch size (2, 3)
#   BENCH_TRAIN_LIMIT, BENCH_TRAIN_EPOCHS             the benchmark model's training (6000, 1)
#   BENCH_IMAGE_INDEX    which Fashion-MNIST test image is posted (0)
#   BENCH_DATA_DIR       datasets folder (../shared/data); BENCH_FASHION_DIR: Fashion-MNIST IDX
#                        folder (/usr/share/datasets/fashion-mnist)
#   BENCH_QUIET_CPU      other processes using this % of all cores or more make the machine busy (10):
#                        the script then waits for quiet before a start, and measures a scenario or a
#                        start with the default models again, ...
#   BENCH_PATIENCE       ... spending at most this many seconds on that in all (180)
#   BENCH_JAVA_OPTS      JVM options for both servers (none)
#   BENCH_CURRENT_ARGS   extra arguments for the current jar only (none)
#   BENCH_DOCS_DIR       where PERFORMANCE.md and performance.svg go (docs); BENCH_NOTE: a line for the report
#   BENCH_SKIP_BUILD=1   use target/rnn-serving.jar as it is
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bench=$root/target/bench
raw=$bench/raw
docs=${BENCH_DOCS_DIR:-docs}
report() {
  python3 scripts/bench_report.py report --results "$bench/results.json" \
    --md "$docs/PERFORMANCE.md" --svg "$docs/performance.svg"
}
if [[ ${1:-} == --report-only ]]; then
  report
  exit 0
fi

baseline_ref=${BASELINE:-1c9cdb4}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-10}
settle=${BENCH_SETTLE:-2}
wrk_threads=${BENCH_WRK_THREADS:-1}
soak=${BENCH_SOAK_SECONDS:-0}
soak_warmup=${BENCH_SOAK_WARMUP:-60}
soak_interval=${BENCH_SOAK_INTERVAL:-5}
inproc_seconds=${BENCH_INPROCESS_SECONDS:-2}
inproc_rounds=${BENCH_INPROCESS_ROUNDS:-3}
train_limit=${BENCH_TRAIN_LIMIT:-6000}
train_epochs=${BENCH_TRAIN_EPOCHS:-1}
image_index=${BENCH_IMAGE_INDEX:-0}
data_dir=${BENCH_DATA_DIR:-../shared/data}
fashion_dir=${BENCH_FASHION_DIR:-/usr/share/datasets/fashion-mnist}
ready_timeout=${BENCH_READY_TIMEOUT:-180}
quiet_cpu=${BENCH_QUIET_CPU:-10}
patience=${BENCH_PATIENCE:-180}
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
read -r -a current_args <<<"${BENCH_CURRENT_ARGS:-}"
model=fashion-lstm-bench

log() { echo "bench-serving: $*" >&2; }
fail() { echo "bench-serving: FAIL: $*" >&2; exit 1; }

for tool in java mvn git wrk curl python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
[[ -d $data_dir ]] || fail "no datasets folder at $data_dir (BENCH_DATA_DIR)"
data_dir=$(cd "$data_dir" && pwd)
[[ -d $fashion_dir ]] || fail "no Fashion-MNIST at $fashion_dir (BENCH_FASHION_DIR; Debian: dataset-fashion-mnist)"

# the exact command, with the settings that differ from the defaults
command_line=""
for var in BASELINE BENCH_DURATION BENCH_WARMUP BENCH_SETTLE BENCH_WRK_THREADS BENCH_SOAK_SECONDS \
           BENCH_SOAK_WARMUP BENCH_SOAK_INTERVAL BENCH_INPROCESS_SECONDS BENCH_INPROCESS_ROUNDS \
           BENCH_TRAIN_LIMIT BENCH_TRAIN_EPOCHS BENCH_IMAGE_INDEX BENCH_DATA_DIR BENCH_FASHION_DIR \
           BENCH_QUIET_CPU BENCH_PATIENCE BENCH_JAVA_OPTS BENCH_CURRENT_ARGS BENCH_SKIP_BUILD; do
  if [[ -n ${!var:-} ]]; then
    command_line+="$var=$(printf '%q' "${!var}") "
  fi
done
command_line+="scripts/bench-serving.sh"

server_pid=""
wrk_pid=""
sampler_pid=""
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      log "server $server_pid did not stop in 20 s: killing it"
      kill -9 "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  for pid in $sampler_pid $wrk_pid; do
    kill "$pid" 2>/dev/null || true
  done
  stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started_at=$(date +%s)
rm -rf "$raw"
mkdir -p "$raw" "$bench/jars" "$bench/models" "$bench/logs" "$bench/state"

# ---- 1. the two jars ------------------------------------------------------------------------
baseline_sha=$(git rev-parse --verify "$baseline_ref^{commit}") || fail "BASELINE=$baseline_ref is not a commit"
current_sha=$(git rev-parse HEAD)
current_dirty=false
[[ -z $(git status --porcelain --untracked-files=no) ]] || current_dirty=true
same_serving_code=false
if git diff --quiet "$baseline_sha" -- src/main pom.xml; then
  same_serving_code=true
fi

current_jar=$bench/jars/current.jar
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  log "building this checkout ($current_sha, uncommitted changes: $current_dirty)"
  mvn -B -o -q package -DskipTests
fi
[[ -f target/rnn-serving.jar ]] || fail "no target/rnn-serving.jar"
cp target/rnn-serving.jar "$current_jar"

baseline_jar=$bench/jars/baseline-$baseline_sha.jar
baseline_src=$bench/baseline-src
if [[ -f $baseline_jar ]]; then
  log "baseline jar for $baseline_sha already built"
else
  log "building the baseline $baseline_sha in $baseline_src"
  git worktree prune
  if [[ -d $baseline_src ]]; then
    git worktree remove --force "$baseline_src" 2>/dev/null || rm -rf "$baseline_src"
    git worktree prune
  fi
  git worktree add --detach --force "$baseline_src" "$baseline_sha" >/dev/null
  (cd "$baseline_src" && mvn -B -o -q package -DskipTests -Dspotless.check.skip=true -Dspotless.skip=true)
  cp "$baseline_src/target/rnn-serving.jar" "$baseline_jar.tmp"
  mv "$baseline_jar.tmp" "$baseline_jar"
fi

# ---- 2. the models ----------------------------------------------------------------------------
models=$bench/models
bundle=$models/$model/1
if [[ -f $bundle/model.json ]]; then
  log "benchmark model $model already trained"
else
  log "training $model (limit $train_limit, $train_epochs epoch(s))"
  rm -rf "${models:?}/$model"
  java -jar "$current_jar" train --name "$model" --dataset fashion-mnist --data-dir "$data_dir" \
       --cell lstm --layers 1 --hidden-size 128 --summary last --limit "$train_limit" \
       --epochs "$train_epochs" --seed 42 --models-dir "$models" >"$bench/logs/train.log" 2>&1 \
    || { tail -n 30 "$bench/logs/train.log" >&2; fail "training $model failed"; }
  [[ -f $bundle/model.json ]] || fail "training did not write $bundle"
fi
rm -rf "$models/names"
cp -R models/names "$models/names"
default_models=$bench/default-models
rm -rf "$default_models"
cp -R models "$default_models"

image_body=$bench/image.json
names_body=$bench/names.json
python3 scripts/bench_report.py image-body --idx "$fashion_dir" --index "$image_index" --model "$model" \
  --out "$image_body"
printf '{"model":"names","text":"Nakamura"}\n' >"$names_body"

# ---- 3./4. servers and load ---------------------------------------------------------------------
# CPU accounting, so that the report can tell a quiet machine from a busy one: all cores' busy and
# stolen time (/proc/stat), the server's own (/proc/PID/stat) and that of this shell's children
# (wrk, or the in-process benchmark: `times`, which must run in this shell, not in a $(...) subshell)
clk_tck=$(getconf CLK_TCK)
cores=$(getconf _NPROCESSORS_ONLN)
# user + nice + system (interrupt time, our own loopback traffic among it, is left out), steal
cpu_stat() { awk '/^cpu / { print $2 + $3 + $4, $9; exit }' /proc/stat; }
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
children_seconds() {
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
                 printf "%.3f", t }' "$1"
}
now() { date +%s.%N; }
# cpu_begin / cpu_end FILE: writes the JSON object of the window between them to FILE
cpu_begin() {
  read -r cpu_busy0 cpu_steal0 < <(cpu_stat)
  cpu_server0=$( [[ -n $server_pid ]] && proc_ticks "$server_pid" || echo 0)
  times >"$bench/.times0"
  cpu_child0=$(children_seconds "$bench/.times0")
  cpu_t0=$(now)
}
cpu_end() {
  local busy steal server child t1
  times >"$bench/.times1"
  read -r busy steal < <(cpu_stat)
  server=$( [[ -n $server_pid ]] && proc_ticks "$server_pid" || echo 0)
  child=$(children_seconds "$bench/.times1")
  t1=$(now)
  awk -v t0="$cpu_t0" -v t1="$t1" -v b0="$cpu_busy0" -v b1="$busy" -v s0="$cpu_steal0" -v s1="$steal" \
      -v p0="$cpu_server0" -v p1="$server" -v c0="$cpu_child0" -v c1="$child" -v tck="$clk_tck" -v n="$cores" \
    'BEGIN { printf "{\"wall_s\":%.3f,\"cores\":%d,\"busy_s\":%.2f,\"steal_s\":%.2f,\"server_s\":%.2f,\"children_s\":%.2f}",
             t1 - t0, n, (b1 - b0) / tck, (s1 - s0) / tck, (p1 - p0) / tck, c1 - c0 }' >"$1"
}

# A busy machine (other people's builds and tests on a shared box) makes every number low and noisy.
# The script waits for quiet before each start and measures a scenario again when other processes
# took BENCH_QUIET_CPU % of the machine during it, spending at most BENCH_PATIENCE seconds on all
# that waiting and re-measuring together; past it, it measures straight through and the report
# names the windows that were not quiet.
patience_left=$patience
busy_pct() { awk -v p="$1" -v q="$quiet_cpu" 'BEGIN { exit !(p >= q) }'; }

# wait_quiet FILE: waits (out of the patience left) until processes other than an idle server use
# less than BENCH_QUIET_CPU % of the machine over 2 s; writes {"waited_s":..,"other_cpu_pct":..}
wait_quiet() {
  local start b0 b1 p0 p1 pct waited
  start=$(date +%s)
  while true; do
    read -r b0 _ < <(cpu_stat)
    p0=$( [[ -n $server_pid ]] && proc_ticks "$server_pid" || echo 0)
    sleep 2
    read -r b1 _ < <(cpu_stat)
    p1=$( [[ -n $server_pid ]] && proc_ticks "$server_pid" || echo 0)
    pct=$(awk -v a="$b0" -v b="$b1" -v p0="$p0" -v p1="$p1" -v tck="$clk_tck" -v n="$cores" \
          'BEGIN { printf "%.1f", 100 * (b - a - (p1 - p0)) / tck / (2 * n) }')
    waited=$(($(date +%s) - start))
    if ! busy_pct "$pct" || ((waited >= patience_left)); then
      break
    fi
    ((waited > 2)) || log "machine busy (${pct}% of $cores cores used by other processes): waiting"
  done
  patience_left=$((patience_left > waited ? patience_left - waited : 0))
  if busy_pct "$pct"; then
    log "WARNING: still ${pct}% busy (waited ${waited}s, patience left ${patience_left}s): measuring anyway"
  elif ((waited > 2)); then
    log "quiet after ${waited}s (patience left ${patience_left}s)"
  fi
  printf '{"waited_s":%d,"other_cpu_pct":%s}' "$waited" "$pct" >"$1"
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server LABEL JAR MODELS_DIR [ARGS...]: sets server_pid and base, writes $raw/LABEL/startup.json
start_server() {
  local label=$1 jar=$2 models_dir=$3
  shift 3
  local dir=$raw/$label state=$bench/state/$label port t0 t1
  mkdir -p "$dir"
  wait_quiet "$dir/quiet.json"
  rm -rf "$state"
  mkdir -p "$state"
  port=$(free_port)
  base=http://127.0.0.1:$port
  local server_log=$bench/logs/$label.log
  cpu_begin
  t0=$(date +%s.%N)
  env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
      -u JAVA_TOOL_OPTIONS -u SERVER_PORT RNN_ADMIN_TOKEN=bench \
    java "${java_opts[@]}" -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
      --rnn.models-dir="$models_dir" --rnn.state-dir="$state" --rnn.data-dir="$data_dir" \
      --rnn.security.token-file="$state/admin-token" "$@" >"$server_log" 2>&1 &
  server_pid=$!
  if ! python3 scripts/bench_report.py wait-ready --url "$base/actuator/health/readiness" --pid "$server_pid" \
         --timeout "$ready_timeout"; then
    tail -n 40 "$server_log" >&2
    fail "$label did not become ready (exited, or not within ${ready_timeout}s)"
  fi
  t1=$(date +%s.%N)
  cpu_end "$dir/startup.cpu"
  local served
  served=$(curl -fsS -m 10 "$base/models" || echo '[]')
  local seconds
  seconds=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')
  printf '{"label":"%s","jar":"%s","args":"%s","port":%d,"startup_s":%s,"pid":%d,"log":"%s","quiet":%s,"cpu":%s,"models":%s}\n' \
    "$label" "$jar" "$*" "$port" "$seconds" "$server_pid" "$server_log" "$(cat "$dir/quiet.json")" "$(cat "$dir/startup.cpu")" \
    "$served" >"$dir/startup.json"
  log "$label ready on port $port after $seconds s (pid $server_pid)"
}

# check LABEL BODY: one request must answer 200 with predictions
check_classify() {
  local answer
  answer=$(curl -sS -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' \
           --data-binary "@$2" "$base/classify") || fail "$1: /classify did not answer"
  [[ ${answer##*$'\n'} == 200 && $answer == *predictions* ]] || fail "$1: /classify answered: $answer"
}

rss_kb() { ps -o rss= -p "$server_pid" | tr -d ' '; }

# load CONCURRENCY SECONDS PATH [BODY] [wrk options...]: runs wrk (output on stdout)
load() {
  local connections=$1 seconds=$2 path=$3 body=${4:-}
  shift 4 || shift $#
  local threads=$((wrk_threads < connections ? wrk_threads : connections))
  wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s "$@" \
      -s scripts/bench-wrk.lua "$base$path" -- "$body" &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=""
}

# other_pct FILE: the share of all cores (%) that processes other than the server and wrk took
other_pct() {
  python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))
print("%.1f" % (100 * max(0.0, c["busy_s"] - c["server_s"] - c["children_s"]) / (c["wall_s"] * c["cores"])))' "$1"
}

# scenario LABEL NAME CONCURRENCY PATH [BODY]: settle, then measure, with server-side counts, CPU
# and RSS; measured again (up to BENCH_RETRIES times, after waiting for quiet) when other processes
# took BENCH_QUIET_CPU % of the machine or more meanwhile
scenario() {
  local label=$1 name=$2 connections=$3 path=$4 body=${5:-}
  local out=$raw/$label/$name attempt other
  for ((attempt = 1; ; attempt++)); do
    load "$connections" "$settle" "$path" "$body" >/dev/null
    curl -fsS -m 10 "$base/actuator/prometheus" >"$out.prom-before" || true
    cpu_begin
    load "$connections" "$duration" "$path" "$body" --latency >"$out.wrk"
    cpu_end "$out.cpu"
    curl -fsS -m 10 "$base/actuator/prometheus" >"$out.prom-after" || true
    other=$(other_pct "$out.cpu")
    if busy_pct "$other" && ((patience_left > 0)); then
      log "$label $name: other processes took ${other}% of the machine: measuring again"
      wait_quiet /dev/null
      patience_left=$((patience_left - (settle + duration)))
      ((patience_left > 0)) || patience_left=0
      continue
    fi
    break
  done
  printf '{"concurrency":%d,"threads":%d,"duration_s":%s,"path":"%s","body":"%s","rss_kb_after":%s,"attempts":%d,"cpu":%s}\n' \
    "$connections" "$((wrk_threads < connections ? wrk_threads : connections))" "$duration" "$path" \
    "$(basename "${body:-none}")" "$(rss_kb)" "$attempt" "$(cat "$out.cpu")" >"$out.json"
  log "$label $name: $(grep -E '^Requests/sec' "$out.wrk" | tr -s ' ')"
}

# measure LABEL JAR FULL(yes|no) [ARGS...]
measure() {
  local label=$1 jar=$2 full=$3
  shift 3
  start_server "$label" "$jar" "$models" "$@"
  check_classify "$label" "$image_body"
  check_classify "$label" "$names_body"
  load 32 "$warmup" /classify "$image_body" >/dev/null
  if [[ $full == yes ]]; then
    load 8 3 /classify "$names_body" >/dev/null
  fi
  scenario "$label" image-c1 1 /classify "$image_body"
  scenario "$label" image-c8 8 /classify "$image_body"
  scenario "$label" image-c32 32 /classify "$image_body"
  if [[ $full == yes ]]; then
    scenario "$label" names-c32 32 /classify "$names_body"
    scenario "$label" liveness-c32 32 /actuator/health/liveness
  fi
  if [[ $label == current && $soak -gt 0 ]]; then
    soak_run "$label"
  fi
  stop_server
}

soak_run() {
  local dir=$raw/soak
  mkdir -p "$dir"
  log "soak: ${soak_warmup}s warm-up, then ${soak}s of image c=32 with RSS every ${soak_interval}s"
  load 32 "$soak_warmup" /classify "$image_body" >/dev/null
  (
    start=$(date +%s.%N)
    while kill -0 "$server_pid" 2>/dev/null; do
      printf '%s\t%s\n' "$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')" "$(rss_kb)"
      sleep "$soak_interval"
    done
  ) >"$dir/rss.tsv" &
  sampler_pid=$!
  cpu_begin
  load 32 "$soak" /classify "$image_body" --latency >"$dir/soak.wrk"
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  cpu_end "$dir/soak.cpu"
  printf '{"concurrency":32,"seconds":%s,"warmup_s":%s,"interval_s":%s,"cpu":%s}\n' "$soak" "$soak_warmup" \
    "$soak_interval" "$(cat "$dir/soak.cpu")" >"$dir/soak.json"
}

measure baseline "$baseline_jar" yes
measure current "$current_jar" yes "${current_args[@]}"
measure current-nobatch "$current_jar" no "${current_args[@]}" --rnn.serving.batching=false

for which in baseline current; do
  jar=$baseline_jar
  extra=()
  if [[ $which == current ]]; then
    jar=$current_jar
    extra=("${current_args[@]}")
  fi
  for ((attempt = 1; ; attempt++)); do
    began=$(date +%s)
    start_server "$which-default-models" "$jar" "$default_models" "${extra[@]}"
    stop_server
    other=$(other_pct "$raw/$which-default-models/startup.cpu")
    if busy_pct "$other" && ((patience_left > 0)); then
      log "$which-default-models: other processes took ${other}% of the machine during the start: again"
      patience_left=$((patience_left - $(date +%s) + began))
      ((patience_left > 0)) || patience_left=0
      continue
    fi
    break
  done
done

# ---- 6. in-process forward ----------------------------------------------------------------------
log "in-process forward pass (test class bench/ServingForwardBenchmark)"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
wait_quiet "$raw/inprocess-quiet.json"
cpu_begin
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
     -cp "$cp" io.github.rnnserving.bench.ServingForwardBenchmark "$bundle" "$fashion_dir" \
     "$raw/inprocess.json" "$inproc_seconds" "$inproc_rounds" >"$bench/logs/inprocess.log" 2>&1 \
  || { tail -n 30 "$bench/logs/inprocess.log" >&2; fail "the in-process benchmark failed"; }
cpu_end "$raw/inprocess-cpu.json"
grep -E '^\|' "$bench/logs/inprocess.log" >&2 || true

# ---- 7. results and report ----------------------------------------------------------------------
python3 scripts/bench_report.py collect --raw "$raw" --out "$bench/results.json" \
  --meta command="$command_line" baseline_ref="$baseline_ref" baseline_commit="$baseline_sha" \
         current_commit="$current_sha" current_dirty="$current_dirty" \
         same_serving_code="$same_serving_code" duration_s="$duration" warmup_s="$warmup" \
         settle_s="$settle" wrk_threads="$wrk_threads" image_index="$image_index" \
         train_limit="$train_limit" train_epochs="$train_epochs" model="$model" \
         java_opts="${BENCH_JAVA_OPTS:-}" current_args="${BENCH_CURRENT_ARGS:-}" \
         quiet_cpu="$quiet_cpu" patience_s="$patience" patience_left_s="$patience_left" note="${BENCH_NOTE:-}" run_seconds="$(($(date +%s) - started_at))"
report
log "done in $(($(date +%s) - started_at)) s: $bench/results.json, $docs/PERFORMANCE.md, $docs/performance.svg"
