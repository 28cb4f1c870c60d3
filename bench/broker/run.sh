#!/usr/bin/env bash
# Broker benchmarks on the dedicated fault-test cluster (./orrery fault-cluster), never the shared one:
#   1. throughput of Orrery's real event path (publish with confirms -> quorum queue -> consume ->
#      apply in PostgreSQL with de-dup -> ack) vs RabbitMQ PerfTest (quorum queue + confirms),
#      same cluster, same run; prints the ratio (target >= 50 %);
#   2. failover: repeated kill -9 of the queue leader under load; distribution of recovery times
#      and redeliveries absorbed by de-dup.
# Usage: bench/broker/run.sh [SECONDS (default 30)] [KILLS (default 5; 0 = no failover part)]
#        CONSUMERS=N (default 8): consumer channels (= PostgreSQL connections) of the Orrery path
# Needs PostgreSQL of ./orrery up --infra-only (127.0.0.1:5439). Output also in bench/broker/results/.
set -euo pipefail
# one user of the fault-test cluster at a time (ha-tests take the same lock)
if [[ -z "${ORRERY_FAULT_LOCKED:-}" ]]; then
  ORRERY_FAULT_LOCKED=1 exec flock -x /tmp/orrery-fault-cluster.lock "$0" "$@"
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER_RUN="${1:-30}"
KILLS="${2:-5}"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="$ROOT/bench/broker/results"
mkdir -p "$OUT"
LOG="$OUT/run-$(date +%Y%m%d-%H%M%S).log"
exec > >(tee "$LOG") 2>&1

echo "== machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg), $(free -m | awk '/Mem:/{print $3" MB used of "$2}')"
./mvnw -B -q -o -f ha-tests/pom.xml test-compile
./mvnw -B -q -o -f ha-tests/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/ha-tests/target/bench.classpath" >/dev/null
CP="$ROOT/ha-tests/target/classes:$ROOT/ha-tests/target/test-classes:$(cat "$ROOT/ha-tests/target/bench.classpath")"
JAVA=("$JAVA_HOME/bin/java" -Xmx256m -Dorrery.root="$ROOT" -cp "$CP")

trap './orrery fault-cluster down >/dev/null 2>&1 || true' EXIT
./orrery fault-cluster up

URIS="amqp://orrery:orrery@127.0.0.1:5691,amqp://orrery:orrery@127.0.0.1:5692,amqp://orrery:orrery@127.0.0.1:5693"
echo "== PerfTest 2.22.1: quorum queue, confirms (64 outstanding), 1 producer, 1 consumer (qos 100), ${SECONDS_PER_RUN} s"
"${JAVA[@]}" com.rabbitmq.perf.PerfTest --uris "$URIS" --quorum-queue --queue bench.perftest \
  --confirm 64 --producers 1 --consumers 1 --qos 100 --size 64 --time "$SECONDS_PER_RUN" \
  --interval 5 2>&1 | tee "$OUT/perftest.out" | grep -E "sending rate avg|receiving rate avg|^id: .*, time 1[05]" || true
curl -s -o /dev/null -u orrery:orrery -X DELETE http://127.0.0.1:15691/api/queues/%2F/bench.perftest || true
PERF=$(grep -oE 'receiving rate avg: [0-9]+' "$OUT/perftest.out" | grep -oE '[0-9]+$' || echo 0)
echo "== load after PerfTest: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Orrery path: same cluster, ${SECONDS_PER_RUN} s"
"${JAVA[@]}" dev.orrery.ha.bench.ThroughputBench "$SECONDS_PER_RUN" "${CONSUMERS:-8}" | tee "$OUT/orrery-path.out"
OURS=$(grep -oE '^orrery-path-rate [0-9]+' "$OUT/orrery-path.out" | grep -oE '[0-9]+$' || echo 0)
echo "== load after Orrery path: $(cut -d' ' -f1-3 /proc/loadavg)"
if (( PERF > 0 )); then
  echo "== throughput ratio: Orrery path ${OURS} msg/s / PerfTest ${PERF} msg/s = $(( 100 * OURS / PERF )) % (target >= 50 %)"
fi

if (( KILLS > 0 )); then
  echo "== failover: ${KILLS} leader kills"
  "${JAVA[@]}" dev.orrery.ha.bench.FailoverBench "$KILLS" 2>&1 \
    | grep --line-buffered -vE '^(INFO|WARNING|[A-Z][a-z]{2} [0-9]+, |[0-9:.]+ (WARN|ERROR) )' | tee "$OUT/failover.out"
fi
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
