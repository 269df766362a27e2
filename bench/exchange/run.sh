#!/usr/bin/env bash
# T/CEC 102 exchange benchmark (issue 13). For each backend: a fresh database with the demo data
# (`mvis demo`: the operator account of 武汉新能源充电科技有限公司, its verified chargers, the
# city's time-of-use tariff), `mvis serve`, then ingest.mjs plays the platform: `--orders` charge
# orders, one encrypted and signed envelope per notification_charge_order_info, over
# `--connections` kept-alive connections, every order judged by the arrival rules. Then
# mvis_bench_exchange: the cost of opening one envelope against `openssl speed` for the same
# bytes, in the same run.
#
# Then the bulk path: ingest.mjs writes `--bulk` more orders to a JSON Lines file and
# `mvis exchange import-orders` stores and judges them (1 000 per transaction), timed.
#
#   bench/exchange/run.sh [--backend sqlite|postgresql|both] [--orders 100000] [--connections 16]
#                         [--bulk 100000] [--threads N] [--bin PATH]
#
# --threads: the server's I/O threads (`mvis serve --threads`; its default is 4). On the 2-core
# machine of docs/performance.md, 2 (one per core) gives the ingest fewer context switches.
#
# Not a test: a person runs it. Needs node (web/ toolchain) and, for PostgreSQL, Debian's
# postgresql (scripts/pg-temp.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BACKEND=both
ORDERS=100000
CONNECTIONS=16
BULK=100000
THREADS=
BIN=${MVIS_BIN:-$ROOT/build/mvis}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) BACKEND=$2; shift 2 ;;
    --orders) ORDERS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --bulk) BULK=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$BACKEND" in
  sqlite) BACKENDS=(sqlite) ;;
  postgresql) BACKENDS=(postgresql) ;;
  both) BACKENDS=(sqlite postgresql) ;;
  *) echo "--backend sqlite|postgresql|both" >&2; exit 2 ;;
esac
[[ -x "$BIN" ]] || { echo "no mvis binary at $BIN: build it (make build) or pass --bin" >&2; exit 1; }

WORK=$(mktemp -d /tmp/mvis-exchange-bench.XXXXXX)
chmod 755 "$WORK"
cp "$BIN" "$WORK/mvis"
SERVER_PID=
PG_DIRS=()
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for d in "${PG_DIRS[@]}"; do "$ROOT/scripts/pg-temp.sh" stop "$d" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# CPU seconds (user + system) of the given processes, summed.
cpu_seconds() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}'
}
# The database server's processes: the postmaster of $1 (a pg-temp.sh directory) and its children.
pg_pids() {
  local main
  main=$(head -1 "$1/data/postmaster.pid" 2>/dev/null) || return 0
  echo "$main" $(pgrep -P "$main")
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

echo "mvis T/CEC 102 exchange benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $ORDERS orders," \
  "$CONNECTIONS connections"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in "${BACKENDS[@]}"; do
  dir="$WORK/$backend"
  mkdir -p "$dir/web"
  cfg="$dir/mvis.toml"
  printf '[server]\naccess_log = false\nlogin_rate_per_minute = 0\n' >"$cfg"
  if [[ $backend == sqlite ]]; then
    DB="sqlite:$dir/exchange.db"
  else
    PG_DIRS+=("$dir/pg")
    DB=$("$ROOT/scripts/pg-temp.sh" start "$dir/pg")
    head -c 32 /dev/urandom | base64 >"$dir/mvis.key"
    chmod 600 "$dir/mvis.key"
    printf '\n[security]\nkey_file = "%s"\n' "$dir/mvis.key" >>"$cfg"
    echo "PostgreSQL $(psql -At "$DB" -c 'SHOW server_version') (scripts/pg-temp.sh: fsync off)"
  fi
  "$WORK/mvis" demo --db "$DB" --config "$cfg" >"$dir/demo.log" 2>&1 \
    || { cat "$dir/demo.log" >&2; exit 1; }
  # The generator's orders start on 2020-01-01 and the demo's registry history (dated back 90 days
  # by the demo) is younger: rule 4 judges an order by the registry at its StartTime, so the
  # history is dated back 8 more years, for the orders to be judged, as orders arriving minutes
  # after they start are, by the registry as it stands (and to stay clean).
  backdate="UPDATE charger_registry_steps SET at = at - 8 * 365 * 86400;"
  if [[ $backend == sqlite ]]; then
    sqlite3 -bail "$dir/exchange.db" "$backdate"
  else
    psql -q -v ON_ERROR_STOP=1 "$DB" -c "$backdate"
  fi
  port=$(free_port)
  args=(serve --db "$DB" --config "$cfg" --listen "127.0.0.1:$port" --web "$dir/web")
  [[ -n "$THREADS" ]] && args+=(--threads "$THREADS")
  "$WORK/mvis" "${args[@]}" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz") == 200 ]] && break
    sleep 0.1
  done
  echo "== $backend: ingest"
  pg_before=0
  [[ $backend == postgresql ]] && pg_before=$(cpu_seconds $(pg_pids "$dir/pg"))
  mvis_before=$(cpu_seconds "$SERVER_PID")
  node "$HERE/ingest.mjs" --server "http://127.0.0.1:$port" --orders "$ORDERS" \
    --connections "$CONNECTIONS" --bulk-file "$dir/orders.jsonl" --bulk-orders "$BULK" \
    | tee "$dir/ingest.json"
  mvis_cpu=$(awk -v a="$(cpu_seconds "$SERVER_PID")" -v b="$mvis_before" 'BEGIN {printf "%.1f", a - b}')
  line="CPU during the run: mvis ${mvis_cpu} s"
  if [[ $backend == postgresql ]]; then
    pg_cpu=$(awk -v a="$(cpu_seconds $(pg_pids "$dir/pg"))" -v b="$pg_before" 'BEGIN {printf "%.1f", a - b}')
    line+=", PostgreSQL ${pg_cpu} s"
  fi
  echo "$line (the load generator's own: node_cpu_s above)"
  # Throughput per core: notifications per CPU-second of the server side (mvis and its database),
  # and with the generator's CPU too.
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop())
    const server = Number(process.argv[2]) + Number(process.argv[3])
    console.log(`per CPU-second: ${Math.round(r.orders / server)} notifications (mvis and database),` +
      ` ${Math.round(r.orders / (server + r.node_cpu_s))} with the generator;` +
      ` ${Math.round(server / r.orders * 1e6)} µs of server CPU per notification`)
  ' "$dir/ingest.json" "$mvis_cpu" "${pg_cpu:-0}"
  echo "server peak RSS $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status") MiB"
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  if [[ "$BULK" -gt 0 ]]; then
    echo "== $backend: bulk file ($BULK orders, $(du -h "$dir/orders.jsonl" | cut -f1))"
    operator=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop()).operator_id)' "$dir/ingest.json")
    "$WORK/mvis" exchange import-orders --db "$DB" --config "$cfg" --operator-id "$operator" \
      "$dir/orders.jsonl" 2>>"$dir/import.log" | tail -3
  fi
done
echo "== opening one envelope vs openssl speed"
crypto_bench="$(dirname "$BIN")/mvis_bench_exchange"
[[ -x "$crypto_bench" ]] || crypto_bench="$ROOT/build/mvis_bench_exchange"
"$crypto_bench"
