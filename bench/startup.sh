#!/usr/bin/env bash
# Start-up time of the one-command platform: runs `java -jar creditgate.jar` RUNS times, each with a fresh data
# directory, and reports the seconds from the command to the banner (and the banner's own "started in"). Every line
# the launcher prints is kept with its arrival time (seconds since the command) in $WORK/run-<n>.console, so a
# breakdown can be read from it (docs/performance.md, "Start-up").
#
#   bench/startup.sh [creditgate.jar]          RUNS=3, PORT_BASE=27180, WORK=/tmp/creditgate-startup-<pid>
#   EXTRA="--verbose" bench/startup.sh         arguments for the launcher
# The environment is passed on (CREDITGATE_SERVICE_JAVA_OPTIONS, CREDITGATE_CDS, ...). Other load on the machine
# changes every number: compare only runs made back to back.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$ROOT/platform/target/creditgate.jar}
RUNS=${RUNS:-3}
PORT_BASE=${PORT_BASE:-27180}
WORK=${WORK:-/tmp/creditgate-startup-$$}
mkdir -p "$WORK"
for run in $(seq 1 "$RUNS"); do
  data=$WORK/data-$run
  console=$WORK/run-$run.console
  rm -rf "$data"
  CREDITGATE_START_TIMEOUT_SECONDS=${CREDITGATE_START_TIMEOUT_SECONDS:-900} CREDITGATE_DATA_DIR=$data CREDITGATE_GATEWAY_PORT=$PORT_BASE CREDITGATE_LEDGER_PORT=$((PORT_BASE + 1)) \
    CREDITGATE_ALERT_PORT=$((PORT_BASE + 2)) CREDITGATE_PAYMENT_PORT=$((PORT_BASE + 3)) \
    CREDITGATE_CONSOLE_PORT=$((PORT_BASE + 4)) \
    java -jar "$JAR" ${EXTRA:-} > >(perl -MTime::HiRes=time -e '$s = time; $| = 1;
      while (<STDIN>) { printf "%7.2f %s", time - $s, $_ }' > "$console") 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if grep -q "Creditgate is running\|could not start" "$console" 2>/dev/null; then break; fi
    sleep 0.5
  done
  banner=$(grep -m1 "Creditgate is running\|could not start" "$console" || echo "no banner")
  lines_before=$(awk '/Creditgate is running|could not start/{exit} {n++} END{print n+0}' "$console")
  # CPU seconds the launcher and its services used until then: less at the mercy of other load than the wall time.
  cpu=$(ps -o times= -p "$pid" --ppid "$pid" | awk '{s += $1} END {print s}')
  echo "run $run: $banner | CPU s (launcher + services): $cpu | console lines before the banner: $lines_before"
  # Each service's wall and CPU time to healthy, as the launcher logged them (this launcher's platform.log).
  grep -ho "[a-z-]* healthy after .*" "$data/logs/platform.log" 2>/dev/null | sed 's/^/    /' || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  sleep 1
done
echo "consoles: $WORK/run-*.console"
