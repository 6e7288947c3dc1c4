#!/usr/bin/env bash
# Dashboard benchmark (issue 12): the usage page of a heavy user and the admin's organisation report with 1,000,000
# usage events in the ledger, over HTTP on the running ledger's port, against the old way of computing the same
# reports (a GROUP BY of the statement lines) in the same run.
#
# Seeding: the events are written through the read model's own batch write (UsageWrites: statement lines, account,
# grant burns and the quarter-hour usage_bucket aggregate in one statement per 5,000 events), not through Kafka and the
# aggregate (~3,000 events/s there, bench/ledger.sh: about six minutes for a million). 1,000 users, 8 models, 90 days,
# chat sessions of 1-12 calls; one heavy user holds 100,000 of the events. Embedded PostgreSQL, Kafka and Redis, one JVM
# (ledger-service's test infrastructure). Every report is checked equal to the old way's answer.
#
#   bench/dashboard.sh
#   DASH_EVENTS=200000 DASH_HEAVY=20000 bench/dashboard.sh      # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work
mkdir -p "$WORK"
DASH_EVENTS=${DASH_EVENTS:-1000000}
DASH_USERS=${DASH_USERS:-1000}
DASH_HEAVY=${DASH_HEAVY:-100000}
DASH_ROUNDS=${DASH_ROUNDS:-30}
DASH_WARMUP=${DASH_WARMUP:-5}
ARGLINE="-Xmx3g ${JAVA_OPTS_EXTRA:-}"
./mvnw -o -q -B -pl ledger-service -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.dashboard.events="$DASH_EVENTS" -Dbench.dashboard.users="$DASH_USERS" -Dbench.dashboard.heavy="$DASH_HEAVY" \
  -Dbench.dashboard.rounds="$DASH_ROUNDS" -Dbench.dashboard.warmup="$DASH_WARMUP" \
  -DargLine="$ARGLINE" > "$WORK/dashboard-bench.log" 2>&1 || { tail -50 "$WORK/dashboard-bench.log"; exit 1; }
grep '^PLAN' "$WORK/dashboard-bench.log" > "$WORK/dashboard-plan.txt" || true
grep '^BENCH' "$WORK/dashboard-bench.log" | tee "$WORK/dashboard-bench.txt"
