# shellcheck shell=bash
# Orrery's own Quarkus services, run from their fast-jar after `./mvnw install`.

# module:port, in start order (front-ends first, the gateway routes to them)
SERVICES=("todo-frontend:8081" "profile-frontend:8082" "bff-gateway:8080")
SERVICE_READY_TIMEOUT="${SERVICE_READY_TIMEOUT:-90}"

svc_jar() { echo "$ORRERY_HOME/$1/target/quarkus-app/quarkus-run.jar"; }
svc_ready() { http_ok "http://localhost:$1/q/health/ready"; }

services_build() {
  if [[ "${ORRERY_SKIP_BUILD:-0}" == 1 ]]; then
    progress build "skipped (ORRERY_SKIP_BUILD=1 / --no-build)"
    return 0
  fi
  progress build "./mvnw -B -q -DskipTests install (log: .orrery/logs/build.log)"
  : >"$(logfile build)"
  ( cd "$ORRERY_HOME" && mvn_cmd -B -q -DskipTests install ) >>"$(logfile build)" 2>&1 \
    || fail_part build "$(logfile build)" "Maven build failed"
  progress build "done"
}

services_up() {
  local spec mod port to_wait=()
  # nothing to build when everything already runs
  local all=1
  for spec in "${SERVICES[@]}"; do
    IFS=: read -r mod port <<<"$spec"
    { part_pid_alive "$mod" && svc_ready "$port"; } || all=0
  done
  if (( ! all )); then services_build; fi
  for spec in "${SERVICES[@]}"; do
    IFS=: read -r mod port <<<"$spec"
    if part_pid_alive "$mod"; then
      if wait_until "$SERVICE_READY_TIMEOUT" svc_ready "$port"; then
        progress "$mod" "already running (http://localhost:$port)"
        continue
      fi
      stop_part "$mod" 10
    fi
    check_ports_free "$mod" "$port"
    [[ -f "$(svc_jar "$mod")" ]] \
      || die "$mod" "$(svc_jar "$mod" | sed "s|$ORRERY_HOME/||") not found: module not built (yet)?" \
           "Run './mvnw -B -DskipTests install' and check its output, or use './orrery up --infra-only'."
    ( cd "$ORRERY_HOME" && start_detached "$mod" java -Xmx256m "-Dquarkus.http.port=$port" \
        ${ORRERY_SERVICE_JAVA_OPTS:-} -jar "$(svc_jar "$mod")" )
    ORRERY_STARTED+=("$mod")
    to_wait+=("$spec")
  done
  for spec in "${to_wait[@]}"; do
    IFS=: read -r mod port <<<"$spec"
    local pid; pid=$(read_pid "$mod")
    wait_until "$SERVICE_READY_TIMEOUT" svc_ready_or_dead "$port" "$pid" || true
    pid_alive "$pid" || fail_part "$mod" "$(logfile "$mod")" "exited during start-up"
    svc_ready "$port" || fail_part "$mod" "$(logfile "$mod")" \
      "http://localhost:$port/q/health/ready not 200 within ${SERVICE_READY_TIMEOUT}s"
    progress "$mod" "up (http://localhost:$port)"
  done
}
svc_ready_or_dead() { svc_ready "$1" || ! pid_alive "$2"; }

services_down() {
  local i mod
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    mod="${SERVICES[i]%%:*}"
    stop_part "$mod" 20
  done
}

services_status() {
  local spec mod port code
  for spec in "${SERVICES[@]}"; do
    IFS=: read -r mod port <<<"$spec"
    if part_pid_alive "$mod"; then
      code=$(http_code "http://localhost:$port/q/health")
      printf '  %-18s %s pid %s, http://localhost:%s (/q/health %s)\n' "$mod" \
        "$([[ $code == 200 ]] && echo 'up  ' || echo 'unhealthy')" "$(read_pid "$mod")" "$port" "$code"
    else
      printf '  %-18s down (port %s)\n' "$mod" "$port"
    fi
  done
}
