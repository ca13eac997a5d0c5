# syntax=docker/dockerfile:1.7
#
# The service image, CPU (default) or GPU. Two ways to get the jar into it:
#
# JAR_FROM=build (default, for Docker users): the build stage runs `mvn -B verify` like CI on
# Debian's JDK and Maven. The tests read the datasets next to the checkout, so the build needs
# them as a second build context named "shared":
#
#   docker buildx build --build-context shared=../shared -t rnn-serving .
#   docker buildx build --build-context shared=../shared --build-arg VARIANT=gpu -t rnn-serving:gpu .
#
# JAR_FROM=prebuilt: the jar that `mvn -B verify` has just built and tested, given as the build
# context "prebuilt" (what CI does, scripts/container-test.sh, with podman on local Debian bases):
#
#   podman build --pull=never --format docker --build-arg JAR_FROM=prebuilt \
#     --build-context prebuilt=target -t rnn-serving .
#
# Every base is Debian's (bookworm, bookworm-slim) except the GPU runtime's CUDA image;
# scripts/container-bases.sh makes the Debian ones from Debian's packages where nothing can be
# pulled. VARIANT=cpu: PyTorch 2.7.1 CPU natives from the jar, extracted at build time into
# DJL_CACHE_DIR by scripts/check-offline-start.sh (the same offline check as CI), so the container
# starts with no network. VARIANT=gpu: the jar without the CPU natives (Maven profile gpu) and
# DJL's CUDA 12.8 libtorch 2.7.1 downloaded from publish.djl.ai at build time (DJL publishes no
# Maven artifact for it); the host needs an NVIDIA driver for CUDA 12.8 and the NVIDIA Container
# Toolkit (docker run --gpus all).

ARG VARIANT=cpu
ARG JAR_FROM=build

# ---- the jar: built and tested here ----
FROM debian:bookworm AS jar-build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven dataset-fashion-mnist curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# ../shared (the datasets and golden files) is /src/shared, where the pom looks by default
WORKDIR /src/rnn-serving
COPY . .
ARG VARIANT
# extra-ca (optional build secret): a PEM certificate Maven must also trust, where a proxy
# re-signs HTTPS (--secret id=extra-ca,src=/usr/local/share/ca-certificates/proxy.crt)
RUN --mount=type=bind,from=shared,target=/src/shared \
    --mount=type=cache,target=/root/.m2 \
    --mount=type=secret,id=extra-ca,required=false \
    if [ -s /run/secrets/extra-ca ]; then \
      cp /run/secrets/extra-ca /usr/local/share/ca-certificates/extra-ca.crt && update-ca-certificates >/dev/null; \
    fi \
 && mvn -B verify -Drnn.variant=${VARIANT} \
 && mkdir -p /out && cp target/rnn-serving.jar /out/

# ---- the jar: built and tested before, outside ----
FROM debian:bookworm-slim AS jar-prebuilt
COPY --from=prebuilt rnn-serving.jar /out/rnn-serving.jar

FROM jar-${JAR_FROM} AS jar

# ---- runtime bases: a JRE, curl for the health check, no JDK ----
FROM debian:bookworm-slim AS runtime-cpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV PYTORCH_FLAVOR=cpu

# CUDA 12.8 with cuDNN (the recurrent kernels use it), Ubuntu's OpenJDK 17 JRE
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu22.04 AS runtime-gpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV PYTORCH_FLAVOR=cu128 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

# ---- the natives each variant puts into DJL_CACHE_DIR ----
# CPU: extracted from the jar by a start of it on the runtime's own java, offline
FROM runtime-cpu AS natives-cpu
WORKDIR /check
COPY --from=jar /out/rnn-serving.jar /check/rnn-serving.jar
COPY scripts/check-offline-start.sh /check/scripts/
COPY models/ /check/models/
# then named as DJL names a libtorch found by version and PYTORCH_FLAVOR (2.7.1-cpu-linux-x86_64),
# so the image can leave the 153 MB pytorch-native-cpu jar out of /app/lib
RUN scripts/check-offline-start.sh --cache-dir /opt/djl rnn-serving.jar \
 && for dir in /opt/djl/pytorch/*-*-cpu-linux-x86_64; do \
      mv "$dir" "/opt/djl/pytorch/$(basename "$dir" | cut -d- -f1)-cpu-linux-x86_64"; \
    done \
 && test -s /opt/djl/pytorch/*-cpu-linux-x86_64/libtorch_cpu.so \
 && chmod -R a+rX /opt/djl

FROM debian:bookworm-slim AS natives-gpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ARG PYTORCH_VERSION=2.7.1
ARG CUDA_FLAVOR=cu128
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# DJL's own layout (ai.djl.pytorch.jni.LibUtils): <cache>/pytorch/<version>-<flavor>-<classifier>/
RUN set -eu; \
    base="https://publish.djl.ai/pytorch/${PYTORCH_VERSION}"; \
    dir="/opt/djl/pytorch/${PYTORCH_VERSION}-${CUDA_FLAVOR}-linux-x86_64"; \
    mkdir -p "$dir"; \
    curl -fsSL "$base/files.txt" | tr -d '\r' | grep "^${CUDA_FLAVOR}/linux-x86_64/" > /tmp/files; \
    test -s /tmp/files; \
    while read -r file; do \
      name=$(basename "$file" .gz); \
      curl -fsSL "$base/$file" | gunzip > "$dir/$name"; \
    done < /tmp/files; \
    test -s "$dir/libtorch.so"

# the chosen variant's natives (COPY --from does not expand build arguments; FROM does)
FROM natives-${VARIANT} AS natives

# ---- the image ----
FROM runtime-${VARIANT}
ARG VARIANT
RUN groupadd --system --gid 10001 rnn \
 && useradd --system --uid 10001 --gid rnn --home-dir /app --no-create-home --shell /usr/sbin/nologin rnn \
 && mkdir -p /app /var/lib/rnn/models /var/lib/rnn/state /var/lib/rnn/data \
 && chown -R rnn:rnn /var/lib/rnn
COPY --from=natives --chown=rnn:rnn /opt/djl /opt/djl
# the default models; a volume on /var/lib/rnn/models replaces them (a new named volume starts
# as a copy of them)
COPY --chown=rnn:rnn models/ /var/lib/rnn/models/

# heap: a share of the container's memory limit (libtorch's tensors live outside the heap);
# an OutOfMemoryError ends the process so the orchestrator restarts it
ENV DJL_OFFLINE=true \
    DJL_CACHE_DIR=/opt/djl \
    RNN_MODELS_DIR=/var/lib/rnn/models \
    RNN_STATE_DIR=/var/lib/rnn/state \
    RNN_DATA_DIR=/var/lib/rnn/data \
    RNN_SECURITY_TOKENFILE=/var/lib/rnn/state/admin-token \
    SERVER_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"

# Start-up: the jar extracted into /app (classes read from plain jars rather than through Spring
# Boot's nested-jar loader) and a class-data-sharing archive, /app/rnn-serving.jsa, written by one
# training start of this image's own java on the default models (an archive holds only for the JVM
# that wrote it): about 40% less CPU to reach readiness (docs/STARTUP.md). The GPU variant's
# training start may fail on a build host without an NVIDIA driver; the image then starts without
# the archive, as a JVM does when the archive is missing. The jar and the script are mounted, not
# copied: neither stays in a layer.
RUN --mount=type=bind,from=jar,source=/out,target=/tmp/jar \
    --mount=type=bind,source=scripts/cds-layout.sh,target=/tmp/cds-layout.sh \
    /tmp/cds-layout.sh --models /var/lib/rnn/models --without-lib 'pytorch-native-*.jar' \
      /tmp/jar/rnn-serving.jar /app \
      || { test "${VARIANT}" = gpu && test -f /app/rnn-serving.jar; }

WORKDIR /app
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
# no arguments: the service; `train …` / `evaluate …`: the command line
# the archive is named here rather than in JAVA_OPTS, so that setting JAVA_OPTS keeps it
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=/app/rnn-serving.jsa $JAVA_OPTS -jar /app/rnn-serving.jar \"$@\"", "rnn-serving"]
