# shellcheck shell=bash
# ./orrery fault-cluster: a DEDICATED three-node RabbitMQ cluster with its own two HAProxy
# instances, for tests that kill -9 brokers and proxies (ha-tests, bench/broker). It never
# touches the shared cluster (rmq1..3, haproxy-a/b) that everybody else tests against.
#
# It is the same code as the shared cluster (rabbitmq.sh, haproxy.sh), re-run with other
# settings: own state dir, node names, ports and private epmd.

FAULT_STATE="${ORRERY_FAULT_STATE:-$ORRERY_HOME/.orrery/fault}"

fault_env() {
  export ORRERY_FAULT_CLUSTER=1
  export ORRERY_STATE="$FAULT_STATE"
  export ORRERY_RMQ_NODES="${ORRERY_FAULT_NODES:-rmqf1 rmqf2 rmqf3}"   # e.g. "... rmqf4" to try a fourth node
  export ORRERY_RMQ_EPMD_PORT=4389
  export ORRERY_RMQ_AMQP_BASE=5690     # rmqf1..3: AMQP 5691-5693
  export ORRERY_RMQ_MGMT_BASE=15690    #           management 15691-15693
  export ORRERY_RMQ_DIST_BASE=25690    #           Erlang distribution 25691-25693
  export ORRERY_HAPROXY_INSTANCES="haproxy-fa:5690:8414 haproxy-fb:5689:8415"
}

fault_usage() {
  cat <<'USAGE'
Usage: ./orrery fault-cluster <command>

  up              start (or complete) the fault-test cluster: epmd :4389, rmqf1..3@localhost
                  (AMQP 5691-5693, management 15691-15693), haproxy-fa :5690 (stats 8414) and
                  haproxy-fb :5689 (stats 8415); restarts whatever part of it is down
  down [--purge]  stop it (--purge also deletes its state dir .orrery/fault)
  status          every node and proxy of it, with health
  kill PART       kill -9 one part: rmqf1|rmqf2|rmqf3|haproxy-fa|haproxy-fb (restart: up)
  addresses       the client address lists of both connection modes

State (data, logs, pids) in .orrery/fault/; the shared cluster is never touched.
ORRERY_FAULT_NODES="rmqf1 rmqf2 rmqf3 rmqf4" ./orrery fault-cluster up  adds a fourth node (AMQP 5694).
USAGE
}

cmd_fault_cluster() {
  if [[ "${ORRERY_FAULT_CLUSTER:-}" != 1 ]]; then
    # re-run the launcher with the fault settings, so every lib reads them at source time
    fault_env
    exec "$ORRERY_HOME/orrery" fault-cluster "$@"
  fi
  local sub="${1:-help}"
  (($#)) && shift
  case "$sub" in
    up)
      ensure_dirs
      ensure_pkg ss iproute2
      ensure_pkg setsid util-linux
      rabbitmq_up
      haproxy_up
      progress fault-cluster "ready: $(fault_addresses)"
      ;;
    down)
      ensure_dirs
      haproxy_down
      rabbitmq_down
      if [[ "${1:-}" == --purge ]]; then
        rm -rf "$ORRERY_STATE"
        progress fault-cluster "purged $ORRERY_STATE"
      fi
      ;;
    status)
      ensure_dirs
      echo "Fault-test cluster (state in ${ORRERY_STATE}):"
      rabbitmq_status || true
      haproxy_status || true
      ;;
    kill) fault_kill "$@" ;;
    addresses) fault_addresses ;;
    help|-h|--help) fault_usage ;;
    *) fault_usage >&2; die fault-cluster "unknown command '$sub'" ;;
  esac
}

fault_addresses() {
  local spec name amqp stats proxies=() nodes=() n
  for spec in "${HAPROXY_INSTANCES[@]}"; do
    IFS=: read -r name amqp stats <<<"$spec"
    proxies+=("127.0.0.1:$amqp")
  done
  for n in "${RMQ_NODES[@]}"; do nodes+=("127.0.0.1:$(rmq_amqp_port "$n")"); done
  local IFS=,
  echo "proxies=${proxies[*]} direct=${nodes[*]}"
}

fault_kill() {
  local part="${1:-}" pid
  [[ -n "$part" ]] || die fault-cluster "kill needs a part: ${RMQ_NODES[*]} ${HAPROXY_INSTANCES[*]%%:*}"
  case " ${RMQ_NODES[*]} " in
    *" $part "*)
      # the Erlang VM (beam) first: that is the broker; its wrapper script then exits
      pid=$(head -n1 "$(pidfile "$part").erl" 2>/dev/null | tr -dc '0-9') || true
      [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
      ;;
  esac
  pid=$(read_pid "$part") || die fault-cluster "$part is not running (no pid file)"
  kill -9 "$pid" 2>/dev/null || true
  progress fault-cluster "killed $part (kill -9)"
}
