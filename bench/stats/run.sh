#!/usr/bin/env bash
# Statistics dashboards benchmark (issue 12). For each backend: a fresh database with the demo
# accounts (`mvis demo`), grown by generate.py to 20 000 enterprises, 1 000 000 mandatory
# chargers in 15 districts, 300 brand/model strata, ~3 000 000 verification records over 6 years
# and 50 000 inspections (at --scale 1.0); then `mvis serve`, and bench.py: every dashboard
# endpoint under wrk at 8 connections while writer.py files, approves and verifies at
# 50 writes/s, the naive GROUP BY for the same card after each endpoint, a mixed run with
# filters, and the server's peak RSS. Prints one table per run (see docs/performance.md).
#
#   bench/stats/run.sh [--backend sqlite|postgresql|both] [--scale 1.0] [--duration 30]
#                      [--connections 8] [--rate 50] [--threads N] [--bin PATH] [--keep]
#   bench/stats/run.sh --scale 0.05 --duration 5      # quick try (~2 minutes)
#
# Not a test: a person runs it. Needs wrk, python3-psycopg2 and (for PostgreSQL) Debian's
# postgresql; installs the first two with apt-get when missing (as root).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BACKEND=both
SCALE=1.0
DURATION=30
CONNECTIONS=8
RATE=50
THREADS=
KEEP=0
BIN=${MVIS_BIN:-}
PY=${PYTHON:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) BACKEND=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$BACKEND" in
  sqlite) BACKENDS=(sqlite) ;;
  postgresql) BACKENDS=(postgresql) ;;
  both) BACKENDS=(sqlite postgresql) ;;
  *) echo "--backend sqlite|postgresql|both" >&2; exit 2 ;;
esac
if [[ -z "$BIN" ]]; then
  for b in "$ROOT/build/mvis" /tmp/spec/mvis-bench; do
    [[ -x "$b" ]] && { BIN=$b; break; }
  done
fi
[[ -n "$BIN" && -x "$BIN" ]] || { echo "no mvis binary: build it (make build) or pass --bin" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
"$PY" -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"; } >/dev/null \
    || { echo "could not install ${need[*]}: install them and rerun" >&2; exit 1; }
fi

WORK=$(mktemp -d /tmp/mvis-stats-bench.XXXXXX)
chmod 755 "$WORK"
cp "$BIN" "$WORK/mvis"  # the binary under test, safe from rebuilds during the run
SERVER_PID=
PG_DIRS=()
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for d in "${PG_DIRS[@]}"; do
    if [[ $KEEP == 1 ]]; then echo "kept PostgreSQL in $d (stop: scripts/pg-temp.sh stop $d)";
    else "$ROOT/scripts/pg-temp.sh" stop "$d" || true; fi
  done
  if [[ $KEEP == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() {  # URL: waits up to 120 s for a 200 (a large database may take a while to open)
  for _ in $(seq 1200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") == 200 ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited" >&2; return 1; }
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

echo "mvis statistics benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), scale $SCALE, ${DURATION} s per" \
  "endpoint, $CONNECTIONS connections, writer $RATE writes/s"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "$(free -g | awk '/^Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $BIN ($(stat -c %y "$BIN" | cut -d. -f1))"

RESULTS=()
for backend in "${BACKENDS[@]}"; do
  dir="$WORK/$backend"
  mkdir -p "$dir/web"
  cfg="$dir/mvis.toml"
  printf '[server]\naccess_log = false\nlogin_rate_per_minute = 0\n' >"$cfg"
  if [[ $backend == sqlite ]]; then
    DB="sqlite:$dir/stats.db"
  else
    PG_DIRS+=("$dir/pg")
    DB=$("$ROOT/scripts/pg-temp.sh" start "$dir/pg")
    head -c 32 /dev/urandom | base64 >"$dir/mvis.key"
    chmod 600 "$dir/mvis.key"
    printf '\n[security]\nkey_file = "%s"\n' "$dir/mvis.key" >>"$cfg"
    echo "PostgreSQL $(psql -At "$DB" -c 'SHOW server_version') (scripts/pg-temp.sh: fsync off)"
  fi
  echo "== $backend: demo data"
  "$WORK/mvis" demo --db "$DB" --config "$cfg" >"$dir/demo.log" 2>&1 \
    || { cat "$dir/demo.log" >&2; exit 1; }
  echo "== $backend: generating (generate.py --scale $SCALE)"
  (cd "$HERE" && "$PY" generate.py --db "$DB" --scale "$SCALE" --summary "$dir/generate.json")
  [[ $backend == sqlite ]] && echo "database file: $(du -h "$dir/stats.db" | cut -f1)"
  [[ $backend == postgresql ]] && echo "database size: $(psql -At "$DB" -c \
    "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  port=$(free_port)
  args=(serve --db "$DB" --config "$cfg" --listen "127.0.0.1:$port" --web "$dir/web")
  [[ -n "$THREADS" ]] && args+=(--threads "$THREADS")
  echo "== $backend: mvis ${args[*]}"
  "$WORK/mvis" "${args[@]}" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  t0=$(date +%s.%N)
  wait_http "http://127.0.0.1:$port/healthz" || { tail -20 "$dir/server.log" >&2; exit 1; }
  echo "server up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s," \
    "RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status") MiB"
  (cd "$HERE" && "$PY" bench.py --server "http://127.0.0.1:$port" --db "$DB" --pid "$SERVER_PID" \
    --backend "$backend" --duration "$DURATION" --connections "$CONNECTIONS" --rate "$RATE" \
    --work "$dir" --out "$dir/result.json")
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  if grep -qiE ' (error|critical) ' "$dir/server.log"; then
    echo "server log errors ($backend):"; grep -iE ' (error|critical) ' "$dir/server.log" | tail -5
  fi
  RESULTS+=("$dir/result.json")
  mkdir -p "$WORK/results" && cp "$dir/result.json" "$WORK/results/$backend.json"
  cp "$dir/generate.json" "$WORK/results/$backend-generate.json"
done

echo "== summary (load now $(cut -d' ' -f1-3 /proc/loadavg))"
(cd "$HERE" && "$PY" bench.py table "${RESULTS[@]}")
if [[ -n "${STATS_BENCH_RESULTS:-}" ]]; then
  mkdir -p "$STATS_BENCH_RESULTS" && cp "$WORK"/results/*.json "$STATS_BENCH_RESULTS/"
  echo "results copied to $STATS_BENCH_RESULTS"
fi
