#!/usr/bin/env bash
# The fault suite (issue 14, docs/reliability.md): Creditgate as separate processes -- two gateways (gw1 in
# failure mode `open`, gw2 in `closed`), two ledgers, two alert services -- on a Kafka broker, a PostgreSQL and a
# Redis of its own that it can stop, start and kill, under steady LibreChat-shaped load; meanwhile it stops and
# restarts the broker, stops Redis, stops PostgreSQL, kills -9 a gateway, a ledger and an alert service and starts
# them again, partitions gw1 from Kafka, and restarts the second ledger and alert service gracefully (a rebalance
# without a kill). Afterwards it reconciles every user (bench/faults/Reconcile.java) and
# prints the table: faults, calls, lost, double-counted, availability per mode. Exit 0 only when every check passes.
#
#   bench/faults.sh                                   # short: each fault once under 5 calls/s (42 minutes on a loaded 2-core machine)
#   CALLS=100000 STOP_AFTER_FAULTS=0 RATE=40 FAULT_ROUNDS=10 bench/faults.sh   # long
#   FAULTS="kill-gateway" CALLS=1000 bench/faults.sh  # one fault
#
# Everything it starts listens on 127.0.0.1 (and 127.0.0.2, see partition) on ports 25xxx-29xxx; the machine's own
# PostgreSQL (5432) and Redis (6379) are never touched. Work files, logs and the client's call log: bench/.work/faults.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-$ROOT/bench/.work/faults}
CALLS=${CALLS:-20000}
USERS=${USERS:-400}
RATE=${RATE:-5}                       # calls started per second (a fixed schedule)
CONCURRENCY=${CONCURRENCY:-48}        # most calls that may be open at once
STARTING_CREDITS=${STARTING_CREDITS:-9000}
EVENT_DELAY_MS=${EVENT_DELAY_MS:-25}  # between two stream events of the demo upstream (a 40-word answer ~1 s)
WARMUP_S=${WARMUP_S:-30}              # load before the first fault
OUTAGE_S=${OUTAGE_S:-20}              # how long a stopped or killed part stays down
GAP_S=${GAP_S:-25}                    # steady load between two faults
PARTITION_S=${PARTITION_S:-60}
FAULT_ROUNDS=${FAULT_ROUNDS:-1}
FAULTS=${FAULTS:-"kafka redis postgres kill-gateway kill-ledger kill-alert partition rebalance"}
DRAIN_TIMEOUT_S=${DRAIN_TIMEOUT_S:-300}
# A killed gateway's reservations are renewed no more and released reservation-ttl (60 s) later, by the sweep (every
# 15 s): the reconciliation waits this long after the last fault before it looks for reservations left behind.
RESERVATIONS_SETTLE_S=${RESERVATIONS_SETTLE_S:-90}
START_TIMEOUT_S=${START_TIMEOUT_S:-360}  # for a JVM to start; minutes on a loaded 2-core machine
# 1: the load stops GAP_S after the last fault (CALLS is then a cap); 0: it goes on until CALLS calls were made.
STOP_AFTER_FAULTS=${STOP_AFTER_FAULTS:-1}
MAVEN_REPO=${MAVEN_REPO:-}            # -Dmaven.repo.local for the build and the class path, when set

KAFKA_PORT=29092 KAFKA_PARTITIONABLE_PORT=29093 KAFKA_CONTROLLER_PORT=29094
PG_PORT=25432 REDIS_PORT=26379 UPSTREAM_PORT=28090
GW1_PORT=28080 GW2_PORT=28081 LEDGER1_PORT=28082 LEDGER2_PORT=28083 ALERT1_PORT=28084 ALERT2_PORT=28085
# gw1 reaches the broker through a listener of its own on 127.0.0.2, so a rule on that address and port cuts gw1
# alone from Kafka (every other client uses 127.0.0.1).
PARTITION_HOST=127.0.0.2
SERVICE_KEY=faults-service-key
ADMIN_KEY=faults-admin-key
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
JVM_OPTS=(-Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError)
mvn() { ./mvnw -q -B ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} "$@"; }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$WORK/faults.log"; }

ensure_tools() {
  local missing=()
  command -v iptables >/dev/null || missing+=(iptables)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [[ -x $PG_BIN/initdb ]] || missing+=(postgresql)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  local jar
  for jar in gateway-service/target/gateway-service.jar ledger-service/target/ledger-service.jar \
             alert-service/target/alert-service.jar platform/embedded/target/platform-embedded-0.1.0-SNAPSHOT.jar; do
    [[ -f $jar ]] || { echo "Building the services (missing $jar)"; mvn install -DskipTests; break; }
  done
  # Snapshots: a build running meanwhile must not swap a jar under a running suite.
  mkdir -p "$WORK/jars"
  cp gateway-service/target/gateway-service.jar ledger-service/target/ledger-service.jar \
     alert-service/target/alert-service.jar "$WORK/jars/"
  if [[ ! -s $WORK/classpath.txt || platform/embedded/pom.xml -nt $WORK/classpath.txt ]]; then
    mvn -pl platform/embedded dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.raw" >/dev/null
    echo "$ROOT/platform/embedded/target/platform-embedded-0.1.0-SNAPSHOT.jar:$(cat "$WORK/classpath.raw")" > "$WORK/classpath.txt"
  fi
  CP=$(cat "$WORK/classpath.txt")
  LOGBACK_CP=$(find "${MAVEN_REPO:-$HOME/.m2/repository}/ch/qos/logback" -name 'logback-c*-1.5*.jar' ! -name '*sources*' | sort | tr '\n' ':')
}

# ---- processes: each one's pid in $WORK/pids/<name>, its output in $WORK/logs/<name>.log -------------------------

start_bg() {  # name, command...: starts a process in the background, appending to its log
  local name=$1; shift
  "$@" >> "$WORK/logs/$name.log" 2>&1 &
  echo $! > "$WORK/pids/$name"
}

pid_of() { cat "$WORK/pids/$1" 2>/dev/null || true; }

stop_process() {  # name, signal (TERM/KILL): stops it and waits until it is gone
  local name=$1 signal=${2:-TERM} pid
  pid=$(pid_of "$name")
  [[ -n $pid ]] || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$WORK/pids/$name"
}

await_healthy() {  # name, url, timeout seconds
  local name=$1 url=$2 timeout=${3:-$START_TIMEOUT_S}
  for _ in $(seq 1 $((timeout * 2))); do
    if curl -fsS -m 2 "$url/actuator/health/liveness" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    if ! kill -0 "$(pid_of "$name")" 2>/dev/null; then log "$name died while starting: tail of its log:"; tail -30 "$WORK/logs/$name.log"; return 1; fi
    sleep 0.5
  done
  log "$name was not healthy within $timeout s"; return 1
}

# ---- infrastructure -------------------------------------------------------------------------------------------

kafka_properties() {
  cat > "$WORK/kafka.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,PARTITIONABLE://$PARTITION_HOST:$KAFKA_PARTITIONABLE_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,PARTITIONABLE://$PARTITION_HOST:$KAFKA_PARTITIONABLE_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,PARTITIONABLE:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$WORK/kafka-data
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
}

start_kafka() {
  start_bg kafka java -Xms256m -Xmx768m -cp "$CP:$LOGBACK_CP" -Dlogback.configurationFile="$ROOT/bench/faults/kafka-logback.xml" \
    kafka.Kafka "$WORK/kafka.properties"
  # Generous: on a loaded machine the broker's JVM took over two minutes to start (its CPU time was 3 s of it).
  for _ in $(seq 1 $((START_TIMEOUT_S * 2))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null && return 0
    sleep 0.5
  done
  log "Kafka did not listen on $KAFKA_PORT"; tail -30 "$WORK/logs/kafka.log"; return 1
}

init_kafka() {
  kafka_properties
  java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" \
    -c "$WORK/kafka.properties" >> "$WORK/logs/kafka.log" 2>&1
  start_kafka
  # LocalKafka creates every topic of Topics.ALL (6 partitions, retention forever) on the external broker it is given.
  SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT java -cp "$CP" "$ROOT/bench/faults/CreateTopics.java" >> "$WORK/logs/kafka.log" 2>&1
}

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }

start_postgres() {
  pg pg_ctl -D "$WORK/pg" -l "$WORK/logs/postgres.log" -w -t 60 start >/dev/null
}

stop_postgres() {  # immediate: no shutdown checkpoint, as if the server had crashed; it recovers from its WAL
  pg pg_ctl -D "$WORK/pg" -m immediate -w stop >/dev/null || true
}

init_postgres() {
  # PostgreSQL refuses to run as root: its cluster and its log belong to the postgres user.
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  touch "$WORK/logs/postgres.log" && chown postgres "$WORK/logs/postgres.log"
  pg initdb -D "$WORK/pg" -A trust -U postgres >> "$WORK/logs/postgres.log" 2>&1
  cat >> "$WORK/pg/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
CONF
  start_postgres
  local db
  for db in creditgate_ledger creditgate_gateway creditgate_alerts; do
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db" postgres
  done
}

start_redis() {  # --save "": nothing on disk, so a stop loses every key, as the issue asks
  start_bg redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no
  for _ in $(seq 1 40); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.25; done
  log "Redis did not start"; return 1
}

# ---- services -------------------------------------------------------------------------------------------------

common_env() {
  echo SPRING_DATA_REDIS_URL=redis://127.0.0.1:$REDIS_PORT CREDITGATE_STARTING_CREDITS=$STARTING_CREDITS \
       CREDITGATE_ADMIN_KEY=$ADMIN_KEY SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=unused
}

start_service() {  # name
  local name=$1 jar port env
  case $name in
    gw1|gw2)
      jar=gateway-service; [[ $name == gw1 ]] && port=$GW1_PORT || port=$GW2_PORT
      local bootstrap=127.0.0.1:$KAFKA_PORT mode=closed
      [[ $name == gw1 ]] && bootstrap=$PARTITION_HOST:$KAFKA_PARTITIONABLE_PORT && mode=open
      env="SPRING_KAFKA_BOOTSTRAP_SERVERS=$bootstrap CREDITGATE_FAILURE_MODE=$mode CREDITGATE_SERVICE_KEY=$SERVICE_KEY
           CREDITGATE_UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT CREDITGATE_SPOOL_DIRECTORY=$WORK/$name-spool
           SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/creditgate_gateway" ;;
    ledger1|ledger2)
      jar=ledger-service; [[ $name == ledger1 ]] && port=$LEDGER1_PORT || port=$LEDGER2_PORT
      env="SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
           SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/creditgate_ledger" ;;
    alert1|alert2)
      jar=alert-service; [[ $name == alert1 ]] && port=$ALERT1_PORT || port=$ALERT2_PORT
      env="SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT CREDITGATE_ALERT_STATE_DIR=$WORK/$name-state
           SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/creditgate_alerts
           SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$(cat "$WORK/smtp.port")
           CREDITGATE_ALERT_LOW_BALANCE_CREDITS=0" ;;
  esac
  # shellcheck disable=SC2046,SC2086
  start_bg "$name" env $(common_env) $env SERVER_PORT=$port java "${JVM_OPTS[@]}" -jar "$WORK/jars/$jar.jar"
  echo "http://127.0.0.1:$port" > "$WORK/urls/$name"
}

service_url() { cat "$WORK/urls/$1"; }

# ---- faults ---------------------------------------------------------------------------------------------------

FAULT_LINES=()
record_fault() {  # name, startMs, endMs, detail
  FAULT_LINES+=("$1	$2	$3	$4")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$WORK/faults.tsv"
}
now_ms() { date +%s%3N; }

partition_rules() {  # -A or -D: drop gw1's packets to and from the broker's 127.0.0.2 listener (no reset: a real partition)
  iptables "$1" OUTPUT -d "$PARTITION_HOST" -p tcp --dport "$KAFKA_PARTITIONABLE_PORT" -j DROP
  iptables "$1" OUTPUT -s "$PARTITION_HOST" -p tcp --sport "$KAFKA_PARTITIONABLE_PORT" -j DROP
}

restart_and_wait() {  # name
  start_service "$1"
  await_healthy "$1" "$(service_url "$1")" || true
}

inject() {  # fault name
  local fault=$1 start end
  start=$(now_ms)
  case $fault in
    kafka)
      log "fault: broker stopped for $OUTAGE_S s"; stop_process kafka TERM; sleep "$OUTAGE_S"; start_kafka ;;
    redis)
      log "fault: Redis stopped (its data lost) for $OUTAGE_S s: gw1 serves (open), gw2 refuses (closed)"
      stop_process redis KILL; sleep "$OUTAGE_S"; start_redis ;;
    postgres)
      log "fault: PostgreSQL stopped (immediate) for $OUTAGE_S s"; stop_postgres; sleep "$OUTAGE_S"; start_postgres ;;
    kill-gateway)
      log "fault: kill -9 gw1, restarted after $OUTAGE_S s"; stop_process gw1 KILL; sleep "$OUTAGE_S"; restart_and_wait gw1 ;;
    kill-ledger)
      log "fault: kill -9 ledger1, restarted after $OUTAGE_S s"; stop_process ledger1 KILL; sleep "$OUTAGE_S"; restart_and_wait ledger1 ;;
    kill-alert)
      log "fault: kill -9 alert1, restarted after $OUTAGE_S s"; stop_process alert1 KILL; sleep "$OUTAGE_S"; restart_and_wait alert1 ;;
    rebalance)  # no kill: ledger2 and alert2 leave their groups gracefully and join again, twice, under load
      log "fault: ledger2 and alert2 restarted gracefully (consumer group rebalances without a kill)"
      local name
      for name in ledger2 alert2; do stop_process "$name" TERM; restart_and_wait "$name"; done ;;
    partition)
      log "fault: gw1 partitioned from Kafka for $PARTITION_S s"; partition_rules -A; sleep "$PARTITION_S"; partition_rules -D ;;
    *) log "unknown fault $fault"; return 1 ;;
  esac
  end=$(now_ms)
  record_fault "$fault" "$start" "$end" "$(( (end - start) / 1000 )) s"
  log "fault $fault over"
}

# ---- the run --------------------------------------------------------------------------------------------------

cleanup() {
  set +e
  if [[ ${KEEP_RUNNING:-0} == 1 ]]; then log "KEEP_RUNNING=1: everything left running (pids in $WORK/pids)"; return; fi
  partition_rules -D 2>/dev/null; partition_rules -D 2>/dev/null
  for name in driver gw1 gw2 alert1 alert2 ledger1 ledger2 outside kafka redis; do stop_process "$name" TERM; done
  [[ -f $WORK/pg/postmaster.pid ]] && pg pg_ctl -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1
}

main() {
  rm -rf "$WORK/pg" "$WORK/kafka-data" "$WORK"/gw*-spool "$WORK"/alert*-state "$WORK/mailbox" "$WORK/logs" \
         "$WORK/pids" "$WORK/urls" "$WORK/smtp.port" "$WORK/faults.tsv" "$WORK/calls.tsv" "$WORK/stop" "$WORK/faults.log"
  mkdir -p "$WORK/logs" "$WORK/pids" "$WORK/urls"
  ensure_tools
  trap cleanup EXIT
  log "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)'); work in $WORK"
  init_postgres; start_redis; init_kafka
  start_bg outside java -cp "$CP" "$ROOT/bench/faults/OutsideWorld.java" "$UPSTREAM_PORT" "$EVENT_DELAY_MS" "$WORK"
  for _ in $(seq 1 120); do [[ -s $WORK/smtp.port ]] && break; sleep 0.5; done
  # The ledgers first: one creates the schema (Flyway) before the other starts, as a rolling deployment would.
  start_service ledger1; await_healthy ledger1 "$(service_url ledger1)"
  for name in ledger2 alert1 alert2 gw1 gw2; do start_service "$name"; done
  for name in ledger2 alert1 alert2 gw1 gw2; do await_healthy "$name" "$(service_url "$name")"; done
  log "all up: gw1 (open) $(service_url gw1), gw2 (closed) $(service_url gw2); load: $CALLS calls of $USERS users at $RATE/s"

  start_bg driver java "$ROOT/bench/faults/LoadDriver.java" --gateway "gw1=open=$(service_url gw1)" \
    --gateway "gw2=closed=$(service_url gw2)" --service-key "$SERVICE_KEY" --users "$USERS" --calls "$CALLS" \
    --rate "$RATE" --concurrency "$CONCURRENCY" --log "$WORK/calls.tsv" --stop-file "$WORK/stop"
  sleep "$WARMUP_S"
  for round in $(seq 1 "$FAULT_ROUNDS"); do
    for fault in $FAULTS; do
      kill -0 "$(pid_of driver)" 2>/dev/null || { log "the load ended before fault $fault (round $round)"; break 2; }
      inject "$fault" || log "fault $fault: the part did not come back in time; going on"
      sleep "$GAP_S"
    done
  done
  if [[ $STOP_AFTER_FAULTS == 1 ]]; then touch "$WORK/stop"; fi
  log "faults done; waiting for the load to finish"
  while kill -0 "$(pid_of driver)" 2>/dev/null; do sleep 2; done
  tail -1 "$WORK/logs/driver.log" | tee -a "$WORK/faults.log"
  await_drained
  reconcile
}

# The checks, on what is running now: dump, audit replay, Reconcile.java. `bench/faults.sh reconcile` runs them
# again on a suite left running with KEEP_RUNNING=1.
reconcile() {
  dump_state
  log "audit replay (ledger-service replay --verify)"
  set +e
  # shellcheck disable=SC2046
  env $(common_env) SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
    SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/creditgate_ledger \
    java -Xmx768m -jar "$WORK/jars/ledger-service.jar" replay --verify --report="$WORK/replay-report.json" \
    > "$WORK/replay.txt" 2> "$WORK/logs/replay.log"
  echo $? > "$WORK/replay.exit"
  java -cp "$CP" "$ROOT/bench/faults/Reconcile.java" --work "$WORK" --bootstrap "127.0.0.1:$KAFKA_PORT" \
    --ledger "$(service_url ledger1)" --admin-key "$ADMIN_KEY" --users "$USERS" --starting-credits "$STARTING_CREDITS" \
    2> "$WORK/logs/reconcile.log" | tee "$WORK/report.txt"
  local verdict=${PIPESTATUS[0]}
  set -e
  return "$verdict"
}

# Waits until the gateways' spools are drained and the ledger and alert services stop moving: the ledger's count of
# folded usage and the alert services' notifications unchanged for 30 s.
await_drained() {
  log "waiting for spools, ledger and alerts to drain (at most $DRAIN_TIMEOUT_S s)"
  local deadline=$(( $(date +%s) + DRAIN_TIMEOUT_S )) last="" stable=0 now
  while (( $(date +%s) < deadline )); do
    now="$(sql creditgate_ledger 'SELECT count(*) FROM processed_event' 2>/dev/null)/$(sql creditgate_alerts 'SELECT count(*) FROM notification' 2>/dev/null)"
    if [[ $now == "$last" ]]; then stable=$((stable + 1)); else stable=0; last=$now; fi
    if (( stable >= 6 )); then
      log "drained: processed usage / notifications = $now"
      local last_fault_end wait_s
      last_fault_end=$(tail -1 "$WORK/faults.tsv" 2>/dev/null | cut -f3)
      wait_s=$(( ${last_fault_end:-0} / 1000 + RESERVATIONS_SETTLE_S - $(date +%s) ))
      if (( wait_s > 0 )); then log "waiting $wait_s s more: the last fault's reservations expire"; sleep "$wait_s"; fi
      return 0
    fi
    sleep 5
  done
  log "still moving after $DRAIN_TIMEOUT_S s ($last); reconciling anyway"
}

# What the reconciler reads besides Kafka and the ledger's API: the ledger's event store, the alert service's
# notifications and deliveries (PostgreSQL), and every user's keys in Redis.
dump_state() {
  sql creditgate_ledger "SELECT aggregateidentifier, convert_from(payload, 'UTF8')::json->>'eventId',
         convert_from(payload, 'UTF8')::json->>'costCredits' FROM domainevententry WHERE payloadtype LIKE '%UsageCharged'" \
    > "$WORK/ledger-charges.tsv"
  sql creditgate_alerts "SELECT user_id, alert_event_id, kind FROM notification" > "$WORK/notifications.tsv"
  sql creditgate_alerts "SELECT user_id, alert_event_id, alert_type, channel, status FROM delivery" > "$WORK/deliveries.tsv"
  for user in $(seq 0 $((USERS - 1))); do
    local id; id=$(printf 'fault-user-%04d' "$user")
    printf 'HGET cg:{%s}:account balance\nHLEN cg:{%s}:pending\nGET cg:{%s}:pending-total\nZCARD cg:{%s}:pending-at\n' "$id" "$id" "$id" "$id"
  done | redis-cli -p "$REDIS_PORT" > "$WORK/redis.txt"
}

sql() {  # database, query: tab-separated rows, no header
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -tA -F $'\t' -c "$2" "$1"
}

if [[ ${1:-} == reconcile ]]; then
  ensure_tools
  reconcile
else
  main "$@"
fi
