#!/usr/bin/env bash
# What keeping LSTMs off oneDNN costs (docs/NUMERICS.md): row-LSTM images/s with libtorch's oneDNN
# switch on and off, in one process, at 1 and 2 intra-op threads.
# Usage: scripts/bench-lstm-kernels.sh [seconds-per-cell] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
for threads in 1 2; do
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
       -cp "$cp" io.github.rnnserving.bench.LstmKernelBenchmark "${1:-1.5}" "${2:-3}" 2>/dev/null
  echo
done
