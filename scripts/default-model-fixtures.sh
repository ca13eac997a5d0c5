#!/usr/bin/env bash
# Rewrites src/test/resources/default-model-probabilities/*.json from the committed default models,
# computed in float64 by the test-side ReferenceNetwork (no fused kernel). Run after retraining a
# default model; DefaultModelsExactnessTest then holds the service to these numbers within 1e-4.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
     -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
     io.github.rnnserving.defaults.DefaultModelFixtures
