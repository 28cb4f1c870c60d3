# shellcheck shell=bash
# Keycloak 26 (Quarkus dist from Maven Central), production mode with dev-file DB, :8180.

KC_VERSION="${KC_VERSION:-26.7.3}"
KC_PORT=8180
KC_MGMT_PORT=9180        # management interface (/health/ready); Keycloak's default 9000 is left free
KC_READY_TIMEOUT="${KC_READY_TIMEOUT:-300}"   # first start imports the realm; slow on a busy 2-core machine
KC_REALM_URL="http://localhost:$KC_PORT/realms/orrery/.well-known/openid-configuration"

kc_dist() { echo "$ORRERY_STATE/keycloak-$KC_VERSION"; }

kc_install() {
  local dist zip; dist=$(kc_dist)
  zip="$ORRERY_DOWNLOADS/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -x "$dist/bin/kc.sh" ]]; then
    if [[ ! -s "$zip" ]]; then
      progress keycloak "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip (~180 MB)"
      # run outside the reactor: the project's pom must not matter for this download
      ( cd "$ORRERY_DOWNLOADS" && mvn_cmd -q -B dependency:copy \
          "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory=. ) \
          >>"$(logfile keycloak)" 2>&1 || fail_part keycloak "$(logfile keycloak)" "download failed"
    fi
    ensure_pkg unzip unzip
    rm -rf "$dist.tmp" && mkdir -p "$dist.tmp"
    unzip -q "$zip" -d "$dist.tmp" || fail_part keycloak "$(logfile keycloak)" "unzip $zip failed"
    mv "$dist.tmp/keycloak-$KC_VERSION" "$dist" && rmdir "$dist.tmp"
    rm -rf "$dist/data"
  fi
  # the dist's data dir (dev-file DB, import dir, tmp) lives in .orrery/data/keycloak
  mkdir -p "$ORRERY_DATA/keycloak/import"
  if [[ ! -L "$dist/data" ]]; then rm -rf "$dist/data"; ln -s "$ORRERY_DATA/keycloak" "$dist/data"; fi
  cp "$ORRERY_DEPLOY/keycloak/orrery-realm.json" "$ORRERY_DATA/keycloak/import/orrery-realm.json"
  if [[ ! -f "$dist/.orrery-built" ]]; then
    progress keycloak "kc.sh build --db=dev-file --health-enabled=true (once)"
    "$dist/bin/kc.sh" build --db=dev-file --health-enabled=true >>"$(logfile keycloak)" 2>&1 \
      || fail_part keycloak "$(logfile keycloak)" "kc.sh build failed"
    touch "$dist/.orrery-built"
  fi
}

kc_ready() { http_ok "$KC_REALM_URL"; }

keycloak_up() {
  if part_pid_alive keycloak; then
    # ours: ready, or still starting (e.g. another ./orrery up): wait for it instead of restarting
    if wait_until "$KC_READY_TIMEOUT" kc_ready_or_dead "$(read_pid keycloak)" && kc_ready; then
      progress keycloak "already running (http://localhost:$KC_PORT, realm orrery)"
      return 0
    fi
  fi
  stop_part keycloak 10 >/dev/null
  check_ports_free keycloak $KC_PORT $KC_MGMT_PORT
  kc_install
  (
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
    export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m"
    start_detached keycloak "$(kc_dist)/bin/kc.sh" start --optimized \
      --http-enabled=true --hostname-strict=false --http-port=$KC_PORT \
      --http-management-port=$KC_MGMT_PORT --cache=local --import-realm
  )
  ORRERY_STARTED+=(keycloak)
  local pid; pid=$(read_pid keycloak)
  if ! wait_until "$KC_READY_TIMEOUT" kc_ready_or_dead "$pid"; then
    fail_part keycloak "$(logfile keycloak)" "realm orrery not served at $KC_REALM_URL within ${KC_READY_TIMEOUT}s"
  fi
  pid_alive "$pid" || fail_part keycloak "$(logfile keycloak)" "kc.sh exited"
  kc_record_java "$pid"
  progress keycloak "up (http://localhost:$KC_PORT, admin/admin, realm orrery)"
}

# succeeds when ready; also "succeeds" when the process died so we stop waiting early
kc_ready_or_dead() { kc_ready || ! pid_alive "$1"; }

# kc.sh may exec java (same pid) or fork it: record the java pid as keycloak-java
kc_record_java() {
  local pid="$1" child
  child=$(pgrep -P "$pid" -f java | head -n1)
  if [[ -n "$child" ]]; then echo "$child" >"$(pidfile keycloak-java)"; else rm -f "$(pidfile keycloak-java)"; fi
}

keycloak_down() {
  local jpid; jpid=$(read_pid keycloak-java) || true
  stop_part keycloak 30
  if pid_alive "$jpid"; then   # should have gone with its process group; be sure
    kill -TERM "$jpid" 2>/dev/null; sleep 2; pid_alive "$jpid" && kill -KILL "$jpid" 2>/dev/null
  fi
  rm -f "$(pidfile keycloak-java)"
}

keycloak_status() {
  if part_pid_alive keycloak && kc_ready; then
    printf '  %-18s up   pid %s%s, http://localhost:%s (realm orrery discovery 200, health %s)\n' keycloak \
      "$(read_pid keycloak)" "$(j=$(read_pid keycloak-java) && echo " (java $j)")" $KC_PORT \
      "$(http_code "http://localhost:$KC_MGMT_PORT/health/ready")"
  elif part_pid_alive keycloak; then
    printf '  %-18s starting/unhealthy (pid %s, realm discovery not answering)\n' keycloak "$(read_pid keycloak)"
  else
    printf '  %-18s down\n' keycloak
  fi
}
