#!/usr/bin/env bash
# Ledger benchmark: fold throughput (UsageRecorded/s from Kafka to committed ledger state) and audit replay
# throughput (events/s of `replay --verify`), on embedded Kafka, PostgreSQL and Redis (the test infrastructure),
# in one JVM. Prints the BENCH lines; with PROFILE=1 also records the run with Java Flight Recorder and prints the
# hottest methods (jdk.ExecutionSample). Each measurement checks that every balance is exact.
#
#   bench/ledger.sh
#   FOLD_EVENTS=50000 FOLD_USERS=2000 FOLD_WARMUP=10000 REPLAY_EVENTS=2000000 bench/ledger.sh   # warm-up drain first (fold.cold.*)
#   PROFILE=1 ONLY=replayThroughput bench/ledger.sh
#   JAVA_OPTS_EXTRA="-Dcreditgate.intake.usage-consumers=6" ONLY=foldThroughput bench/ledger.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work
mkdir -p "$WORK"
FOLD_EVENTS=${FOLD_EVENTS:-20000}
FOLD_USERS=${FOLD_USERS:-1000}
FOLD_WARMUP=${FOLD_WARMUP:-10000}
REPLAY_EVENTS=${REPLAY_EVENTS:-1000000}
ONLY=${ONLY:-}
ARGLINE="-Xmx2g ${JAVA_OPTS_EXTRA:-}"
if [[ ${PROFILE:-0} == 1 ]]; then
  rm -f "$WORK"/ledger-*.jfr
  ARGLINE="$ARGLINE -XX:+FlightRecorder -XX:StartFlightRecording=settings=profile,filename=$WORK/ledger-bench.jfr,dumponexit=true"
fi
TEST=LedgerBenchmark${ONLY:+#$ONLY}
./mvnw -o -q -B -pl ledger-service test -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.fold.events="$FOLD_EVENTS" -Dbench.fold.users="$FOLD_USERS" -Dbench.fold.warmup="$FOLD_WARMUP" -Dbench.replay.events="$REPLAY_EVENTS" \
  -DargLine="$ARGLINE" > "$WORK/ledger-bench.log" 2>&1 || { tail -50 "$WORK/ledger-bench.log"; exit 1; }
grep '^BENCH' "$WORK/ledger-bench.log" | tee "$WORK/ledger-bench.txt"
if [[ ${PROFILE:-0} == 1 ]]; then
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/ledger-bench.jfr" > "$WORK/ledger-samples.txt"
  python3 "$ROOT/bench/jfr_top.py" "$WORK/ledger-samples.txt" | tee "$WORK/ledger-profile.txt"
fi
