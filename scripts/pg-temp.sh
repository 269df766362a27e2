#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests (Debian's postgresql package).
#   scripts/pg-temp.sh start DIR   -> prints the connection URL; data and socket live in DIR
#   scripts/pg-temp.sh stop DIR
# PG_TEMP_OPTS adds server options for an experiment (e.g. "-c shared_preload_libraries=pg_stat_statements").
# initdb refuses to run as root, so the server runs as the `postgres` system user.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_TEMP_OPTS:-}" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres mvis_test
    echo "postgresql://postgres@127.0.0.1:$port/mvis_test"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
