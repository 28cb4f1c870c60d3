#!/usr/bin/env bash
# Push-latency benchmark of todo-frontend (see docs/benchmarks.md, "todo push latency").
# Starts the packaged todo-frontend on port 18095 (management 19095) against a fresh database todo_bench and the
# launcher's real RabbitMQ cluster and Keycloak, opens SOCKETS sockets spread over USERS users, sends POSTS POSTs, prints
# p50/p99/max, throughput and the same-run bare broker round trip, then stops the instance.
# Usage: bench/todo-push/run.sh [SOCKETS (default 1000)] [POSTS (default 400)] [CONCURRENCY (default 1)] [USERS (default 100)]
# USERS=2 is the demo users alice and bob (SOCKETS/2 sockets per user, the worst case); otherwise bench-user-001..USERS
# (password bench-orrery) are created in the realm through Keycloak's admin API (admin/admin) when missing.
# TODO_APP_DIR runs another copy of the packaged service (default todo-frontend/target/quarkus-app).
# TODO_JAVA_OPTS adds JVM options to the service (e.g. -XX:StartFlightRecording=filename=/tmp/todo.jfr).
# Needs ./orrery up --infra-only and a packaged todo-frontend (./mvnw -B -o -pl todo-frontend install -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="$ROOT/bench/todo-push/results"
mkdir -p "$OUT"
PORT=18095
M2=~/.m2/repository
AMQP_JAR="$(ls $M2/com/rabbitmq/amqp-client/*/amqp-client-*.jar | sort -V | tail -1)"
SLF4J_JAR="$(ls $M2/org/slf4j/slf4j-api/*/slf4j-api-*.jar | grep -v sources | sort -V | tail -1)"
# The client: Vert.x core (one event loop for every socket and POST) and its Netty, from the Maven cache.
CP="$M2/io/vertx/vertx-core/4.5.27/vertx-core-4.5.27.jar:$M2/com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar"
for n in common buffer transport handler handler-proxy codec codec-http codec-http2 codec-socks codec-dns resolver \
    resolver-dns transport-native-unix-common; do
  CP="$CP:$M2/io/netty/netty-$n/4.1.133.Final/netty-$n-4.1.133.Final.jar"
done

PGPASSWORD=orrery psql -q -h 127.0.0.1 -p 5439 -U orrery postgres \
  -c "DROP DATABASE IF EXISTS todo_bench WITH (FORCE)" -c "CREATE DATABASE todo_bench OWNER orrery"
"$JAVA_HOME/bin/java" -Xmx512m ${TODO_JAVA_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.management.port=$((PORT + 1000)) \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/todo_bench \
  -Dmp.messaging.incoming.profile-events.queue.name=todo-bench.profile-events \
  -jar "${TODO_APP_DIR:-$ROOT/todo-frontend/target/quarkus-app}/quarkus-run.jar" > "$OUT/todo-frontend.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://localhost:$((PORT + 1000))/q/health/ready" && break
  sleep 1
done
cpu_ticks() { awk '{print $14 + $15}' /proc/$APP/stat; }
CPU_BEFORE=$(cpu_ticks)
{
  echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%FT%TZ))"
  "$JAVA_HOME/bin/java" -Xmx512m --sun-misc-unsafe-memory-access=allow -Dslf4j.internal.verbosity=ERROR -cp "$CP:$AMQP_JAR:$SLF4J_JAR" \
    "$ROOT/bench/todo-push/TodoPushBench.java" "http://localhost:$PORT" "${1:-1000}" "${2:-400}" "${3:-1}" "${4:-100}"
  echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== service CPU during the benchmark (sockets, warm-up, measured POSTs): $(( $(cpu_ticks) - CPU_BEFORE )) ticks of 1/$(getconf CLK_TCK) s"
} 2>&1 | tee "$OUT/run-$(date +%Y%m%d-%H%M%S).out"
