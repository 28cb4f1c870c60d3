#!/usr/bin/env bash
# Independent-deploy benchmark: failed requests during a deploy (goal 0), page p99 during the deploy against p99
# before it (same run), and the time from `./orrery deploy` to the new version serving.
#
# It runs e2e-tests' DeployIT, which starts an isolated copy of the platform through the launcher (ports
# 38080-38094, own state folder, databases and queues; the shared RabbitMQ, PostgreSQL and Keycloak must be up:
# ./orrery up --infra-only), puts it under load (3 logged-in visitors viewing composed pages back to back with
# 50 ms pauses, 1 writer posting a todo through the gateway every 150 ms, 2-3 live sockets through the gateway,
# 1 user renaming themself through profile-frontend's API one change at a time), and runs: deploy todo-frontend,
# two abandoned deploys, deploy profile-frontend (with the launcher's own Maven build, from a clone of HEAD),
# rollback todo-frontend. The report (e2e-tests/target/deploy-report.txt) plus the launcher's step timings and the
# machine's load before and after go to bench/deploy/results/.
#
# Usage: flock -x -w 1200 /tmp/orrery-cpu.lock bench/deploy/run.sh
#        (a quiet machine: the exclusive CPU lock; needs the three services packaged: ./mvnw -B -DskipTests install)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="bench/deploy/results/$(date +%Y%m%d-%H%M%S).txt"
log="$(mktemp)"
load_before=$(uptime)
# DeployIT's own lock (its isolated stack on ports 38080-38094); not the e2e lock, whose ports it does not use
flock /tmp/orrery-deploy.lock ./mvnw -B -o -pl e2e-tests verify -Dit.test=DeployIT -Dsurefire.failIfNoSpecifiedTests=false \
  >"$log" 2>&1 || { tail -n 60 "$log"; echo "DeployIT failed; full log: $log" >&2; exit 1; }
{
  echo "# bench/deploy $(date -u '+%F %T') UTC, git $(git rev-parse --short HEAD), $(nproc) cores"
  echo "# load before: $load_before"
  echo "# load after:  $(uptime)"
  cat e2e-tests/target/deploy-report.txt
  echo "# launcher step timings"
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[ *[0-9.]+s\] (deploy|rollback) ' | grep -v 'starting on\|other parts' | awk '!seen[$0]++'
} >"$out"
rm -f "$log"
cat "$out"
echo "written: $out"
