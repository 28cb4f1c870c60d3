# shellcheck shell=bash
# ./orrery deploy FRONT-END and ./orrery rollback FRONT-END: blue/green replacement of one front-end behind the
# edge (edge.sh). The new instance starts on the idle slot from a release folder, must become ready, then takes
# the traffic; the old one is drained (no new requests), stopped with SIGTERM (Quarkus finishes in-flight requests,
# up to quarkus.shutdown.timeout) and its slot put in maintenance. The gateway, the other front-end, the broker and
# the database are not touched. A new instance that is not ready in time is abandoned: the old one keeps serving.

DEPLOY_READY_TIMEOUT="${ORRERY_DEPLOY_READY_TIMEOUT:-90}"
DEPLOY_DRAIN_TIMEOUT="${ORRERY_DEPLOY_DRAIN_TIMEOUT:-10}"
# seconds both slots serve after the switch (the edge's slowstart, 8 s, ramps the new one up meanwhile)
DEPLOY_SETTLE="${ORRERY_DEPLOY_SETTLE:-8}"
# the warm-up before the switch: rounds of requests for every fragment, as this user of the local realm
DEPLOY_WARM_UP="${ORRERY_DEPLOY_WARM_UP:-5}"
DEPLOY_SMOKE_USER="${ORRERY_DEPLOY_SMOKE_USER:-bob:bob-orrery}"

deploy_usage() {
  cat <<'USAGE'
Usage: ./orrery deploy [--version V] [--no-build] [--source DIR] [--ready-timeout S] [--drain-timeout S] FRONT-END
       ./orrery rollback [--ready-timeout S] [--drain-timeout S] FRONT-END

FRONT-END: todo-frontend (todo) or profile-frontend (profile).
  --version V         the version the new instance announces (manifest, fragment header); default after a build:
                      the build's version plus its commit (0.1.0-SNAPSHOT+g1a2b3c4, ".dirty" when the front-end's
                      or its dependencies' sources have uncommitted changes); with --no-build: the build's own
  --no-build          do not run Maven; release what <module>/target/quarkus-app holds now
  --source DIR        build and release from DIR, another checkout of this repository (e.g. a clean clone of a
                      tag), instead of this working tree
  --ready-timeout S   seconds the new instance has to answer /q/health/ready on its management port (site port
                      + 1000) (default 90, ORRERY_DEPLOY_READY_TIMEOUT)
  --drain-timeout S   seconds to wait for the old instance's open sessions (WebSockets) before SIGTERM (default 10)
Extra -D options for the new instance only: ORRERY_DEPLOY_EXTRA_OPTS (e.g. to make it fail its readiness:
  ORRERY_DEPLOY_EXTRA_OPTS=-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/none).
Releases are kept under .orrery/releases/<module>/ (the newest ORRERY_RELEASES_KEPT=3 plus the running ones).
The build is `./mvnw -B -pl <module> -am package -Dmaven.test.skip=true` in DIR: the front-end and what it
depends on (api-contracts, shared-style), never the other front-end or the gateway, tests not even compiled (run
`./mvnw -pl <module> -am verify` before you ship); extra Maven arguments (e.g. -o) through MAVEN_ARGS. One deploy or rollback per front-end at a time: a second one fails at once, naming the running one.
USAGE
}

_deploy_t() { echo "${EPOCHREALTIME/./}"; }
_deploy_secs() { local d=$(( ($2 - $1) / 10000 )); printf '%d.%02ds' $((d / 100)) $((d % 100)); }
# step LABEL START : "step LABEL took X s"
_deploy_step() { progress "${D_VERB:-deploy}" "$(printf '%-34s %s' "$1" "$(_deploy_secs "$2" "$(_deploy_t)")")"; }

# the process ids that must not change: every other part ./orrery runs
_deploy_other_pids() {
  local f part out=""
  for f in "$ORRERY_PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    part=$(basename "$f" .pid)
    [[ "$part" == "$FE_MODULE"-* ]] && continue
    pid_alive "$(read_pid "$part")" && out+="$part=$(read_pid "$part") "
  done
  echo "${out% }"
}

_deploy_parse() {   # sets D_VERSION D_BUILD D_SOURCE D_READY D_DRAIN D_TARGET D_COMMAND
  D_VERSION=""; D_BUILD=1; D_SOURCE="$ORRERY_HOME"; D_READY="$DEPLOY_READY_TIMEOUT"; D_DRAIN="$DEPLOY_DRAIN_TIMEOUT"
  D_TARGET=""; D_COMMAND="./orrery ${D_VERB:-deploy} $*"
  while (($#)); do
    case "$1" in
      --version) D_VERSION="${2:?--version needs a value}"; shift ;;
      --no-build) D_BUILD=0 ;;
      --source) D_SOURCE="$(cd "${2:?--source needs a folder}" 2>/dev/null && pwd)" || die deploy "--source $2: no such folder"
                shift ;;
      --ready-timeout) D_READY="${2:?--ready-timeout needs seconds}"; shift ;;
      --drain-timeout) D_DRAIN="${2:?--drain-timeout needs seconds}"; shift ;;
      -h|--help) deploy_usage; exit 0 ;;
      -*) deploy_usage >&2; die deploy "unknown option $1" ;;
      *) [[ -z "$D_TARGET" ]] || die deploy "one front-end at a time"; D_TARGET="$1" ;;
    esac
    shift
  done
  [[ -n "$D_TARGET" ]] || { deploy_usage >&2; die deploy "which front-end? (todo-frontend or profile-frontend)"; }
  edge_frontend "$D_TARGET" || die deploy "unknown front-end '$D_TARGET' (known: todo-frontend, profile-frontend)"
  [[ "$D_VERSION" =~ ^[A-Za-z0-9._+-]*$ ]] || die deploy "--version: letters, digits and . _ + - only"
  [[ -f "$D_SOURCE/pom.xml" && -d "$D_SOURCE/$FE_MODULE" ]] \
    || die deploy "--source $D_SOURCE: not a checkout of Orrery (no pom.xml and $FE_MODULE/ there)"
}

# ---------------------------------------------------------------- one deploy or rollback per front-end at a time
# The lock is a file created atomically (a hard link fails when it exists) holding "PID START-TICKS WHEN COMMAND".
# A lock whose process is gone, or whose PID now belongs to another process (start time differs), is stale: left by
# a deploy that was killed; it is taken over with a warning.
_deploy_lockfile() { echo "$ORRERY_STATE/locks/$FE_MODULE.deploy"; }
# proc_start PID : the process's start time in clock ticks since boot (field 22 of /proc/PID/stat)
proc_start() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

_deploy_lock() {
  local f tmp pid start when command
  f=$(_deploy_lockfile); mkdir -p "$(dirname "$f")"
  tmp="$f.$$"
  printf '%s %s %s %s\n' "$$" "$(proc_start "$$")" "$(date -u +%FT%TZ)" "$D_COMMAND" >"$tmp"
  if ! ln "$tmp" "$f" 2>/dev/null && ! { [[ ! -e "$f" ]] && ln "$tmp" "$f" 2>/dev/null; }; then
    read -r pid start when command <"$f" || true
    if [[ -n "${pid:-}" ]] && pid_alive "$pid" && [[ "$(proc_start "$pid")" == "$start" ]]; then
      rm -f "$tmp"
      die "$D_VERB" "another deploy or rollback of $FE_MODULE is running: pid $pid, '$command', started $when." \
        "Wait for it to finish (one at a time per front-end); if it hangs, stop it: kill $pid"
    fi
    warn "$D_VERB" "taking over a stale lock of $FE_MODULE: pid ${pid:-?} ('${command:-?}', started ${when:-?})" \
      "is gone (killed?); $(_deploy_lockfile | sed "s|^$ORRERY_HOME/||") was left behind"
    rm -f "$f"
    ln "$tmp" "$f" 2>/dev/null || { rm -f "$tmp"; die "$D_VERB" "another deploy of $FE_MODULE took the lock just now"; }
  fi
  rm -f "$tmp"
  trap _deploy_unlock EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
_deploy_unlock() {
  local f pid; f=$(_deploy_lockfile)
  read -r pid _ <"$f" 2>/dev/null || return 0
  [[ "$pid" == "$$" ]] && rm -f "$f"
  return 0
}

# _deploy_build : ./mvnw package of the front-end and what it depends on, in D_SOURCE; sets D_VERSION when empty
_deploy_build() {
  local log t modules commit dirty=""
  log=$(logfile "build-$FE_MODULE")
  t=$(_deploy_t)
  progress deploy "building $FE_MODULE alone in ${D_SOURCE}: ./mvnw -B -pl $FE_MODULE -am package -Dmaven.test.skip=true" \
    "${MAVEN_ARGS:-} (log: $log)"
  ( cd "$D_SOURCE" && if [[ -x ./mvnw ]]; then ./mvnw -B -pl "$FE_MODULE" -am package -Dmaven.test.skip=true
                      else mvn -B -pl "$FE_MODULE" -am package -Dmaven.test.skip=true; fi ) >"$log" 2>&1 \
    || fail_part deploy "$log" "the build of $FE_MODULE failed; nothing was changed"
  modules=$(grep -o '< dev\.orrery:[A-Za-z0-9_.-]* >' "$log" | sed 's/< dev\.orrery:\(.*\) >/\1/' | tr '\n' ' ')
  _deploy_step "build (modules: ${modules% })" "$t"
  if [[ -z "$D_VERSION" ]]; then
    commit=$(git -C "$D_SOURCE" rev-parse --short HEAD 2>/dev/null) || return 0
    [[ -n "$(git -C "$D_SOURCE" status --porcelain -- "$FE_MODULE" api-contracts shared-style pom.xml 2>/dev/null)" ]] \
      && dirty=".dirty"
    D_VERSION="$(_deploy_built_version)+g$commit$dirty"
  fi
}
# the version Maven gave the build: the module's jar is app/<module>-<version>.jar
_deploy_built_version() {
  local jar; jar=$(cd "$D_SOURCE/$FE_MODULE/target/quarkus-app/app" && ls "$FE_MODULE"-*.jar 2>/dev/null | head -n1)
  jar="${jar#"$FE_MODULE"-}"; echo "${jar%.jar}"
}

_deploy_preflight() {
  ensure_dirs
  select_jdk
  part_pid_alive edge && edge_ready || die deploy "the edge is not running; start the platform first: ./orrery up"
  local old; old=$(active_slot "$FE_NAME")
  part_pid_alive "$(instance_part "$FE_MODULE" "$old")" \
    || die deploy "$FE_MODULE is not running (its $old slot has no instance); start it with ./orrery up services"
}

cmd_deploy() {
  D_VERB=deploy
  _deploy_parse "$@"
  _deploy_preflight
  _deploy_lock
  local t0 t rel
  t0=$(_deploy_t)
  ((D_BUILD)) && _deploy_build
  t=$(_deploy_t)
  rel=$(release_create "$FE_MODULE" "$D_VERSION" "$D_SOURCE")
  _deploy_step "release $(basename "$rel")" "$t"
  _deploy_switch "$rel" "$t0" deploy
}

cmd_rollback() {
  D_VERB=rollback
  _deploy_parse "$@"
  _deploy_preflight
  _deploy_lock
  local t0 cur prev
  t0=$(_deploy_t)
  cur=$(instance_release "$FE_MODULE" "$(active_slot "$FE_NAME")")
  prev=$(releases_of "$FE_MODULE" | awk -v c="$cur" '$0 == c {print p; exit} {p = $0}')
  [[ -n "$prev" ]] || die rollback "no release of $FE_MODULE older than the running one ($(basename "${cur:-?}")) is kept" \
    "under ${ORRERY_RELEASES#"$ORRERY_HOME"/}/$FE_MODULE"
  progress rollback "$FE_MODULE: from $(basename "$cur") back to $(basename "$prev")"
  _deploy_switch "$prev" "$t0" rollback
}

# _deploy_switch RELEASE T0 VERB : the blue/green switch itself
_deploy_switch() {
  local rel="$1" t0="$2" verb="$3"; D_VERB="$3"
  local t old new old_port new_port old_part new_part old_pid new_pid before rc=0
  old=$(active_slot "$FE_NAME"); new=$(other_slot "$old")
  old_port=$(slot_port "$old"); new_port=$(slot_port "$new")
  old_part=$(instance_part "$FE_MODULE" "$old"); new_part=$(instance_part "$FE_MODULE" "$new")
  old_pid=$(read_pid "$old_part")
  before=$(_deploy_other_pids)
  progress "$verb" "$FE_MODULE: $old slot (:$old_port, pid $old_pid, version $(manifest_version "$old_port")) -> $new slot (:$new_port)"
  progress "$verb" "other parts before: $before"

  t=$(_deploy_t)
  stop_part "$new_part" 10 >/dev/null   # a leftover of an earlier, abandoned attempt
  edge_set_state "$FE_NAME" "$new" maint
  # shellcheck disable=SC2086
  instance_start "$FE_MODULE" "$new" "$new_port" "$rel" ${ORRERY_DEPLOY_EXTRA_OPTS:-}
  new_pid=$(read_pid "$new_part")
  progress "$verb" "new instance pid $new_pid starting on :$new_port from $(basename "$rel") (log: $(logfile "$new_part"))"
  instance_await "$new_part" "$new_port" "$D_READY" || rc=$?
  if ((rc)); then
    local why="did not become ready ($(svc_health "$new_port")) within ${D_READY}s"
    ((rc == 2)) && why="exited during start-up"
    stop_part "$new_part" 10 >/dev/null
    printf '[%s] %-16s ABANDONED: the new %s instance %s.\n' "$(_elapsed)" "$verb" "$FE_MODULE" "$why" >&2
    printf '          It was stopped; the edge was not changed: the %s slot (pid %s, :%s) keeps serving.\n' \
      "$old" "$old_pid" "$old_port" >&2
    fail_part "$verb" "$(logfile "$new_part")" "$verb of $FE_MODULE abandoned"
  fi
  _deploy_step "new instance ready" "$t"
  t=$(_deploy_t)
  _deploy_warm_up "$new_port" && _deploy_step "warm-up ($DEPLOY_WARM_UP rounds of its fragments)" "$t"

  t=$(_deploy_t)
  edge_set_state "$FE_NAME" "$new" ready
  wait_until 15 edge_server_up "$FE_NAME" "$new" \
    || { stop_part "$new_part" 10 >/dev/null; edge_set_state "$FE_NAME" "$new" maint
         die "$verb" "the edge did not see the new instance healthy within 15s; abandoned, the $old slot keeps serving"; }
  # Both slots serve until the new instance has stayed ready for a while (meanwhile the edge's slowstart ramps its
  # share up): a readiness that flaps right after start-up must never leave the edge without a server.
  stay_ready "$new_port" "$DEPLOY_SETTLE" "$new_part" \
    || { stop_part "$new_part" 10 >/dev/null; edge_set_state "$FE_NAME" "$new" maint
         die "$verb" "the new instance did not stay ready for ${DEPLOY_SETTLE}s; abandoned, the $old slot keeps serving"; }
  edge_set_state "$FE_NAME" "$old" drain
  set_active_slot "$FE_NAME" "$new"
  _deploy_step "edge: $new serves, $old drains" "$t"
  local version; version=$(manifest_version "$FE_PORT")
  progress "$verb" "NEW VERSION SERVING via edge :$FE_PORT: ${version:-?} — $(_deploy_secs "$t0" "$(_deploy_t)") after '$verb' started"

  t=$(_deploy_t)
  local end=$(( $(_deploy_t) + D_DRAIN * 1000000 )) scur
  while :; do
    scur=$(edge_stat "$FE_NAME" "$old" 5); scur=${scur:-0}
    ((scur == 0)) && break
    (( $(_deploy_t) >= end )) && break
    svc_ready "$new_port" || _deploy_not_ready "$new_port" "$new_part"
    sleep 0.2
  done
  _deploy_step "drain ($scur sessions left, e.g. WebSockets)" "$t"

  t=$(_deploy_t)
  # What is still open after the drain is long-lived (WebSockets through the edge's tunnels): the edge closes
  # those, their clients reconnect through the gateway to the new instance and catch up by sequence number.
  # (Left open, they would hold Quarkus's graceful shutdown for its whole timeout.)
  ((scur > 0)) && edge_cmd "shutdown sessions server $FE_NAME/$old" >/dev/null
  # SIGTERM: Quarkus finishes in-flight requests (quarkus.shutdown.timeout=20s) and stops
  stop_part "$old_part" 30 >/dev/null
  edge_set_state "$FE_NAME" "$old" maint
  _deploy_step "old instance (pid $old_pid) stopped" "$t"
  release_prune "$FE_MODULE"

  local after; after=$(_deploy_other_pids)
  progress "$verb" "other parts after:  $after"
  [[ "$before" == "$after" ]] && progress "$verb" "no other process restarted" \
    || warn "$verb" "the other parts' process ids changed (before: $before; after: $after)"
  progress "$verb" "done: $FE_MODULE $new slot, pid $new_pid, version ${version:-?}, release $(basename "$rel"); total $(_deploy_secs "$t0" "$(_deploy_t)")"
}

# _deploy_warm_up PORT : the new instance's first requests are slow (class loading, first queries, JIT), on a loaded
# machine slower than the gateway's fragment budget (5 s). So before it takes traffic, it is asked for each fragment
# its manifest declares, DEPLOY_WARM_UP times, as the gateway would (bearer token of the smoke-test user). Returns 1,
# with a warning, when there is no token to be had (the instance then takes traffic cold).
_deploy_warm_up() {
  local port="$1" token paths path i
  ((DEPLOY_WARM_UP > 0)) || return 1
  token=$(curl -s --max-time 10 -d grant_type=password -d client_id=orrery-gateway -d client_secret=orrery-gateway-secret \
            -d scope=openid --data-urlencode "username=${DEPLOY_SMOKE_USER%%:*}" \
            --data-urlencode "password=${DEPLOY_SMOKE_USER#*:}" \
            "http://localhost:$KC_PORT/realms/orrery/protocol/openid-connect/token" 2>/dev/null \
          | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  if [[ -z "$token" ]]; then
    warn "$D_VERB" "no token for the warm-up user ${DEPLOY_SMOKE_USER%%:*} (ORRERY_DEPLOY_SMOKE_USER); the new instance takes traffic cold"
    return 1
  fi
  paths=$(curl -s --max-time 10 "http://localhost:$port/.well-known/orrery/manifest.json" 2>/dev/null \
          | grep -o '"path":"/[^"]*"' | sed 's/"path":"\(.*\)"/\1/')
  for ((i = 0; i < DEPLOY_WARM_UP; i++)); do
    for path in $paths; do
      curl -s -o /dev/null --max-time 30 -H "Authorization: Bearer $token" "http://localhost:$port$path" || true
    done
  done
  return 0
}

# stay_ready PORT SECONDS [PART]: /q/health/ready (on PORT's management port) answers 200 on SECONDS consecutive
# probes, one second apart (within 4x that); each probe that fails is reported (see _deploy_not_ready).
stay_ready() {
  local port="$1" need="$2" part="${3:-}" ok=0 tries=0
  while ((ok < need && tries < need * 4)); do
    if svc_ready "$port"; then ok=$((ok + 1)); else ok=0; _deploy_not_ready "$port" "$part"; fi
    tries=$((tries + 1))
    sleep 1
  done
  ((ok >= need))
}

# _deploy_not_ready PORT PART : a new instance that was ready is not any more; say which checks are not UP (or that
# the probe itself timed out) and what its log last warned about, so that a flap can be explained afterwards.
_deploy_not_ready() {
  local body code
  body=$(curl -s --max-time 3 -w '\n%{http_code}' "$(svc_health "$1")" 2>/dev/null || true)
  code=${body##*$'\n'}; body=${body%$'\n'*}
  warn "${D_VERB:-deploy}" "the new instance's readiness (:$1) answered ${code:-nothing} (000: no answer within 3 s):" \
    "$(tr -d '\n' <<<"$body" | tr -s ' ' | grep -o '"name": "[^"]*", "status": "DOWN"[^}]*}' | tr '\n' ' ')"
  [[ -n "${2:-}" ]] && grep -aE '^[0-9-]+ [0-9:,]+ (WARN|ERROR) ' "$(logfile "$2")" | tail -n 3 | cut -c1-300 \
    | sed 's/^/          | /' >&2
  return 0
}
