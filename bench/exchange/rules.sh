#!/usr/bin/env bash
# Charge-order rule-run benchmark (issue 13): every rule over a month of a city's orders. For
# each backend: a fresh database with the demo data (`mvis demo`), then render_orders.py's SQL
# adds `--chargers` filed, verified chargers reported on the platform and `--orders` orders of
# November 2026 spread over them (clean but for one planted money_split in 100 000; stations'
# metered energy for rule 6), then `mvis exchange run-rules --from 2026-11-01 --to 2026-11-30`
# runs all six rules over them, as the monthly run from the web does.
#
# Reference in the same run: the database reading the same orders bare (count and sums of the
# period, in its own client): the rule run is reported as a multiple of that scan. CPU per
# process: mvis's own from /usr/bin/time, the rest of the machine's busy time is the database
# server's (nothing else runs).
#
# With --vs PATH, the run above counts as a warm-up (the first run over freshly generated orders is
# slower, whichever binary makes it), then a second binary (an earlier build) and the first run
# the same rule run on the same database as reference, new, new, reference (a drift of the host's
# speed during the four falls on both alike): the wall times and the ratio new / reference are
# printed, so that a change is judged on the same host in the same hour (the host's speed varies
# by a third from hour to hour).
#
#   bench/exchange/rules.sh [--backend sqlite|postgresql|both] [--orders 10000000]
#                           [--chargers 100000] [--bin PATH] [--vs PATH]
#
# Not a test: a person runs it. 10⁷ orders take about 9 GB of disk per database and several
# minutes to generate. Needs python3, sqlite3 and, for PostgreSQL, Debian's postgresql
# (scripts/pg-temp.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BACKEND=both
ORDERS=10000000
CHARGERS=100000
BIN=${MVIS_BIN:-$ROOT/build/mvis}
VS=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) BACKEND=$2; shift 2 ;;
    --orders) ORDERS=$2; shift 2 ;;
    --chargers) CHARGERS=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    --vs) VS=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
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
[[ -z "$VS" || -x "$VS" ]] || { echo "no mvis binary at $VS (--vs)" >&2; exit 1; }
if (( ORDERS > CHARGERS * 210 )); then
  echo "at most 210 orders per charger in a month (7 a day): raise --chargers" >&2
  exit 2
fi

WORK=$(mktemp -d /tmp/mvis-rules-bench.XXXXXX)
chmod 755 "$WORK"
cp "$BIN" "$WORK/mvis"
[[ -n "$VS" ]] && cp "$VS" "$WORK/mvis-vs"
PG_DIRS=()
cleanup() {
  for d in "${PG_DIRS[@]}"; do "$ROOT/scripts/pg-temp.sh" stop "$d" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Busy jiffies of the whole machine (user + nice + system + irq + softirq + steal).
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
hz=$(getconf CLK_TCK)
now() { date +%s.%N; }

echo "mvis charge-order rule run benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $ORDERS orders" \
  "of $CHARGERS chargers"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in "${BACKENDS[@]}"; do
  dir="$WORK/$backend"
  mkdir -p "$dir"
  cfg="$dir/mvis.toml"
  printf '[server]\naccess_log = false\n' >"$cfg"
  if [[ $backend == sqlite ]]; then
    DB="sqlite:$dir/rules.db"
    sql() { sqlite3 -bail "$dir/rules.db"; }
  else
    PG_DIRS+=("$dir/pg")
    DB=$("$ROOT/scripts/pg-temp.sh" start "$dir/pg")
    head -c 32 /dev/urandom | base64 >"$dir/mvis.key"
    chmod 600 "$dir/mvis.key"
    printf '\n[security]\nkey_file = "%s"\n' "$dir/mvis.key" >>"$cfg"
    sql() { psql -q -v ON_ERROR_STOP=1 "$DB"; }
    echo "PostgreSQL $(psql -At "$DB" -c 'SHOW server_version') (scripts/pg-temp.sh: fsync off)"
  fi
  "$WORK/mvis" demo --db "$DB" --config "$cfg" >"$dir/demo.log" 2>&1 \
    || { cat "$dir/demo.log" >&2; exit 1; }
  echo "== $backend: generating $ORDERS orders"
  t0=$(now)
  python3 "$HERE/render_orders.py" "$backend" "$ORDERS" "$CHARGERS" | sql >/dev/null
  echo "generated in $(printf '%.0f' "$(echo "$(now) - $t0" | bc)") s"
  # Settled as a month's partition is once autovacuum has been through it (not timed): otherwise
  # autovacuum reads the new rows during the first timed runs.
  [[ $backend == postgresql ]] && echo "VACUUM (ANALYZE) charge_orders;" | sql >/dev/null
  scan="SELECT COUNT(*), SUM(total_power), SUM(LENGTH(facts)) FROM charge_orders WHERE start_time >= '2026-11-01' AND start_time < '2026-11-30~';"
  echo "$scan" | sql >/dev/null  # warm the cache
  t0=$(now)
  echo "$scan" | sql >/dev/null
  bare=$(echo "$(now) - $t0" | bc)
  echo "== $backend: run-rules over November 2026"
  b0=$(busy)
  t0=$(now)
  /usr/bin/time -f '%U %S %M' -o "$dir/time.txt" "$WORK/mvis" exchange run-rules --db "$DB" \
    --config "$cfg" --from 2026-11-01 --to 2026-11-30 2>"$dir/run.log" | tee "$dir/run.txt"
  wall=$(echo "$(now) - $t0" | bc)
  b1=$(busy)
  read -r user sys rss <"$dir/time.txt"
  judged=$(grep -o '分析订单 [0-9]*' "$dir/run.txt" | grep -o '[0-9]*')
  python3 - "$judged" "$wall" "$bare" "$user" "$sys" "$rss" "$(( b1 - b0 ))" "$hz" "$backend" \
    <<'PY'
import sys
orders, wall, bare, user, sys_, rss, busy, hz, backend = sys.argv[1:]
orders, wall, bare = int(orders), float(wall), float(bare)
mvis_cpu = float(user) + float(sys_)
all_cpu = int(busy) / int(hz)
print(f"rule run: {orders} orders in {wall:.1f} s = {orders / wall:,.0f} orders/s; "
      f"peak RSS {int(rss) // 1024} MiB")
who = "mvis (SQLite runs inside it)" if backend == "sqlite" else "mvis"
print(f"CPU: {who} {mvis_cpu:.1f} s, database server {max(0.0, all_cpu - mvis_cpu):.1f} s; "
      f"{orders / max(all_cpu, 1e-9):,.0f} orders per CPU-second")
print(f"reference, the database's bare scan of the same orders: {bare:.2f} s; "
      f"rule run / bare scan = {wall / bare:.1f}x")
PY
  if [[ -n "$VS" ]]; then
    # The same run on the same data: reference, new, new, reference.
    walls=()
    for b in mvis-vs mvis mvis mvis-vs; do
      t0=$(now)
      "$WORK/$b" exchange run-rules --db "$DB" --config "$cfg" --from 2026-11-01 --to 2026-11-30 \
        >"$dir/run-$b.txt" 2>>"$dir/run.log"
      walls+=("$(echo "$(now) - $t0" | bc)")
    done
    python3 - "${walls[@]}" <<'PY'
import sys
ref1, new1, new2, ref2 = map(float, sys.argv[1:])
print(f"vs the reference binary (--vs), same data: new {new1:.1f} s and {new2:.1f} s, reference "
      f"{ref1:.1f} s and {ref2:.1f} s; new / reference = {(new1 + new2) / (ref1 + ref2):.3f}")
PY
  fi
done
