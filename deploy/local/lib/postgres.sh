# shellcheck shell=bash
# PostgreSQL 15 (Debian): private cluster in .orrery/data/postgres, 127.0.0.1:5439,
# unix socket in the data dir. Role orrery/orrery owns the databases below.
# As root, initdb/pg_ctl run as the postgres OS user; when that user cannot reach the clone (a clone
# inside a 0700 folder such as /root), the cluster lives in a folder of this clone's own under
# /var/lib/orrery instead (pg_dir). ORRERY_PG_PORT and ORRERY_PG_ROOT override the port and that
# folder (the launcher's tests start a second cluster with them; the services expect 5439).

PG_PORT="${ORRERY_PG_PORT:-5439}"
PG_ROOT="${ORRERY_PG_ROOT:-/var/lib/orrery}"
PG_DATABASES=(todo profile gateway todo_test profile_test gateway_test)
PG_BIN="${PG_BIN:-}"

pg_bin() {
  if [[ -z "$PG_BIN" ]]; then
    local d; for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
      [[ -x "$d/pg_ctl" ]] && { PG_BIN="$d"; break; }
    done
  fi
  echo "$PG_BIN"
}
# This clone's own folder under $PG_ROOT: the clone's name and a hash of its state path (never shared).
pg_outside_home() {
  echo "$PG_ROOT/$(basename "$ORRERY_HOME")-$(printf '%s' "$ORRERY_STATE" | sha256sum | cut -c1-12)"
}
# can the postgres OS user traverse every folder down to DIR (and so reach the cluster inside it)?
pg_user_reaches() { (cd / && runuser -u postgres -- test -x "$1") 2>/dev/null; }
# The data dir: an existing cluster stays where it is; a new one goes into .orrery/data unless we
# are root and the postgres OS user cannot reach that folder.
pg_dir() {
  local inside="$ORRERY_DATA/postgres" outside; outside="$(pg_outside_home)/postgres"
  if [[ -s "$outside/PG_VERSION" ]]; then echo "$outside"
  elif [[ -s "$inside/PG_VERSION" || $(id -u) -ne 0 ]] || pg_user_reaches "$ORRERY_DATA"; then echo "$inside"
  else echo "$outside"; fi
}
pg_outside() { [[ "$(pg_dir)" != "$ORRERY_DATA/postgres" ]]; }
# The server log: next to an outside cluster (pg_ctl writes it as postgres), linked from .orrery/logs.
pg_log() { if pg_outside; then echo "$(pg_outside_home)/postgres.log"; else logfile postgres; fi; }
# run as the postgres OS user when we are root (the data dir belongs to it)
pg_as() { if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
# superuser psql over the unix socket in the data dir
pg_psql() { pg_as "$(pg_bin)/psql" -X -q -h "$(pg_dir)" -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 "$@"; }

pg_running() { part_pid_alive postgres && pg_as "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p $PG_PORT; }

pg_record_pid() {
  local pm="$(pg_dir)/postmaster.pid"
  [[ -s "$pm" ]] && head -n1 "$pm" >"$(pidfile postgres)"
}

postgres_up() {
  [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]] || ensure_pkg /usr/lib/postgresql/15/bin/pg_ctl postgresql-15
  [[ -n "$(pg_bin)" ]] || die postgres "no PostgreSQL server binaries under /usr/lib/postgresql"
  local dir log; dir=$(pg_dir); log=$(pg_log)
  [[ -f "$dir/postmaster.pid" ]] && pg_record_pid
  if pg_running; then
    progress postgres "already running (127.0.0.1:$PG_PORT)"
    pg_ensure_dbs
    return 0
  fi
  check_ports_free postgres $PG_PORT
  if pg_outside; then
    install -d -m 755 "$PG_ROOT"
    install -d -o postgres -g postgres -m 700 "$(pg_outside_home)"
    log=$(pg_log)
    ln -sfn "$log" "$(logfile postgres)"
  elif [[ $(id -u) -eq 0 ]] && ! pg_user_reaches "$ORRERY_DATA"; then   # a cluster made while it could
    die postgres "the postgres OS user cannot reach $dir (a parent folder is not open to it)." \
      "Open the folders above it to the postgres user (chmod o+x on each), or let ./orrery keep a new" \
      "cluster under $PG_ROOT: ./orrery down --purge (deletes .orrery/data, the local databases" \
      "included), then ./orrery up"
  fi
  touch "$log"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$log"; fi
  if [[ ! -s "$dir/PG_VERSION" ]]; then
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    pg_as "$(pg_bin)/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$log" 2>&1 \
      || fail_part postgres "$log" "initdb failed"
    progress postgres "initialised cluster in $dir"
  fi
  pg_as "$(pg_bin)/pg_ctl" -D "$dir" -l "$log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 \
    || fail_part postgres "$log" "pg_ctl start failed"
  pg_record_pid
  ORRERY_STARTED+=(postgres)
  wait_until 30 pg_running || fail_part postgres "$log" "not ready on 127.0.0.1:$PG_PORT"
  pg_ensure_dbs
  progress postgres "up (127.0.0.1:$PG_PORT, user orrery, dbs: ${PG_DATABASES[*]})"
}

pg_ensure_dbs() {
  pg_psql -d postgres -f - <"$ORRERY_DEPLOY/postgres/init.sql" >/dev/null \
    || fail_part postgres "$(logfile postgres)" "creating role orrery failed"
  local db existing
  existing=$(pg_psql -d postgres -At -c "SELECT datname FROM pg_database")
  for db in "${PG_DATABASES[@]}"; do
    grep -qx "$db" <<<"$existing" && continue
    pg_psql -d postgres -c "CREATE DATABASE \"$db\" OWNER orrery" >/dev/null \
      || fail_part postgres "$(logfile postgres)" "CREATE DATABASE $db failed"
  done
}

postgres_down() {
  local dir; dir=$(pg_dir)
  if [[ -f "$dir/postmaster.pid" ]] && part_pid_alive postgres; then
    pg_as "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w -t 30 stop >/dev/null 2>&1 || stop_part postgres 10
    progress postgres "stopped"
  fi
  rm -f "$(pidfile postgres)"
}

# ./orrery down --purge: a cluster outside .orrery goes too
postgres_purge() {
  local home; home=$(pg_outside_home)
  if [[ -d "$home" ]]; then rm -rf "$home"; progress postgres "purged $home"; fi
}

postgres_status() {
  local where="" dir; dir=$(pg_dir)
  [[ -s "$dir/PG_VERSION" ]] && pg_outside && where=", data $dir"
  if pg_running; then
    printf '  %-18s up   pid %s, 127.0.0.1:%s (pg_isready: accepting connections)%s\n' postgres "$(read_pid postgres)" $PG_PORT "$where"
  else
    printf '  %-18s down%s\n' postgres "$where"
  fi
}
