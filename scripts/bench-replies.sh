#!/usr/bin/env bash
# Benchmarks the reply reader on one core: replies understood per second and p50/p99 latency.
# Usage: scripts/bench-replies.sh [warm-up seconds, default 5] [measured rounds over the labelled replies, default 200]
# Compiles the tests with Maven, then runs io.baifang.replies.ReplyReaderBenchmark from the test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bot-service test-compile
./mvnw -q -B -pl bot-service dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test >/dev/null
classpath="bot-service/target/test-classes:bot-service/target/classes:$(cat bot-service/target/bench-classpath.txt)"
# one active processor and a fixed heap, so that the figure is per core and not helped by parallel GC threads
exec java -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$classpath" \
    io.baifang.replies.ReplyReaderBenchmark "${1:-5}" "${2:-200}" config
