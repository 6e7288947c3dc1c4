#!/usr/bin/env bash
# Measures what the gateway adds to a call, against the baselines, in one run on this machine:
#   direct   the upstream itself (nginx `return 200 <fixed OpenAI answer>`, ~6 µs a request)
#   nginx    nginx as a reverse proxy in front of it (the near-physical limit of a proxy)
#   gateway  Creditgate's gateway with full accounting (admission in Redis, UsageRecorded to Kafka)
#   portkey  the open-source Portkey gateway (npm @portkey-ai/gateway), the peer a user would pick
#   gateway-baseline  another build of the gateway (BASELINE_GATEWAY_JAR, e.g. an older commit's), on the same
#            infrastructure in the same run, so that a change's cost is a ratio of two numbers measured together
# for non-streaming (json) and streaming (sse) chat completions: fixed-rate load with h2load
# (p50/p99/p99.9 from its per-request log), maximum throughput with wrk, and CPU time per request
# of the proxy's own processes. Everything listens on 127.0.0.1; every loop is bounded.
#
#   bench/run.sh                       # everything (about 12 minutes)
#   TARGETS="direct gateway" MODES=json RATES="1000" bench/run.sh
#   BASELINE_GATEWAY_JAR=/tmp/old/gateway-service.jar TARGETS="direct gateway-baseline gateway" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
ROOT=$(cd .. && pwd)
WORK=$BENCH/.work
RESULTS=$WORK/results.tsv
RATES=${RATES:-"500 1000 3000"}
DURATION_S=${DURATION_S:-15}
# Long enough for the JIT: after 10 s the gateway's request path was still partly interpreted (C2 had
# compiled a fifth of what it compiles in a minute) and low-rate latency was several ms worse.
WARMUP_S=${WARMUP_S:-30}
MAX_DURATION_S=${MAX_DURATION_S:-10}
MODES=${MODES:-"json sse"}
TARGETS=${TARGETS:-"direct nginx gateway portkey"}
CLIENTS=${CLIENTS:-50}

UPSTREAM_JSON=18001 UPSTREAM_SSE=18002 PROXY_JSON=18011 PROXY_SSE=18012
GATEWAY_JSON=18021 GATEWAY_SSE=18022 BASELINE_JSON=18023 BASELINE_SSE=18024 PORTKEY=18787
SERVICE_KEY=bench-service-key
mkdir -p "$WORK"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $WORK/upstream.pid ]] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
  [[ -f $WORK/proxy.pid ]] && kill "$(cat "$WORK/proxy.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v h2load >/dev/null || missing+=(nghttp2-client)
  command -v wrk >/dev/null || missing+=(wrk)
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [[ ! -f $ROOT/platform/target/creditgate.jar || ! -f $ROOT/gateway-service/target/gateway-service.jar ]]; then
    (cd "$ROOT" && ./mvnw -q package -DskipTests)
  fi
  # Snapshots: a build running meanwhile must not swap a jar under a running benchmark.
  cp "$ROOT/platform/target/creditgate.jar" "$ROOT/gateway-service/target/gateway-service.jar" "$WORK/"
  if [[ $TARGETS == *gateway-baseline* ]]; then
    [[ -f ${BASELINE_GATEWAY_JAR:-} ]] || { echo "gateway-baseline needs BASELINE_GATEWAY_JAR (a gateway-service.jar)" >&2; exit 1; }
    cp "$BASELINE_GATEWAY_JAR" "$WORK/gateway-baseline.jar"
  fi
  if [[ $TARGETS == *portkey* && ! -d $WORK/portkey/node_modules/@portkey-ai/gateway ]]; then
    mkdir -p "$WORK/portkey" && cp "$BENCH/portkey-package.json" "$WORK/portkey/package.json"
    (cd "$WORK/portkey" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

# One nginx serves the fixed answers (the upstream); a second one is the reverse proxy baseline,
# so that each one's CPU time can be read apart.
start_nginx() {
  local json sse
  json=$(sed "s/'/\\\\'/g" "$BENCH/chat-completion.json")
  sse=$(sed "s/'/\\\\'/g" "$ROOT/gateway-service/src/test/resources/io/creditgate/gateway/bench/chat-stream.sse")
  cat > "$WORK/upstream.conf" <<CONF
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server { listen 127.0.0.1:$UPSTREAM_JSON; location / { default_type application/json; return 200 '$json'; } }
  server { listen 127.0.0.1:$UPSTREAM_SSE; location / { default_type text/event-stream; return 200 '$sse'; } }
}
CONF
  cat > "$WORK/proxy.conf" <<CONF
worker_processes auto;
pid $WORK/proxy.pid;
error_log $WORK/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  upstream json { server 127.0.0.1:$UPSTREAM_JSON; keepalive 128; }
  upstream sse { server 127.0.0.1:$UPSTREAM_SSE; keepalive 128; }
  server { listen 127.0.0.1:$PROXY_JSON;
    location / { proxy_pass http://json; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:$PROXY_SSE;
    location / { proxy_pass http://sse; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; } }
}
CONF
  nginx -c "$WORK/upstream.conf" -p "$WORK"
  nginx -c "$WORK/proxy.conf" -p "$WORK"
}

await_http() { # url, what
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "$2 did not come up at $1" >&2
  exit 1
}

start_gateways() {
  rm -f "$WORK/infra.env"
  CREDITGATE_ENV_FILE=$WORK/infra.env CREDITGATE_GATEWAY_PORT=18030 \
    CREDITGATE_SERVICES_DIR=$ROOT/platform/target/services java -jar "$WORK/creditgate.jar" --infrastructure-only > "$WORK/infra.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do [[ -s $WORK/infra.env ]] && break; sleep 0.5; done
  [[ -s $WORK/infra.env ]] || { echo "infrastructure did not start; see $WORK/infra.log" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$WORK/infra.env"
  # No ledger runs here: write what it writes once every account is in Redis (docs/architecture.md, cg:projection),
  # else the gateway would take bench-user's missing account for lost data and admit from memory.
  local redis_address=${SPRING_DATA_REDIS_URL#redis://}
  exec 3<>"/dev/tcp/${redis_address%:*}/${redis_address##*:}"
  printf '*3\r\n$3\r\nSET\r\n$13\r\ncg:projection\r\n$8\r\ncomplete\r\n' >&3
  read -r -t 5 reply <&3 || true
  exec 3<&-
  [[ $reply == "+OK"* ]] || { echo "could not write the projection marker to Redis ($reply)" >&2; exit 1; }
  local port upstream name names=(gateway)
  [[ $TARGETS == *gateway-baseline* ]] && names+=(gateway-baseline)
  for name in "${names[@]}"; do
    for mode in json sse; do
      port=$(target_port "$name" "$mode")
      if [[ $mode == json ]]; then upstream=$UPSTREAM_JSON; else upstream=$UPSTREAM_SSE; fi
      # All the load is one user (bench-user): the per-user limit of open streams (20) would refuse most of it.
      SERVER_PORT=$port CREDITGATE_SPOOL_DIRECTORY=$WORK/spool-$name-$mode CREDITGATE_SERVICE_KEY=$SERVICE_KEY CREDITGATE_UPSTREAM_URL=http://127.0.0.1:$upstream \
        CREDITGATE_STARTING_CREDITS=1000000000000 CREDITGATE_LIMITS_CONCURRENT_STREAMS_PER_USER=0 \
        java -Xms512m -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar "$WORK/$([[ $name == gateway ]] && echo gateway-service || echo "$name").jar" \
        > "$WORK/$name-$mode.log" 2>&1 &
      PIDS+=($!)
      echo $! > "$WORK/$name-$mode.pid"
    done
  done
  for name in "${names[@]}"; do
    await_http "http://127.0.0.1:$(target_port "$name" json)/actuator/health" "$name (json)"
    await_http "http://127.0.0.1:$(target_port "$name" sse)/actuator/health" "$name (sse)"
  done
}

target_port() { # gateway|gateway-baseline mode
  case $1-$2 in
    gateway-json) echo $GATEWAY_JSON ;; gateway-sse) echo $GATEWAY_SSE ;;
    gateway-baseline-json) echo $BASELINE_JSON ;; gateway-baseline-sse) echo $BASELINE_SSE ;;
  esac
}

start_portkey() {
  NODE_ENV=production node "$WORK/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" \
    --port=$PORTKEY --headless > "$WORK/portkey.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/portkey.pid"
  await_http "http://127.0.0.1:$PORTKEY/" "portkey"
}

# url and headers of a target for a mode
target_url() { # target mode
  local up=$UPSTREAM_JSON proxy=$PROXY_JSON
  [[ $2 == sse ]] && up=$UPSTREAM_SSE proxy=$PROXY_SSE
  case $1 in
    direct) echo "http://127.0.0.1:$up/v1/chat/completions" ;;
    nginx) echo "http://127.0.0.1:$proxy/v1/chat/completions" ;;
    gateway|gateway-baseline) echo "http://127.0.0.1:$(target_port "$1" "$2")/v1/chat/completions" ;;
    portkey) echo "http://127.0.0.1:$PORTKEY/v1/chat/completions" ;;
  esac
}

target_headers() { # target mode -> one header per line
  echo "Content-Type: application/json"
  case $1 in
    gateway|gateway-baseline) echo "Authorization: Bearer $SERVICE_KEY"; echo "X-User-Id: bench-user" ;;
    portkey)
      local up=$UPSTREAM_JSON; [[ $2 == sse ]] && up=$UPSTREAM_SSE
      echo "Authorization: Bearer sk-bench"; echo "x-portkey-provider: openai"
      echo "x-portkey-custom-host: http://127.0.0.1:$up/v1" ;;
    *) echo "Authorization: Bearer sk-bench" ;;
  esac
}

# The processes whose CPU time is the proxy's own.
target_pids() { # target mode
  case $1 in
    direct) pgrep -P "$(cat "$WORK/upstream.pid")" | tr '\n' ' ' ;;
    nginx) pgrep -P "$(cat "$WORK/proxy.pid")" | tr '\n' ' ' ;;
    gateway|gateway-baseline) cat "$WORK/$1-$2.pid" ;;
    portkey) cat "$WORK/portkey.pid" ;;
  esac
}

cpu_ticks() { # pids... -> utime+stime in clock ticks
  local total=0 pid
  for pid in "$@"; do
    read -r -a f < <(sed 's/^.*) //' "/proc/$pid/stat")
    total=$((total + f[11] + f[12]))
  done
  echo $total
}

wrk_script() { # target mode -> path of a wrk Lua script
  local script=$WORK/wrk-$1-$2.lua body=$BENCH/request.json
  [[ $2 == sse ]] && body=$BENCH/request-stream.json
  {
    echo "wrk.method = 'POST'"
    echo "local f = io.open('$body'); wrk.body = f:read('*a'); f:close()"
    target_headers "$1" "$2" | while IFS=': ' read -r name value; do echo "wrk.headers['$name'] = '$value'"; done
  } > "$script"
  echo "$script"
}

run_fixed_rate() { # target mode rate
  local body=$BENCH/request.json log=$WORK/h2load-$1-$2-$3.log
  [[ $2 == sse ]] && body=$BENCH/request-stream.json
  local headers=() line
  while IFS= read -r line; do headers+=(-H "$line"); done < <(target_headers "$1" "$2")
  local per_client=$(( $3 / CLIENTS )) pids before after requests
  pids=$(target_pids "$1" "$2")
  rm -f "$log" # h2load appends to its log file
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  h2load --h1 -t1 -c "$CLIENTS" -n $(( $3 * DURATION_S )) --rps "$per_client" \
    -r $(( CLIENTS / 10 > 0 ? CLIENTS / 10 : 1 )) --rate-period 100ms \
    -d "$body" "${headers[@]}" --log-file "$log" "$(target_url "$1" "$2")" > "$WORK/h2load-$1-$2-$3.out"
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  requests=$(wc -l < "$log")
  python3 "$BENCH/percentiles.py" "$log" "$1" "$2" "$3" "$(( (after - before) * 1000000 / $(getconf CLK_TCK) ))" "$DURATION_S" >> "$RESULTS"
  tail -1 "$RESULTS"
}

run_max() { # target mode
  local script pids before after out rps requests
  script=$(wrk_script "$1" "$2")
  pids=$(target_pids "$1" "$2")
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  out=$(wrk -t2 -c64 -d"${MAX_DURATION_S}s" --latency -s "$script" "$(target_url "$1" "$2")")
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  printf '%s\t%s\tmax\t%s\t-\t-\t-\t%s\t%s\n' "$1" "$2" "$rps" \
    "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))" \
    "$(awk '/Non-2xx/ {print $4}' <<< "$out")" >> "$RESULTS"
  tail -1 "$RESULTS"
}

# A wrong answer is not a fast answer: the target must answer 200 with the upstream's text first.
check_target() { # target mode
  local body=$BENCH/request.json headers=() line code
  [[ $2 == sse ]] && body=$BENCH/request-stream.json
  while IFS= read -r line; do headers+=(-H "$line"); done < <(target_headers "$1" "$2")
  code=$(curl -s -o "$WORK/check-$1-$2.out" -w '%{http_code}' "${headers[@]}" --data-binary @"$body" "$(target_url "$1" "$2")")
  if [[ $code != 200 ]] || ! grep -q "benchmark" "$WORK/check-$1-$2.out"; then
    echo "$1 ($2) answered $code: $(head -c 300 "$WORK/check-$1-$2.out")" >&2
    exit 1
  fi
}

warm_up() { # target mode
  local script
  script=$(wrk_script "$1" "$2")
  wrk -t1 -c16 -d"${WARMUP_S}s" -s "$script" "$(target_url "$1" "$2")" > /dev/null
}

# bench/profile.sh reuses the functions above.
[[ ${BASH_SOURCE[0]} == "$0" ]] || return 0

ensure_tools
start_nginx
[[ $TARGETS == *gateway* ]] && start_gateways
[[ $TARGETS == *portkey* ]] && start_portkey
printf 'target\tmode\trate\treq_per_s\tp50_ms\tp99_ms\tp99.9_ms\tcpu_us_per_req\terrors\n' > "$RESULTS"
for mode in $MODES; do
  for target in $TARGETS; do
    check_target "$target" "$mode"
    warm_up "$target" "$mode"
    for rate in $RATES; do run_fixed_rate "$target" "$mode" "$rate"; done
    run_max "$target" "$mode"
  done
done
python3 "$BENCH/report.py" "$RESULTS" | tee "$WORK/results.md"
