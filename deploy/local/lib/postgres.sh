# shellcheck shell=bash
# PostgreSQL 15 (Debian): private cluster in .orrery/data/postgres, 127.0.0.1:5439,
# unix socket in the data dir. Role orrery/orrery owns the databases below.

PG_PORT=5439
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
pg_dir() { echo "$ORRERY_DATA/postgres"; }
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
  local dir log; dir=$(pg_dir); log=$(logfile postgres)
  [[ -f "$dir/postmaster.pid" ]] && pg_record_pid
  if pg_running; then
    progress postgres "already running (127.0.0.1:$PG_PORT)"
    pg_ensure_dbs
    return 0
  fi
  check_ports_free postgres $PG_PORT
  touch "$log"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$log"; fi
  if [[ ! -s "$dir/PG_VERSION" ]]; then
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    pg_as "$(pg_bin)/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$log" 2>&1 \
      || fail_part postgres "$log" "initdb failed"
    progress postgres "initialised cluster in .orrery/data/postgres"
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

postgres_status() {
  if pg_running; then
    printf '  %-18s up   pid %s, 127.0.0.1:%s (pg_isready: accepting connections)\n' postgres "$(read_pid postgres)" $PG_PORT
  else
    printf '  %-18s down\n' postgres
  fi
}
