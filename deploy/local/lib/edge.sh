# shellcheck shell=bash
# The edge: one HTTP HAProxy ("edge") listening on each front-end's public port (todo 8081, profile 8082) and
# forwarding to one of two instance slots, blue or green (todo 8091/8093, profile 8092/8094). The gateway only
# knows the public ports, so `./orrery deploy` swaps instances without restarting or reconfiguring it.
# Every port, the admin socket and the stats port can be overridden from the environment (the deploy e2e test
# runs an isolated copy of the platform that way).

# name:module:public port:blue port:green port
EDGE_FRONTENDS=(
  "todo:todo-frontend:${ORRERY_TODO_PORT:-8081}:${ORRERY_TODO_BLUE_PORT:-8091}:${ORRERY_TODO_GREEN_PORT:-8093}"
  "profile:profile-frontend:${ORRERY_PROFILE_PORT:-8082}:${ORRERY_PROFILE_BLUE_PORT:-8092}:${ORRERY_PROFILE_GREEN_PORT:-8094}"
)
EDGE_STATS_PORT="${ORRERY_EDGE_STATS_PORT:-8406}"
EDGE_DIR="$ORRERY_DATA/edge"
EDGE_SOCK="${ORRERY_EDGE_SOCK:-$EDGE_DIR/edge.sock}"

# edge_frontend NAME_OR_MODULE -> sets FE_NAME FE_MODULE FE_PORT FE_BLUE FE_GREEN (returns 1 when unknown)
edge_frontend() {
  local spec
  for spec in "${EDGE_FRONTENDS[@]}"; do
    IFS=: read -r FE_NAME FE_MODULE FE_PORT FE_BLUE FE_GREEN <<<"$spec"
    [[ "$1" == "$FE_NAME" || "$1" == "$FE_MODULE" ]] && return 0
  done
  return 1
}
slot_port() { if [[ "$1" == blue ]]; then echo "$FE_BLUE"; else echo "$FE_GREEN"; fi; }
other_slot() { if [[ "$1" == blue ]]; then echo green; else echo blue; fi; }
# the slot that takes traffic (state file written by services.sh and deploy.sh); blue by default
active_slot() { local f="$EDGE_DIR/$1.slot"; if [[ -s "$f" ]]; then cat "$f"; else echo blue; fi; }
set_active_slot() { mkdir -p "$EDGE_DIR"; echo "$2" >"$EDGE_DIR/$1.slot"; }

# edge_cmd "COMMAND" : one command on HAProxy's admin socket, its answer on stdout
edge_cmd() { printf '%s\n' "$1" | socat -t 3 - "UNIX-CONNECT:$EDGE_SOCK"; }
# edge_stat BACKEND SERVER FIELD : one column of `show stat` (5 = scur, current sessions; 18 = status)
edge_stat() {
  edge_cmd "show stat" | awk -F, -v b="$1" -v s="$2" -v f="$3" '$1==b && $2==s {print $f}'
}
edge_server_up() { [[ "$(edge_stat "$1" "$2" 18)" == UP* ]]; }
edge_set_state() { edge_cmd "set server $1/$2 state $3" >/dev/null; }

edge_render() {
  mkdir -p "$EDGE_DIR"
  local spec block="" name mod port blue green active
  for spec in "${EDGE_FRONTENDS[@]}"; do
    IFS=: read -r name mod port blue green <<<"$spec"
    active=$(active_slot "$name")
    block+=$(printf 'frontend fe_%s\n    bind :%s\n    default_backend %s\n\nbackend %s\n' "$name" "$port" "$name" "$name")
    # health checks go to each instance's management port (mgmt_port, services.sh), traffic to its site port
    block+=$'\n'"    server blue 127.0.0.1:$blue port $(mgmt_port "$blue")$([[ $active == blue ]] || echo ' disabled')"
    block+=$'\n'"    server green 127.0.0.1:$green port $(mgmt_port "$green")$([[ $active == green ]] || echo ' disabled')"$'\n\n'
  done
  EDGE_FRONTENDS_BLOCK="$block" \
    awk '/^@FRONTENDS@$/ { print ENVIRON["EDGE_FRONTENDS_BLOCK"]; next } { print }' \
    "$ORRERY_DEPLOY/edge/edge.cfg.template" \
    | sed -e "s|@SOCK@|$EDGE_SOCK|g" -e "s/@STATS_PORT@/$EDGE_STATS_PORT/g" >"$EDGE_DIR/edge.cfg"
  echo "$EDGE_DIR/edge.cfg"
}

edge_ready() { http_ok "http://127.0.0.1:$EDGE_STATS_PORT/health" && [[ -S "$EDGE_SOCK" ]]; }

edge_up() {
  ensure_pkg haproxy haproxy
  ensure_pkg socat socat
  if part_pid_alive edge && edge_ready; then
    progress edge "already running (stats http://localhost:$EDGE_STATS_PORT/stats)"
    return 0
  fi
  stop_part edge 5 >/dev/null
  local spec ports=("$EDGE_STATS_PORT") cfg
  for spec in "${EDGE_FRONTENDS[@]}"; do ports+=("$(cut -d: -f3 <<<"$spec")"); done
  check_ports_free edge "${ports[@]}"
  cfg=$(edge_render)
  haproxy -c -q -f "$cfg" >>"$(logfile edge)" 2>&1 || fail_part edge "$(logfile edge)" "invalid configuration $cfg"
  rm -f "$EDGE_SOCK"
  start_detached edge haproxy -db -f "$cfg"
  wait_until 15 edge_ready || fail_part edge "$(logfile edge)" "did not answer on http://127.0.0.1:$EDGE_STATS_PORT/health"
  progress edge "up (front-end ports ${ports[*]:1}, stats http://localhost:$EDGE_STATS_PORT/stats, socket $EDGE_SOCK)"
}

edge_down() { stop_part edge 5; rm -f "$EDGE_SOCK"; }

edge_status() {
  if part_pid_alive edge && edge_ready; then
    local spec line="" name mod port blue green
    for spec in "${EDGE_FRONTENDS[@]}"; do
      IFS=: read -r name mod port blue green <<<"$spec"
      line+=" $name:$port->$(active_slot "$name")($(edge_stat "$name" "$(active_slot "$name")" 18))"
    done
    printf '  %-18s up   pid %s, stats http://localhost:%s/stats,%s\n' edge "$(read_pid edge)" "$EDGE_STATS_PORT" "$line"
  elif part_pid_alive edge; then
    printf '  %-18s unhealthy (pid %s alive, no answer on :%s/health)\n' edge "$(read_pid edge)" "$EDGE_STATS_PORT"
  else
    printf '  %-18s down\n' edge
  fi
}
