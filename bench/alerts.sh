#!/usr/bin/env bash
# Alert latency: from the AccountBalanceChanged that crosses a threshold to the email accepted by the SMTP server,
# at RATE usage events a second (each followed by its balance change), on embedded Kafka, PostgreSQL and GreenMail
# in one JVM (io.creditgate.alert.bench.AlertLatencyBench). Prints p50/p90/p99/max.
#   bench/alerts.sh                         # 1,000 usage events/s, 1,000 users, 60 s
#   RATE=500 USERS=200 COST=10000 RUN_SECONDS=30 bench/alerts.sh   # COST: credits per event (of 1,000,000 a cycle)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-1000}
USERS=${USERS:-1000}
COST=${COST:-1000}
RUN_SECONDS=${RUN_SECONDS:-60}
OFFLINE=${OFFLINE:--o}
# schemas is built in the same reactor so that the bench sees this tree's event types.
./mvnw $OFFLINE -q -B -pl schemas,alert-service test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="alert-service/target/test-classes:alert-service/target/classes:schemas/target/classes:$(cat alert-service/target/bench.classpath)"
exec java -Xmx1g -Drate="$RATE" -Dusers="$USERS" -Dcost="$COST" -Dseconds="$RUN_SECONDS" -cp "$CP" io.creditgate.alert.bench.AlertLatencyBench
