#!/usr/bin/env bash
# Holds STREAMS concurrent streamed chat answers open through the gateway (-Xmx512m, full accounting)
# and reports its heap while they are all open, then checks every stream ended with a 200 and was charged.
# The upstream is nginx serving the benchmark's SSE answer at RATE_BYTES_PER_S (limit_rate), so each
# stream stays open about 4 KB / rate seconds.
#
#   bench/streams.sh                  # 10,000 streams, each ~40 s
#   STREAMS=2000 bench/streams.sh
set -euo pipefail
STREAMS=${STREAMS:-10000}
RATE_BYTES_PER_S=${RATE_BYTES_PER_S:-100}
SLOW_SSE=18003
GATEWAY_SLOW=18023
TARGETS=gateway
# shellcheck source=run.sh
source "$(dirname "$0")/run.sh"
ensure_tools
# The per-process limit of open files bounds how many streams one gateway can hold: each takes two
# sockets (client and upstream). Where it cannot be raised (a container without CAP_SYS_RESOURCE), say so.
ulimit -n 65536 2>/dev/null || echo "open files limited to $(ulimit -n) per process: at most ~$(( $(ulimit -n) / 2 - 200 )) streams per gateway"
start_nginx
sse_file=$ROOT/gateway-service/src/test/resources/io/creditgate/gateway/bench/chat-stream.sse
sse=$(sed "s/'/\\\\'/g" "$sse_file")
# Two workers: each is a process with its own open-files limit; one socket per stream each.
cat > "$WORK/slow.conf" <<CONF
worker_processes 2;
worker_rlimit_nofile 65536;
pid $WORK/slow.pid;
error_log $WORK/slow-error.log warn;
events { worker_connections 30000; }
http {
  access_log off;
  server { listen 127.0.0.1:$SLOW_SSE backlog=16384;
    location / { default_type text/event-stream; limit_rate $RATE_BYTES_PER_S; return 200 '$sse'; } }
}
CONF
nginx -c "$WORK/slow.conf" -p "$WORK"
trap 'cleanup; [[ -f $WORK/slow.pid ]] && kill "$(cat "$WORK/slow.pid")" 2>/dev/null || true' EXIT

# Infrastructure from creditgate.jar, then one gateway in front of the slow upstream.
rm -f "$WORK/infra.env"
CREDITGATE_ENV_FILE=$WORK/infra.env CREDITGATE_GATEWAY_PORT=18030 \
  java -jar "$WORK/creditgate.jar" --infrastructure-only > "$WORK/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do [[ -s $WORK/infra.env ]] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$WORK/infra.env"
SERVER_PORT=$GATEWAY_SLOW CREDITGATE_SPOOL_DIRECTORY=$WORK/spool-streams CREDITGATE_SERVICE_KEY=$SERVICE_KEY \
  CREDITGATE_UPSTREAM_URL=http://127.0.0.1:$SLOW_SSE CREDITGATE_STARTING_CREDITS=1000000000000 \
  CREDITGATE_LIMITS_CONCURRENT_STREAMS_PER_USER=0 \
  java -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError ${GATEWAY_JAVA_OPTS:-} -jar "$WORK/gateway-service.jar" \
  > "$WORK/gateway-streams.log" 2>&1 &
gateway=$!
PIDS+=($gateway)
await_http "http://127.0.0.1:$GATEWAY_SLOW/actuator/health" "gateway (streams)"

stream_seconds=$(( $(wc -c < "$sse_file") / RATE_BYTES_PER_S ))
echo "Opening $STREAMS streams (each about $stream_seconds s)"
h2load --h1 -t2 -c "$STREAMS" -n "$STREAMS" -d "$BENCH/request-stream.json" \
  -H "Content-Type: application/json" -H "Authorization: Bearer $SERVICE_KEY" -H "X-User-Id: bench-user" \
  "http://127.0.0.1:$GATEWAY_SLOW/v1/chat/completions" > "$WORK/streams-h2load.out" 2>&1 &
load=$!
peak_open=0 peak_heap_mb=0
for _ in $(seq 1 $(( stream_seconds * 3 ))); do
  sleep 1
  kill -0 "$load" 2>/dev/null || break
  open=$(curl -s "http://127.0.0.1:$GATEWAY_SLOW/actuator/metrics/creditgate.streams.open" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo 0)
  if (( open > peak_open )); then peak_open=$open; fi
  if (( open >= STREAMS * 99 / 100 )) && (( peak_heap_mb == 0 )); then
    # All open: collect, then read what stays live (the streams' own footprint).
    jcmd "$gateway" GC.run > /dev/null
    peak_heap_mb=$(jcmd "$gateway" GC.heap_info | python3 -c '
import re,sys
text=sys.stdin.read()
m=re.search(r"used (\d+)K", text)
print(int(m.group(1))//1024 if m else -1)')
    rss_mb=$(( $(awk '/VmRSS/ {print $2}' "/proc/$gateway/status") / 1024 ))
    echo "all $open streams open: live heap after a full GC ${peak_heap_mb} MB (of 512), process RSS ${rss_mb} MB"
    jcmd "$gateway" GC.class_histogram | head -25 > "$WORK/streams-histogram.txt"
  fi
done
wait "$load" || true
grep -E "requests:|status codes:" "$WORK/streams-h2load.out"
echo "peak streams open at once: $peak_open; live heap with them all open: ${peak_heap_mb} MB"
