#!/usr/bin/env bash
# Profiles the gateway under maximum load (wrk) with Java Flight Recorder and prints where its CPU goes:
# the hottest methods (self time) and the hottest frames of the gateway's own code (inclusive), from
# jdk.ExecutionSample. The recording stays in bench/.work for JDK Mission Control.
#
#   bench/profile.sh            # json mode, 30 s of load after a 10 s warm-up
#   MODE=sse SECONDS_UNDER_LOAD=60 bench/profile.sh
set -euo pipefail
MODE=${MODE:-json}
SECONDS_UNDER_LOAD=${SECONDS_UNDER_LOAD:-30}
TARGETS=gateway
# shellcheck source=run.sh
source "$(dirname "$0")/run.sh"
RECORDING=$WORK/gateway-$MODE.jfr
GATEWAY_JAVA_OPTS="-XX:StartFlightRecording=settings=profile,filename=$WORK/gateway-%p.jfr ${GATEWAY_JAVA_OPTS:-}"
ensure_tools
start_nginx
start_gateways
check_target gateway "$MODE"
warm_up gateway "$MODE"
pid=$(target_pids gateway "$MODE")
jcmd "$pid" JFR.stop > /dev/null 2>&1 || true
jcmd "$pid" JFR.start name=load settings=profile > /dev/null
script=$(wrk_script gateway "$MODE")
before=$(cpu_ticks "$pid")
wrk -t2 -c64 -d"${SECONDS_UNDER_LOAD}s" -s "$script" "$(target_url gateway "$MODE")" | tee "$WORK/profile-wrk.out"
after=$(cpu_ticks "$pid")
requests=$(awk '/requests in/ {print $1}' "$WORK/profile-wrk.out")
echo "gateway CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs"
jcmd "$pid" JFR.dump name=load filename="$RECORDING" > /dev/null
jfr print --events jdk.ExecutionSample --stack-depth 64 "$RECORDING" > "$WORK/samples.txt"
python3 "$BENCH/jfr_top.py" "$WORK/samples.txt" | tee "$WORK/profile.txt"
