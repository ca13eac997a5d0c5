#!/usr/bin/env bash
# Builds the CPU image with podman from a jar already built and tested, runs it, and runs the
# compose stack (PostgreSQL + two replicas) through Debian's docker-compose against podman's API.
# `.ci/run` calls it after `mvn -B verify`; docs/CONTAINERS.md says what each part proves.
#
#   scripts/container-test.sh [JAR]        (JAR: target/rnn-serving.jar)
#
# Needs root, podman (runc), debootstrap, docker-compose, curl and python3, and ../shared/data
# ($RNN_SHARED_DIR/data). Writes target/container-test.txt (sizes and timings). Images and
# containers it makes are named rnn-ci*/rnnci*; the base images stay for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${1:-target/rnn-serving.jar}
shared=${RNN_SHARED_DIR:-../shared}
image=localhost/rnn-serving:ci
report=target/container-test.txt
project=rnnci
port1=${RNN_CI_PORT:-18080}
port2=${RNN_CI_REPLICA_PORT:-18081}
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
start=$SECONDS

log() { printf 'container-test [%4ds]: %s\n' $((SECONDS - start)) "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
record() { echo "$*" >>"$report"; log "$*"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

[[ -f $jar ]] || fail "no jar at $jar (mvn -B verify builds it)"
[[ -d $shared/data/names ]] || fail "no datasets at $shared/data"
shared=$(cd "$shared" && pwd)
mkdir -p target
: >"$report"

api_pid=""
beat_pid=""
cleanup() {
  set +e
  [[ -n $api_pid ]] && compose --profile replica down -v >/dev/null 2>&1
  podman rm -f rnn-ci >/dev/null 2>&1
  [[ -n $beat_pid ]] && kill "$beat_pid" 2>/dev/null
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT

# ---- image -------------------------------------------------------------------------------
phase=$SECONDS
scripts/container-bases.sh
record "bases: $((SECONDS - phase)) s (debootstrap and the PostgreSQL image; kept for later runs)"

phase=$SECONDS
# VARIANT is passed although it is the default: podman 4.3 skips stages reached through a
# build argument's default (FROM natives-${VARIANT}) unless the argument is given
podman build --pull=never --format docker --build-arg VARIANT=cpu --build-arg JAR_FROM=prebuilt \
  --build-context prebuilt="$(dirname "$jar")" -t $image -t localhost/rnn-serving:latest . \
  >target/container-build.log 2>&1 || { tail -n 40 target/container-build.log >&2; fail "podman build"; }
size=$(podman image inspect --format '{{.Size}}' $image)
record "image: built in $((SECONDS - phase)) s, $(numfmt --to=iec "$size") ($size bytes)"
[[ $(podman image inspect --format '{{.Config.Healthcheck.Test}}' $image) == *actuator/health/readiness* ]] \
  || fail "the image has no HEALTHCHECK (built without --format docker?)"

# what the image must not hold: a JDK, build tools, git, the datasets, the golden files
podman run --rm --network none --entrypoint sh $image -c '
  set -e
  for tool in javac jshell jlink mvn gradle git; do
    if command -v "$tool" >/dev/null 2>&1; then echo "image holds $tool"; exit 1; fi
  done
  test ! -d /usr/share/maven && test ! -d /root/.m2 && test ! -d /usr/share/datasets || { echo "image holds Maven or datasets"; exit 1; }
  found=$(find / -xdev \( -name "*-ubyte*" -o -name "*.idx3*" -o -name "PROVENANCE.md" -o -name "*.tsv" \
            -o -path "*/golden/*" -o -name "*.class" -path "*/test-classes/*" \) -print 2>/dev/null | head -n 5)
  test -z "$found" || { echo "image holds test data: $found"; exit 1; }
  test -z "$(ls -A /var/lib/rnn/data)" || { echo "image holds data in /var/lib/rnn/data"; exit 1; }
  java -version 2>&1 | head -n 1
' >target/container-contents.log 2>&1 || { cat target/container-contents.log >&2; fail "image contents"; }
record "image contents: no JDK, Maven, git or test data; runtime $(tail -n 1 target/container-contents.log)"

# ---- one container, no network --------------------------------------------------------------
healthy() { # CONTAINER TIMEOUT: runs the image's health check until it passes
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ $(podman inspect --format '{{.State.Running}}' "$1" 2>/dev/null) == true ]] \
      || { podman logs --tail 40 "$1" >&2; fail "$1 is not running"; }
    podman healthcheck run "$1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  podman logs --tail 40 "$1" >&2
  fail "$1 not healthy within $2 s"
}
inside() { podman exec -i rnn-ci curl -sS -m 60 "$@"; }

phase=$SECONDS
podman run -d --name rnn-ci --network none -e RNN_ADMIN_TOKEN="$token" \
  -v "$shared/data:/var/lib/rnn/data:ro" $image >/dev/null 2>&1
healthy rnn-ci 180
record "container (--network none): healthy $((SECONDS - phase)) s after podman run"

uid=$(podman exec rnn-ci sh -c 'awk "/^Uid:/ {print \$2}" /proc/1/status')
comm=$(podman exec rnn-ci cat /proc/1/comm)
[[ $uid == 10001 && $comm == java ]] || fail "process 1 is $comm with uid $uid, expected java as 10001"
record "process: java as uid $uid (non-root)"

seven=$(inside -X POST http://127.0.0.1:8080/classify -F model=mnist -F 'file=@-;filename=seven.png' \
  <docs/examples/seven.png)
top=$(json 'd["predictions"][0]["label"]' <<<"$seven") || fail "classify seven.png: $seven"
[[ $top == 7 ]] || fail "seven.png classified as $top: $seven"
name=$(inside -X POST http://127.0.0.1:8080/classify -H 'Content-Type: application/json' \
  -d '{"model": "names", "text": "Nakamura", "topK": 1}')
top=$(json 'd["predictions"][0]["label"]' <<<"$name") || fail "classify Nakamura: $name"
[[ $top == Japanese ]] || fail "Nakamura classified as $top: $name"
# the Open Inference Protocol, as KServe's probes and clients call it (deploy/kserve)
inside -f http://127.0.0.1:8080/v2/health/ready | grep -q '"ready":true' || fail "/v2/health/ready is not ready"
v2=$(inside -X POST http://127.0.0.1:8080/v2/models/names/infer -H 'Content-Type: application/json' \
  -d '{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["Nakamura"]}], "outputs": [{"name": "label"}]}')
top=$(json 'd["outputs"][0]["data"][0]' <<<"$v2") || fail "v2 infer: $v2"
[[ $top == Japanese ]] || fail "v2 infer labelled Nakamura $top: $v2"
record "classify: seven.png -> 7, Nakamura -> Japanese (also through /v2/models/names/infer)"

submit_job() { # CURL... : submits a small names job through the given curl, prints its id
  "$@" -X POST "http://127.0.0.1:8080/training-jobs" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$job_body" | json 'd["id"]'
}
job_state() { "$@" | json 'd["state"]'; }

phase=$SECONDS
job_body='{"model": "ci-names", "dataset": "names", "limit": 600,
  "architecture": {"cell": "gru", "layers": 1, "hiddenSize": 16},
  "training": {"epochs": 1, "batchSize": 64, "learningRate": 0.01}}'
job=$(submit_job inside) || fail "submitting a training job"
state=""
deadline=$((SECONDS + 300))
while ((SECONDS < deadline)); do
  state=$(inside "http://127.0.0.1:8080/training-jobs/$job" | json 'd["state"]')
  [[ $state == SUCCEEDED || $state == FAILED || $state == CANCELLED ]] && break
  sleep 2
done
[[ $state == SUCCEEDED ]] || { podman logs --tail 40 rnn-ci >&2; fail "training job ended $state"; }
inside http://127.0.0.1:8080/models | grep -q '"ci-names"' || fail "the trained model is not registered"
record "training job (names, 600 samples, 1 epoch): SUCCEEDED in $((SECONDS - phase)) s, model registered"
podman rm -f rnn-ci >/dev/null 2>&1

# ---- compose: PostgreSQL and two replicas ---------------------------------------------------
# docker-compose (1.29, Debian) speaks Docker's API: podman serves it on a socket. Health checks
# run from systemd timers under podman, and there is no systemd here: a loop runs them instead,
# which is what docker-compose's `condition: service_healthy` waits on.
socket=/run/podman/podman.sock
mkdir -p "$(dirname "$socket")"
podman system service --time=0 "unix://$socket" >target/podman-service.log 2>&1 &
api_pid=$!
for _ in $(seq 50); do [[ -S $socket ]] && break; sleep 0.2; done
[[ -S $socket ]] || fail "podman system service did not open $socket"
export DOCKER_HOST=unix://$socket
(
  while sleep 2; do
    for c in $(podman ps -q --filter "label=com.docker.compose.project=$project"); do
      podman healthcheck run "$c" >/dev/null 2>&1 || true
    done
  done
) &
beat_pid=$!

compose() {
  RNN_ADMIN_TOKEN=$token RNN_DATA=$shared/data RNN_PORT=$port1 RNN_REPLICA_PORT=$port2 \
    docker-compose -p $project -f docker-compose.yml -f docker-compose.local.yml "$@"
}
container_of() { # SERVICE: its container's name
  podman ps -a --format '{{.Names}}' --filter "label=com.docker.compose.project=$project" \
    --filter "label=com.docker.compose.service=$1" | head -n 1
}
health_of() { podman inspect --format '{{.State.Health.Status}}' "$(container_of "$1")" 2>/dev/null; }
wait_healthy() { # TIMEOUT SERVICE...
  local deadline=$((SECONDS + $1)) service all
  shift
  while ((SECONDS < deadline)); do
    all=yes
    for service in "$@"; do [[ $(health_of "$service") == healthy ]] || all=""; done
    [[ -n $all ]] && return 0
    sleep 2
  done
  for service in "$@"; do log "$service: $(health_of "$service")"; done
  fail "not healthy within the time: $*"
}

# what an interrupted run may have left
compose --profile replica down -v >/dev/null 2>&1 || true

phase=$SECONDS
# as README gives it: the stack, then the replica through its profile
compose up -d >target/compose-up.log 2>&1 || { cat target/compose-up.log >&2; fail "docker-compose up"; }
[[ -z $(container_of rnn-serving-2) ]] || fail "rnn-serving-2 started without its profile"
# depends_on: service_healthy held the service back until PostgreSQL was healthy
pg_started=$(podman inspect --format '{{.State.StartedAt}}' "$(container_of postgres)")
app_started=$(podman inspect --format '{{.State.StartedAt}}' "$(container_of rnn-serving)")
compose --profile replica up -d >>target/compose-up.log 2>&1 \
  || { cat target/compose-up.log >&2; fail "docker-compose --profile replica up"; }
[[ -n $(container_of rnn-serving-2) ]] || fail "--profile replica did not start rnn-serving-2"
wait_healthy 240 postgres rnn-serving rnn-serving-2
gap=$(python3 - "$pg_started" "$app_started" <<'EOF'
import sys, datetime
def t(s):  # podman's time: 2026-11-30 02:23:42.276123 +0000 UTC
    day, clock = s.split(" ")[:2]
    return datetime.datetime.fromisoformat(day + "T" + clock[:15])
print(round((t(sys.argv[2]) - t(sys.argv[1])).total_seconds(), 1))
EOF
)
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0.5 else 1)" "$gap" \
  || fail "rnn-serving started ${gap} s after postgres: depends_on service_healthy did not wait"
record "compose: postgres, rnn-serving, then rnn-serving-2 (--profile replica) all healthy $((SECONDS - phase)) s after the first up; rnn-serving started ${gap} s after postgres (service_healthy)"

on() { curl -sS -m 60 "http://127.0.0.1:$1${2}" "${@:3}"; }
for port in $port1 $port2; do
  on $port /classify -H 'Content-Type: application/json' -d '{"model": "names", "text": "Nakamura", "topK": 1}' \
    | grep -q '"Japanese"' || fail "replica on :$port does not classify"
done

# a job on replica 1; replica 1 killed mid-job and kept down; replica 2 finishes it
phase=$SECONDS
# long enough (about 4 s an epoch here) for the kill to land mid-job and the takeover to resume
job_body='{"model": "ci-failover", "dataset": "names", "limit": 8000,
  "architecture": {"cell": "lstm", "layers": 1, "hiddenSize": 64},
  "training": {"epochs": 12, "batchSize": 32, "learningRate": 0.005}}'
job=$(curl -sS -m 60 -X POST "http://127.0.0.1:$port1/training-jobs" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "$job_body" | json 'd["id"]') || fail "submitting the failover job"
first=$(container_of rnn-serving)
deadline=$((SECONDS + 180))
owner=""
while ((SECONDS < deadline)); do
  status=$(on $port1 "/training-jobs/$job")
  epoch=$(json '(d.get("progress") or {}).get("epoch") or 0' <<<"$status")
  state=$(json 'd["state"]' <<<"$status")
  [[ $state == RUNNING && $epoch -ge 2 ]] && break
  [[ $state == SUCCEEDED || $state == FAILED ]] && fail "the job ended ($state) before the kill"
  sleep 1
done
[[ $state == RUNNING ]] || fail "the job did not reach epoch 2: $status"
echo "$status" >target/container-job-before-kill.json
ran_by=$(json 'd["ranBy"]' <<<"$status")
[[ $ran_by == "$(podman inspect --format '{{.Config.Hostname}}' "$first")"-* ]] \
  || fail "replica 1 ($first) is not the one running $job: ranBy $ran_by"
podman kill --signal KILL "$first" >/dev/null
[[ $(on $port2 "/training-jobs/$job" | json 'd["state"]') == RUNNING ]] \
  || fail "the job was no longer running when its replica was killed"
record "failover: job $job at epoch $epoch on $first; that container killed (SIGKILL) and kept down"
deadline=$((SECONDS + 300))
while ((SECONDS < deadline)); do
  state=$(on $port2 "/training-jobs/$job" | json 'd["state"]')
  [[ $state == SUCCEEDED || $state == FAILED || $state == CANCELLED ]] && break
  sleep 2
done
[[ $state == SUCCEEDED ]] || fail "the job ended $state on replica 2"
[[ $(podman inspect --format '{{.State.Running}}' "$first") == false ]] || fail "$first came back"
second=$(container_of rnn-serving-2)
ran_by=$(on $port2 "/training-jobs/$job" | json 'd["ranBy"]')
[[ $ran_by == "$(podman inspect --format '{{.Config.Hostname}}' "$second")"-* ]] \
  || fail "the job did not finish on replica 2 ($second): ranBy $ran_by"
on $port2 "/training-jobs/$job" >target/container-job-after.json
resumed=$(json 'd["progress"]["resumedAfterEpoch"]' <target/container-job-after.json)
attempts=$(json 'd["attempts"]' <target/container-job-after.json)
((resumed >= 1 && attempts == 2)) || fail "expected a second attempt resumed from a checkpoint: attempts $attempts, resumed after epoch $resumed"
record "failover: replica 2 resumed it after epoch $resumed (attempt $attempts) and finished it, SUCCEEDED $((SECONDS - phase)) s after submission (takeover waits rnn.jobs.heartbeat x missed-heartbeats = 30 s)"

# the models, state and database volumes survive down/up
phase=$SECONDS
models_json='sorted((m["name"], m["servingVersion"], m["versions"]) for m in d)'
versions_before=$(on $port2 /models | json "$models_json")
marker=$token
podman exec "$second" sh -c "echo $marker > /var/lib/rnn/state/ci-marker"
compose --profile replica down >target/compose-down.log 2>&1 || { cat target/compose-down.log >&2; fail "docker-compose down"; }
compose --profile replica up -d >target/compose-up2.log 2>&1 || { cat target/compose-up2.log >&2; fail "docker-compose up (again)"; }
wait_healthy 240 postgres rnn-serving rnn-serving-2
versions_after=$(on $port1 /models | json "$models_json")
[[ $versions_before == "$versions_after" ]] || fail "models changed over down/up: $versions_before vs $versions_after"
[[ $(podman exec "$(container_of rnn-serving)" cat /var/lib/rnn/state/ci-marker) == "$marker" ]] \
  || fail "the state volume lost a file over down/up"
[[ $versions_after == *ci-failover* ]] || fail "the trained model is gone after down/up"
[[ $(on $port1 "/training-jobs/$job" | json 'd["state"]') == SUCCEEDED ]] || fail "the job is gone after down/up"
on $port1 /classify -H 'Content-Type: application/json' -d '{"model": "ci-failover", "text": "Nakamura"}' \
  | grep -q '"predictions"' || fail "the trained model does not classify after down/up"
record "volumes: models, state, job (PostgreSQL) and trained model kept over down/up; healthy again in $((SECONDS - phase)) s"

record "total: $((SECONDS - start)) s"
