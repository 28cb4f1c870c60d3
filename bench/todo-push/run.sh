#!/usr/bin/env bash
# Push-latency benchmark of todo-frontend (see docs/benchmarks.md, "todo push latency").
# Starts the packaged todo-frontend on port 18095 against a fresh database todo_bench and the launcher's real
# RabbitMQ cluster and Keycloak, opens SOCKETS sockets for the demo users, sends POSTS POSTs, prints p50/p99/max,
# throughput and the same-run bare broker round trip, then stops the instance.
# Usage: bench/todo-push/run.sh [SOCKETS (default 1000)] [POSTS (default 400)] [CONCURRENCY (default 1)]
# TODO_APP_DIR runs another copy of the packaged service (default todo-frontend/target/quarkus-app).
# TODO_JAVA_OPTS adds JVM options to the service (e.g. -XX:StartFlightRecording=filename=/tmp/todo.jfr).
# Needs ./orrery up --infra-only and a packaged todo-frontend (./mvnw -B -o -pl todo-frontend install -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="$ROOT/bench/todo-push/results"
mkdir -p "$OUT"
PORT=18095
AMQP_JAR="$(ls ~/.m2/repository/com/rabbitmq/amqp-client/*/amqp-client-*.jar | sort -V | tail -1)"
SLF4J_JAR="$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | grep -v sources | sort -V | tail -1)"

PGPASSWORD=orrery psql -q -h 127.0.0.1 -p 5439 -U orrery postgres \
  -c "DROP DATABASE IF EXISTS todo_bench WITH (FORCE)" -c "CREATE DATABASE todo_bench OWNER orrery"
"$JAVA_HOME/bin/java" -Xmx512m ${TODO_JAVA_OPTS:-} -Dquarkus.http.port=$PORT \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/todo_bench \
  -Dmp.messaging.incoming.profile-events.queue.name=todo-bench.profile-events \
  -jar "${TODO_APP_DIR:-$ROOT/todo-frontend/target/quarkus-app}/quarkus-run.jar" > "$OUT/todo-frontend.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://localhost:$PORT/q/health/ready" && break
  sleep 1
done
{
  echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%FT%TZ))"
  "$JAVA_HOME/bin/java" -Xmx512m -Dslf4j.internal.verbosity=ERROR -cp "$AMQP_JAR:$SLF4J_JAR" \
    "$ROOT/bench/todo-push/TodoPushBench.java" "http://localhost:$PORT" "${1:-1000}" "${2:-400}" "${3:-1}"
  echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$OUT/run-$(date +%Y%m%d-%H%M%S).out"
