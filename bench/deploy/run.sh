#!/usr/bin/env bash
# Independent-deploy benchmark: failed requests during a deploy (goal 0), page p99 during the deploy against p99
# before it (same run), and the time from `./orrery deploy` to the new version serving.
#
# It runs e2e-tests' DeployIT, which starts an isolated copy of the platform through the launcher (ports
# 38080-38094, own state folder, databases and queues; the shared RabbitMQ, PostgreSQL and Keycloak must be up:
# ./orrery up --infra-only), puts it under load (3 logged-in visitors viewing composed pages back to back with
# 50 ms pauses, 1 writer posting a todo through the gateway every 150 ms, 2-3 live sockets), and runs:
# deploy todo-frontend, an abandoned deploy, deploy profile-frontend, rollback todo-frontend.
# The report (e2e-tests/target/deploy-report.txt) plus the launcher's step timings go to bench/deploy/results/.
#
# Usage: bench/deploy/run.sh        (needs the three services packaged: ./mvnw -B -DskipTests install)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="bench/deploy/results/$(date +%Y%m%d-%H%M%S).txt"
log="$(mktemp)"
# the e2e lock: DeployIT shares the machine with the other process-level tests
flock /tmp/orrery-e2e.lock ./mvnw -B -o -pl e2e-tests verify -Dit.test=DeployIT -Dsurefire.failIfNoSpecifiedTests=false \
  >"$log" 2>&1 || { tail -n 60 "$log"; echo "DeployIT failed; full log: $log" >&2; exit 1; }
{
  echo "# bench/deploy $(date -u '+%F %T') UTC, git $(git rev-parse --short HEAD), $(nproc) cores"
  cat e2e-tests/target/deploy-report.txt
  echo "# launcher step timings"
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[ *[0-9.]+s\] (deploy|rollback) ' | grep -v 'starting on\|other parts' | awk '!seen[$0]++'
} >"$out"
rm -f "$log"
cat "$out"
echo "written: $out"
