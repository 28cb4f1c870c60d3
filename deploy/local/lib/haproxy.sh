# shellcheck shell=bash
# HAProxy: two instances (haproxy-a :5680, haproxy-b :5679) balancing AMQP over rmq1..3.
# ORRERY_HAPROXY_INSTANCES ("name:amqp:stats ...") overrides the instances (the fault-test
# cluster uses it); the backend servers are the RabbitMQ nodes of rabbitmq.sh (RMQ_NODES).

read -r -a HAPROXY_INSTANCES <<<"${ORRERY_HAPROXY_INSTANCES:-haproxy-a:5680:8404 haproxy-b:5679:8405}"

haproxy_servers() {   # one "server" line per RabbitMQ node
  local n
  for n in "${RMQ_NODES[@]}"; do printf '    server %s 127.0.0.1:%s\n' "$n" "$(rmq_amqp_port "$n")"; done
}

haproxy_render() {   # NAME AMQP STATS -> path of rendered cfg
  local name="$1" amqp="$2" stats="$3" dir="$ORRERY_DATA/$1"
  mkdir -p "$dir"
  HAPROXY_SERVERS="$(haproxy_servers)" \
    awk '/^[[:space:]]*@SERVERS@[[:space:]]*$/ { print ENVIRON["HAPROXY_SERVERS"]; next } { print }' \
    "$ORRERY_DEPLOY/haproxy/haproxy.cfg.template" \
    | sed -e "s/@NAME@/$name/g" -e "s/@AMQP_PORT@/$amqp/g" -e "s/@STATS_PORT@/$stats/g" >"$dir/haproxy.cfg"
  echo "$dir/haproxy.cfg"
}

haproxy_up() {
  ensure_pkg haproxy haproxy
  local spec name amqp stats cfg started=()
  for spec in "${HAPROXY_INSTANCES[@]}"; do
    IFS=: read -r name amqp stats <<<"$spec"
    if part_pid_alive "$name" && port_open "$amqp"; then
      progress "$name" "already running (amqp $amqp, stats http://localhost:$stats/stats)"
      continue
    fi
    stop_part "$name" 5 >/dev/null   # stale pid of ours (e.g. half-started)
    check_ports_free "$name" "$amqp" "$stats"
    cfg=$(haproxy_render "$name" "$amqp" "$stats")
    haproxy -c -q -f "$cfg" >>"$(logfile "$name")" 2>&1 \
      || fail_part "$name" "$(logfile "$name")" "invalid configuration $cfg"
    # -db: stay in foreground (logs to stdout -> our log); setsid detaches it
    start_detached "$name" haproxy -db -f "$cfg"
    started+=("$spec")
  done
  for spec in "${started[@]}"; do
    IFS=: read -r name amqp stats <<<"$spec"
    wait_until 15 http_ok "http://127.0.0.1:$stats/health" \
      || fail_part "$name" "$(logfile "$name")" "did not answer on http://127.0.0.1:$stats/health"
    progress "$name" "up (amqp $amqp, stats http://localhost:$stats/stats)"
  done
}

haproxy_down() {
  local i name
  for ((i = ${#HAPROXY_INSTANCES[@]} - 1; i >= 0; i--)); do
    name="${HAPROXY_INSTANCES[i]%%:*}"
    stop_part "$name" 5
  done
}

haproxy_status() {
  local spec name amqp stats csv upn
  for spec in "${HAPROXY_INSTANCES[@]}"; do
    IFS=: read -r name amqp stats <<<"$spec"
    if part_pid_alive "$name" && http_ok "http://127.0.0.1:$stats/health"; then
      csv=$(curl -s --max-time 3 "http://127.0.0.1:$stats/stats;csv" 2>/dev/null)
      upn=$(awk -F, '$1=="rabbitmq" && $2 ~ /^rmq/ && $18 ~ /^UP/' <<<"$csv" | wc -l)
      printf '  %-18s up   pid %s, amqp %s, stats http://localhost:%s/stats, backends UP: %s/%s\n' \
        "$name" "$(read_pid "$name")" "$amqp" "$stats" "$upn" "${#RMQ_NODES[@]}"
    elif part_pid_alive "$name"; then
      printf '  %-18s unhealthy (pid %s alive, no answer on :%s/health)\n' "$name" "$(read_pid "$name")" "$stats"
    else
      printf '  %-18s down\n' "$name"
    fi
  done
}
