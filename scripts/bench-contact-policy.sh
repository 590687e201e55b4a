#!/usr/bin/env bash
# Contact-policy decisions per second on Redis from one client, batched: the production store (a compact
# record per customer, one Lua script per decision, batches pipelined) and, in the same run, the obvious
# design (one Lua script per customer over a sorted set per window, pipelined the same way), with the ratio.
#
#   scripts/bench-contact-policy.sh [customers=30000] [batch=1000] [batches-in-flight=4]
#
# Needs a Redis on loopback (BAIFANG_TEST_REDIS_HOST/_PORT, default 127.0.0.1:6379); refuses any other
# host. Bounded: customers × 7 rounds (a month of dispatch) = 210,000 decisions per design and run by
# default; a warm-up and two measured runs per design, at most 120 s per round; writes only keys under a
# fresh bench:<id>: prefix and deletes them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl bot-service test-compile
./mvnw -q -B -pl bot-service dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

# run from the repository root so config/contact-policy.yml resolves, as the service does
exec java -Xms512m -Xmx1g -XX:+UseParallelGC \
    -cp "bot-service/target/test-classes:bot-service/target/classes:$(cat bot-service/target/bench-classpath.txt)" \
    io.baifang.contactpolicy.ContactPolicyBenchmark "$@"
