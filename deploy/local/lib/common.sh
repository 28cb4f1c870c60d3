# shellcheck shell=bash
# Common helpers for ./orrery. Sourced, never executed.
# Conventions:
#   part names:  epmd rmq1 rmq2 rmq3 haproxy-a haproxy-b postgres keycloak
#                todo-frontend profile-frontend bff-gateway
#   state:       $ORRERY_STATE/{data/<part>,logs/<part>.log,pids/<part>.pid,downloads}

ORRERY_STATE="${ORRERY_STATE:-$ORRERY_HOME/.orrery}"
ORRERY_DATA="$ORRERY_STATE/data"
ORRERY_LOGS="$ORRERY_STATE/logs"
ORRERY_PIDS="$ORRERY_STATE/pids"
ORRERY_DOWNLOADS="$ORRERY_STATE/downloads"
ORRERY_DEPLOY="$ORRERY_HOME/deploy/local"

ORRERY_T0="${EPOCHREALTIME/./}"
# Parts started by this invocation (used by `test` to stop only what it started).
ORRERY_STARTED=()

# ---------------------------------------------------------------- output
_elapsed() {
  local now="${EPOCHREALTIME/./}" d
  d=$(( (now - ORRERY_T0) / 100000 ))   # tenths of a second
  printf '%3d.%ds' $((d / 10)) $((d % 10))
}
# progress PART MESSAGE...  ->  "[ 23.4s] rabbitmq  3 nodes online"
progress() { local p="$1"; shift; printf '[%s] %-16s %s\n' "$(_elapsed)" "$p" "$*"; }
warn()     { printf '[%s] %-16s WARNING: %s\n' "$(_elapsed)" "$1" "${*:2}" >&2; }
# die PART MESSAGE...  (exit 1)
die()      { printf '[%s] %-16s ERROR: %s\n' "$(_elapsed)" "$1" "${*:2}" >&2; exit 1; }
# fail_part PART LOGFILE MESSAGE : error naming the part and its log, with the log's tail
fail_part() {
  local part="$1" log="$2"; shift 2
  printf '[%s] %-16s ERROR: %s\n' "$(_elapsed)" "$part" "$*" >&2
  if [[ -f "$log" ]]; then
    printf '          log: %s (last 30 lines of the latest start)\n' "$log" >&2
    # only what the latest start wrote (start_detached writes a "===== ... starting" marker)
    awk '/^===== .* starting /{n=0; delete a} {a[n++]=$0} END{s=(n>30)?n-30:0; for(i=s;i<n;i++) print a[i]}' "$log" \
      | sed 's/^/          | /' >&2
  else
    printf '          log: %s (missing)\n' "$log" >&2
  fi
  printf '          parts started so far keep running: ./orrery status, ./orrery down\n' >&2
  exit 1
}

# ---------------------------------------------------------------- setup
ensure_dirs() { mkdir -p "$ORRERY_DATA" "$ORRERY_LOGS" "$ORRERY_PIDS" "$ORRERY_DOWNLOADS"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# ensure_pkg BINARY PACKAGE... : apt-get install the packages when BINARY is missing.
ensure_pkg() {
  local bin="$1"; shift
  if [[ "$bin" == /* ]]; then [[ -x "$bin" ]] && return 0
  else command -v "$bin" >/dev/null 2>&1 && return 0; fi
  progress install "$bin missing: apt-get install $*"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q)
  if ! as_root "${apt[@]}" install "$@" >>"$ORRERY_LOGS/install.log" 2>&1; then
    as_root "${apt[@]}" update >>"$ORRERY_LOGS/install.log" 2>&1 || true
    as_root "${apt[@]}" install "$@" >>"$ORRERY_LOGS/install.log" 2>&1 \
      || die install "apt-get install $* failed, see $ORRERY_LOGS/install.log"
  fi
}

# Newest JDK >= 17 under /usr/lib/jvm (temurin-25 preferred); honours an existing ORRERY_JAVA_HOME.
select_jdk() {
  local jh="${ORRERY_JAVA_HOME:-}"
  if [[ -z "$jh" ]]; then
    if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
      jh=/usr/lib/jvm/temurin-25-jdk-amd64
    else
      local best=0 d v
      for d in /usr/lib/jvm/*/; do
        d="${d%/}"
        [[ -x "$d/bin/javac" && ! -L "$d" ]] || continue
        v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 \
             | awk -F'= ' '/java.specification.version/{print $2}')
        v="${v%%.*}"
        [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 17 && v > best )) && { best=$v; jh="$d"; }
      done
    fi
  fi
  if [[ -n "$jh" ]]; then
    export JAVA_HOME="$jh"
    export PATH="$JAVA_HOME/bin:$PATH"
  fi
}

# Maven: ./mvnw when present, else mvn.
mvn_cmd() {
  if [[ -x "$ORRERY_HOME/mvnw" ]]; then "$ORRERY_HOME/mvnw" "$@"; else mvn "$@"; fi
}

# ---------------------------------------------------------------- processes
pidfile() { echo "$ORRERY_PIDS/$1.pid"; }
logfile() { echo "$ORRERY_LOGS/$1.log"; }
read_pid() { local f; f=$(pidfile "$1"); [[ -s "$f" ]] && head -n1 "$f" | tr -dc '0-9'; }
# alive = exists and is not a zombie (a reparented zombie may linger until its reaper runs)
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ "$st" != Z ]]
}
part_pid_alive() { local p; p=$(read_pid "$1") && pid_alive "$p"; }

# port_open PORT : something accepts TCP connections on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# port_listening PORT : some socket listens on PORT (any address)
port_listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q . || port_open "$1"; }

# check_ports_free PART PORT... : die when a port is taken by something that is not ours.
check_ports_free() {
  local part="$1" port; shift
  for port in "$@"; do
    if port_listening "$port"; then
      die "$part" "port $port is already in use by a process not started by ./orrery" \
        "($(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n1)). Free it and retry."
    fi
  done
}

# start_detached PART CMD... : run CMD in its own session (setsid), stdout+stderr appended to
# the part's log, PID (of CMD itself, after exec) written to the part's pid file.
start_detached() {
  local part="$1"; shift
  local pf log; pf=$(pidfile "$part"); log=$(logfile "$part")
  rm -f "$pf"
  printf '\n===== %s starting %s: %s\n' "$(date '+%F %T')" "$part" "$*" >>"$log"
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pf" "$@" >>"$log" 2>&1 </dev/null &
  local i; for i in $(seq 50); do [[ -s "$pf" ]] && break; sleep 0.1; done
  ORRERY_STARTED+=("$part")
}

# stop_part PART [TIMEOUT_S] : SIGTERM the part's process group (fallback: the pid), SIGKILL
# after TIMEOUT_S. Removes the pid file. Silent when not running.
stop_part() {
  local part="$1" timeout="${2:-20}" pid pf
  pf=$(pidfile "$part")
  pid=$(read_pid "$part") || { rm -f "$pf"; return 0; }
  if pid_alive "$pid"; then
    _signal_part "$pid" TERM
    local i; for ((i = 0; i < timeout * 10; i++)); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then
      warn "$part" "did not stop within ${timeout}s, sending SIGKILL"
      _signal_part "$pid" KILL
      sleep 0.5
    fi
    progress "$part" "stopped (pid $pid)"
  fi
  # stragglers of the same process group (children), only if the group is ours
  _signal_part "$pid" KILL 2>/dev/null || true
  rm -f "$pf"
}
_signal_part() {
  local pid="$1" sig="$2" pgid
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')
  if [[ -n "$pgid" && "$pgid" == "$pid" ]]; then kill -s "$sig" -- "-$pid" 2>/dev/null
  elif pid_alive "$pid"; then kill -s "$sig" "$pid" 2>/dev/null
  else
    # leader gone: remaining members of its (former) group
    pgrep -g "$pid" >/dev/null 2>&1 && kill -s "$sig" -- "-$pid" 2>/dev/null
  fi
  return 0
}

# wait_until TIMEOUT_S CMD... : poll CMD every 0.5 s until it succeeds. Returns 1 on timeout.
wait_until() {
  local timeout="$1"; shift
  local end=$(( ${EPOCHREALTIME/./} + timeout * 1000000 ))
  while :; do
    "$@" >/dev/null 2>&1 && return 0
    (( ${EPOCHREALTIME/./} >= end )) && return 1
    sleep 0.5
  done
}

# http_ok URL [curl args...] : 2xx answer
http_ok() { local u="$1"; shift; curl -fs -o /dev/null --max-time 3 "$@" "$u"; }
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$@" 2>/dev/null; }

# dispatcher helper: run FUNC if it exists
has_func() { declare -F "$1" >/dev/null; }
