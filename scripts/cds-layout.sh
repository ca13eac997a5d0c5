#!/usr/bin/env bash
# Lays the service out for a fast start: the jar extracted (its classes read from plain jars, not
# through Spring Boot's nested-jar loader) plus a class-data-sharing archive of every class a start
# loads, written by one training start that exits once the context is up (models loaded).
#
#   scripts/cds-layout.sh [--models DIR] [--without-lib PATTERN] JAR DEST
#
# DEST receives rnn-serving.jar, lib/ and rnn-serving.jsa; start it with
#
#   java -XX:SharedArchiveFile=DEST/rnn-serving.jsa -jar DEST/rnn-serving.jar
#
# The archive holds only for the java that wrote it and for DEST at that same path: run this with
# the JVM, in the place, that will run the service (the Dockerfile does it in the runtime image).
# A JVM that cannot use the archive starts without it. --models: the models the training start
# loads (default ./models), so that DJL's and the model classes are in the archive too. The DJL
# cache (DJL_CACHE_DIR, ~/.djl.ai) must already hold the natives or the jar must carry them;
# nothing is downloaded. The training start's database, token and uploads go to a temporary folder.
# --without-lib: jars in DEST/lib matching PATTERN are removed before the archive is written (the
# CPU image drops pytorch-native-cpu, whose natives it already holds in DJL_CACHE_DIR).
set -euo pipefail

models=models
without=""
while [[ ${1:-} == --* ]]; do
  case $1 in
    --models) models=$2 ;;
    --without-lib) without=$2 ;;
    *) echo "cds-layout: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ $# -eq 2 ]] || { echo "usage: $0 [--models DIR] JAR DEST" >&2; exit 2; }
jar=$1
dest=$2
[[ -f $jar ]] || { echo "cds-layout: no jar at $jar" >&2; exit 1; }

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
java -Djarmode=tools -jar "$jar" extract --force --destination "$dest" --application-filename rnn-serving.jar
if [[ -n $without ]]; then
  find "$dest/lib" -maxdepth 1 -name "$without" -print -delete | sed 's/^/cds-layout: removed /' >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state" "$work/data" "$work/models"
if [[ -d $models ]]; then
  cp -R "$models/." "$work/models/"
fi

rm -f "$dest/rnn-serving.jsa"
# -Xlog:cds=error: the archive's notes on classes it cannot hold (pre-Java-6 class files in
# picocli, JDK-generated accessors) are expected and not worth a page of warnings
if ! env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
      -u SERVER_PORT DJL_OFFLINE=true RNN_ADMIN_TOKEN=cds-training \
    java -XX:ArchiveClassesAtExit="$dest/rnn-serving.jsa" -Xlog:cds=error \
         -Dspring.context.exit=onRefresh -Dai.djl.offline=true \
         -jar "$dest/rnn-serving.jar" --server.port=0 --server.address=127.0.0.1 \
         --rnn.models-dir="$work/models" --rnn.state-dir="$work/state" --rnn.data-dir="$work/data" \
         --rnn.security.token-file="$work/state/admin-token" >"$work/training.log" 2>&1; then
  tail -n 30 "$work/training.log" >&2
  echo "cds-layout: the training start failed: $dest has no archive (the service starts without one)" >&2
  rm -f "$dest/rnn-serving.jsa"
  exit 1
fi
[[ -s $dest/rnn-serving.jsa ]] || { echo "cds-layout: no archive written" >&2; exit 1; }
echo "cds-layout: $dest/rnn-serving.jar with $dest/rnn-serving.jsa ($(du -h "$dest/rnn-serving.jsa" | cut -f1))"
