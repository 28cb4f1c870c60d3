# shellcheck shell=bash
# Orrery's own Quarkus services. The gateway runs from its fast-jar after `./mvnw install`; each front-end runs
# as an instance in one of its two slots (blue/green) behind the edge (edge.sh), from a release folder: a copy of
# its target/quarkus-app under .orrery/releases/<module>/<release>/app, so a later build never changes the files
# of a running instance and `./orrery rollback` has something to go back to. Ports, databases and queues can be
# overridden from the environment: ORRERY_GATEWAY_PORT, ORRERY_<MODULE>_OPTS (e.g. ORRERY_TODO_FRONTEND_OPTS,
# ORRERY_BFF_GATEWAY_OPTS: extra -D options for that module), plus the ports of edge.sh.

GATEWAY_PORT="${ORRERY_GATEWAY_PORT:-8080}"
SERVICE_READY_TIMEOUT="${SERVICE_READY_TIMEOUT:-90}"
ORRERY_RELEASES="$ORRERY_STATE/releases"
RELEASES_KEPT="${ORRERY_RELEASES_KEPT:-3}"

svc_jar() { echo "$ORRERY_HOME/$1/target/quarkus-app/quarkus-run.jar"; }
# A service's /q/* (health, metrics, OpenAPI) answers only on its management interface: its own port, the site
# port + ORRERY_MANAGEMENT_OFFSET (1000: gateway 9080, todo instances 9091/9093, profile 9092/9094), on 127.0.0.1
# only. The site port serves the site alone (404 under /q).
MANAGEMENT_OFFSET="${ORRERY_MANAGEMENT_OFFSET:-1000}"
mgmt_port() { echo $(( $1 + MANAGEMENT_OFFSET )); }
mgmt_opts() { echo "-Dquarkus.management.port=$(mgmt_port "$1") -Dquarkus.management.host=127.0.0.1"; }
# svc_health SITE_PORT [PATH]: URL of the health endpoint of the service on SITE_PORT (default /q/health/ready)
svc_health() { echo "http://localhost:$(mgmt_port "$1")${2:-/q/health/ready}"; }
svc_ready() { http_ok "$(svc_health "$1")"; }
svc_ready_or_dead() { svc_ready "$1" || ! pid_alive "$2"; }
# module_opts MODULE : the words of ORRERY_<MODULE>_OPTS
module_opts() { local v="ORRERY_${1//-/_}_OPTS"; v="${v^^}"; echo "${!v:-}"; }

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

# ---------------------------------------------------------------- releases
# What identifies a build: the application jars and Quarkus's generated files, not their timestamps.
release_fingerprint() {
  ( cd "$1" && find app quarkus lib/main -type f \( -path 'app/*' -o -path 'quarkus/*' -o -name 'dev.orrery.*' \) \
      -print0 | sort -z | xargs -0 md5sum | md5sum | cut -c1-16 )
}
release_complete() {
  [[ -f "$1/quarkus-run.jar" && -f "$1/quarkus/quarkus-application.dat" && -d "$1/app" && -d "$1/lib/main" ]]
}
releases_of() { ls -1d "$ORRERY_RELEASES/$1"/*/ 2>/dev/null | sed 's|/$||' | sort; }
release_version() { sed -n 's/^VERSION=//p' "$1/release.env" 2>/dev/null; }
release_opts() { sed -n 's/^OPTS=//p' "$1/release.env" 2>/dev/null; }

# release_create MODULE VERSION [ROOT] -> path of a release holding the module's current target/quarkus-app (under
# ROOT, a checkout of this repository; default: this one); the newest release is reused when it holds the same build
# and version.
release_create() {
  local mod="$1" version="$2" root="${3:-$ORRERY_HOME}" src="${3:-$ORRERY_HOME}/$1/target/quarkus-app" fp newest name dir
  [[ -f "$src/quarkus-run.jar" ]] \
    || die "$mod" "${src#"$ORRERY_HOME"/}/quarkus-run.jar not found: module not built (yet)?" \
         "Run './mvnw -B -DskipTests install' and check its output, or use './orrery up --infra-only'."
  # another build may be rewriting target/quarkus-app right now: wait until it is complete again
  wait_until 120 release_complete "$src" \
    || die "$mod" "${src#"$ORRERY_HOME"/} stays incomplete (a build running?); build the module and retry"
  sleep 1
  fp=$(release_fingerprint "$src")
  newest=$(releases_of "$mod" | tail -n1)
  if [[ -n "$newest" && "$(sed -n 's/^FINGERPRINT=//p' "$newest/release.env")" == "$fp" \
        && "$(release_version "$newest")" == "$version" ]]; then
    echo "$newest"; return 0
  fi
  name="$(date +%Y%m%d-%H%M%S)-${version:-g$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo local)}"
  # no '+' in the folder name: Quarkus's launcher URL-decodes its own path ('+' would become a space)
  name="${name//+/_}"
  dir="$ORRERY_RELEASES/$mod/$name"
  mkdir -p "$dir"
  cp -a "$src" "$dir/app"
  {
    echo "VERSION=$version"
    # the version shows in the manifest, /q/info-like data and fragment headers of the front-end
    [[ -n "$version" ]] && echo "OPTS=-D${mod%%-*}.version=$version -Dquarkus.application.version=$version"
    echo "FINGERPRINT=$fp"
    echo "BUILT_FROM=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
    echo "SOURCE=$root"
  } >"$dir/release.env"
  echo "$dir"
}

# keeps the newest RELEASES_KEPT releases plus any release an instance runs from
release_prune() {
  local mod="$1" r keep used
  used=$(cat "$EDGE_DIR/$mod"*.release 2>/dev/null || true)
  keep=$(releases_of "$mod" | tail -n "$RELEASES_KEPT")
  for r in $(releases_of "$mod"); do
    grep -qxF "$r" <<<"$keep"$'\n'"$used" || rm -rf "$r"
  done
}

# ---------------------------------------------------------------- front-end instances
instance_part() { echo "$1-$2"; }   # MODULE SLOT -> part name (pid and log file), e.g. todo-frontend-green
instance_release() { cat "$EDGE_DIR/$1-$2.release" 2>/dev/null; }

# instance_start MODULE SLOT PORT RELEASE [EXTRA OPTS...]
instance_start() {
  local mod="$1" slot="$2" port="$3" rel="$4"; shift 4
  local part; part=$(instance_part "$mod" "$slot")
  check_ports_free "$part" "$port" "$(mgmt_port "$port")"
  echo "$rel" >"$EDGE_DIR/$mod-$slot.release"
  # shellcheck disable=SC2046  # option lists are word lists
  ( cd "$ORRERY_HOME" && start_detached "$part" java -Xmx256m "-Dquarkus.http.port=$port" $(mgmt_opts "$port") \
      -Dquarkus.shutdown.timeout=20s ${ORRERY_SERVICE_JAVA_OPTS:-} $(module_opts "$mod") $(release_opts "$rel") \
      "$@" -jar "$rel/app/quarkus-run.jar" )
}

# instance_await PART PORT TIMEOUT : 0 ready, 1 not ready in time, 2 exited
instance_await() {
  local pid; pid=$(read_pid "$1")
  wait_until "$3" svc_ready_or_dead "$2" "$pid" || true
  pid_alive "$pid" || return 2
  svc_ready "$2" || return 1
}

# await_started PART PORT : ready within SERVICE_READY_TIMEOUT, else fail naming the part's log
await_started() {
  local rc=0
  instance_await "$1" "$2" "$SERVICE_READY_TIMEOUT" || rc=$?
  ((rc == 2)) && fail_part "$1" "$(logfile "$1")" "exited during start-up"
  ((rc == 1)) && fail_part "$1" "$(logfile "$1")" "$(svc_health "$2") not 200 within ${SERVICE_READY_TIMEOUT}s"
  return 0
}

frontend_up() {   # NAME: the active slot's instance, started when not running, and that slot enabled in the edge
  edge_frontend "$1"
  local slot port part rel
  slot=$(active_slot "$FE_NAME"); port=$(slot_port "$slot"); part=$(instance_part "$FE_MODULE" "$slot")
  if part_pid_alive "$part" && wait_until "$SERVICE_READY_TIMEOUT" svc_ready "$port"; then
    progress "$FE_MODULE" "already running ($slot slot, instance :$port, via edge http://localhost:$FE_PORT)"
  else
    stop_part "$part" 10
    rel=$(release_create "$FE_MODULE" "")
    instance_start "$FE_MODULE" "$slot" "$port" "$rel"
    ORRERY_STARTED+=("$part")
    await_started "$part" "$port"
    release_prune "$FE_MODULE"
    progress "$FE_MODULE" "up ($slot slot, instance :$port, release $(basename "$rel"), via edge http://localhost:$FE_PORT)"
  fi
  set_active_slot "$FE_NAME" "$slot"
  edge_set_state "$FE_NAME" "$slot" ready
  part_pid_alive "$(instance_part "$FE_MODULE" "$(other_slot "$slot")")" \
    || edge_set_state "$FE_NAME" "$(other_slot "$slot")" maint
}

# The gateway's CSRF key (required in production mode; every instance needs the same one): ORRERY_GATEWAY_CSRF_KEY,
# else a random key generated once into the state directory and kept.
gateway_csrf_key() {
  if [[ -n "${ORRERY_GATEWAY_CSRF_KEY:-}" ]]; then echo "$ORRERY_GATEWAY_CSRF_KEY"; return; fi
  local file="$ORRERY_STATE/gateway-csrf.key"
  [[ -s "$file" ]] || ( umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$file" )
  cat "$file"
}

gateway_up() {
  local mod=bff-gateway spec opts=()
  if part_pid_alive "$mod" && wait_until "$SERVICE_READY_TIMEOUT" svc_ready "$GATEWAY_PORT"; then
    progress "$mod" "already running (http://localhost:$GATEWAY_PORT)"
    return 0
  fi
  stop_part "$mod" 10
  check_ports_free "$mod" "$GATEWAY_PORT" "$(mgmt_port "$GATEWAY_PORT")"
  # from a release copy as well, so that a build running meanwhile cannot pull jars from under it
  local rel; rel=$(release_create "$mod" "")
  for spec in "${EDGE_FRONTENDS[@]}"; do
    opts+=("-Dgateway.frontends.$(cut -d: -f1 <<<"$spec").url=http://localhost:$(cut -d: -f3 <<<"$spec")")
  done
  opts+=("-Dgateway.csrf.key=$(gateway_csrf_key)")
  # the site's own origins (WebSocket upgrades and Origin headers are checked against them, never against Host)
  opts+=("-Dgateway.origins=${ORRERY_GATEWAY_ORIGINS:-http://localhost:$GATEWAY_PORT,http://127.0.0.1:$GATEWAY_PORT}")
  # shellcheck disable=SC2046
  ( cd "$ORRERY_HOME" && start_detached "$mod" java -Xmx256m "-Dquarkus.http.port=$GATEWAY_PORT" $(mgmt_opts "$GATEWAY_PORT") "${opts[@]}" \
      ${ORRERY_SERVICE_JAVA_OPTS:-} $(module_opts "$mod") -jar "$rel/app/quarkus-run.jar" )
  echo "$rel" >"$EDGE_DIR/$mod.release"
  ORRERY_STARTED+=("$mod")
  await_started "$mod" "$GATEWAY_PORT"
  release_prune "$mod"
  progress "$mod" "up (http://localhost:$GATEWAY_PORT, release $(basename "$rel"))"
}

services_up() {
  local spec all=1 name
  for spec in "${EDGE_FRONTENDS[@]}"; do
    edge_frontend "${spec%%:*}"
    part_pid_alive "$(instance_part "$FE_MODULE" "$(active_slot "$FE_NAME")")" || all=0
  done
  part_pid_alive bff-gateway || all=0
  if (( ! all )); then services_build; fi
  part_pid_alive edge && edge_ready || edge_up
  for spec in "${EDGE_FRONTENDS[@]}"; do frontend_up "${spec%%:*}"; done
  gateway_up
}

services_down() {
  stop_part bff-gateway 20
  local spec slot
  for spec in "${EDGE_FRONTENDS[@]}"; do
    edge_frontend "${spec%%:*}"
    for slot in blue green; do stop_part "$(instance_part "$FE_MODULE" "$slot")" 25; done
  done
}

# manifest_version PORT : the version a front-end's manifest names
manifest_version() {
  curl -s --max-time 3 "http://localhost:$1/.well-known/orrery/manifest.json" 2>/dev/null \
    | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p'
}
# the version the gateway last accepted for a front-end (it logs every manifest change)
gateway_seen_version() {
  grep -a "front-end $1: manifest version" "$(logfile bff-gateway)" 2>/dev/null | tail -n1 | sed 's/.*manifest version //'
}

services_status() {
  local spec slot port part rel code
  for spec in "${EDGE_FRONTENDS[@]}"; do
    edge_frontend "${spec%%:*}"
    slot=$(active_slot "$FE_NAME"); port=$(slot_port "$slot"); part=$(instance_part "$FE_MODULE" "$slot")
    if part_pid_alive "$part"; then
      code=$(http_code "$(svc_health "$port" /q/health)")
      rel=$(instance_release "$FE_MODULE" "$slot")
      printf '  %-18s %s %s slot, instance :%s pid %s (/q/health on :%s %s), release %s, version %s (edge :%s serves %s; gateway last accepted %s)\n' \
        "$FE_MODULE" "$([[ $code == 200 ]] && echo 'up  ' || echo 'unhealthy')" "$slot" "$port" "$(read_pid "$part")" \
        "$(mgmt_port "$port")" "$code" "$(basename "${rel:-?}")" "$(manifest_version "$port")" "$FE_PORT" \
        "$(manifest_version "$FE_PORT" || true)" "$(gateway_seen_version "$FE_NAME" || true)"
      part_pid_alive "$(instance_part "$FE_MODULE" "$(other_slot "$slot")")" && printf '  %-18s also running: %s slot (pid %s)\n' "" \
        "$(other_slot "$slot")" "$(read_pid "$(instance_part "$FE_MODULE" "$(other_slot "$slot")")")"
    else
      printf '  %-18s down (%s slot :%s, edge :%s)\n' "$FE_MODULE" "$slot" "$port" "$FE_PORT"
    fi
  done
  if part_pid_alive bff-gateway; then
    code=$(http_code "$(svc_health "$GATEWAY_PORT" /q/health)")
    printf '  %-18s %s pid %s, http://localhost:%s (/q/health on :%s %s)\n' bff-gateway \
      "$([[ $code == 200 ]] && echo 'up  ' || echo 'unhealthy')" "$(read_pid bff-gateway)" "$GATEWAY_PORT" \
      "$(mgmt_port "$GATEWAY_PORT")" "$code"
  else
    printf '  %-18s down (port %s)\n' bff-gateway "$GATEWAY_PORT"
  fi
  return 0
}
