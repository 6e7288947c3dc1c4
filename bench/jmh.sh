#!/usr/bin/env bash
# Runs the gateway's JMH micro-benchmarks (token counting and SSE metering; their sources are in
# gateway-service/src/test/java, named *Benchmark) and writes bench/.work/jmh.json.
#
#   bench/jmh.sh                       # all of them (about 3 minutes)
#   bench/jmh.sh TokenCounting -f 1    # any JMH options: a name filter, forks, iterations...
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/bench/.work
mkdir -p "$WORK"
cd "$ROOT"
./mvnw -q -B -pl gateway-service -am test-compile -DskipTests
./mvnw -q -B -pl gateway-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/jmh.classpath"
CLASSPATH="gateway-service/target/test-classes:gateway-service/target/classes:$(cat "$WORK/jmh.classpath")"
java -cp "$CLASSPATH" org.openjdk.jmh.Main -rf json -rff "$WORK/jmh.json" "${@:-Benchmark}"
