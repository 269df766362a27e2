#!/usr/bin/env bash
# Public verification page benchmark: seeds 100k certificates into a fresh SQLite database, serves
# them with `mvis serve`, and measures `GET /v/<token>` (a random token per request) with wrk on
# loopback against Debian's nginx serving a static copy of the same page on the same machine.
# Prints requests/s, p99 latency, server CPU time per request and the mvis/nginx ratio against the
# targets (>= 0.5x nginx, p99 < 10 ms at 64 connections), mvis's own ceiling (a route without
# database work), where one check's CPU goes, then the certificate PDF rate per core.
# Not a test: run with `make bench`. Environment: CERTS (100000), DURATION (10s), CONNECTIONS (64),
# PDFS (60).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
CERTS=${CERTS:-100000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
PDFS=${PDFS:-60}
CORES=$(nproc)
for bin in mvis mvis_bench_public; do
  [[ -x "$BUILD_DIR/$bin" ]] || { echo "missing $BUILD_DIR/$bin: run make build" >&2; exit 1; }
done
if ! command -v wrk >/dev/null || [[ ! -x /usr/sbin/nginx ]]; then
  echo "installing wrk and nginx-light (Debian packages) for the benchmark"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends wrk nginx-light; } \
    >/dev/null; then
    echo "could not install wrk / nginx-light: install them and rerun" >&2
    exit 1
  fi
fi

WORK=$(mktemp -d /tmp/mvis-public-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() {  # URL: waits up to 20 s for a 200
  for _ in $(seq 200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") == 200 ]] && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  exit 1
}
cpu_ticks() {  # utime + stime of a process and its threads, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
cpu_ticks_all() {  # summed over several pids
  local sum=0 pid
  for pid in "$@"; do sum=$((sum + $(cpu_ticks "$pid"))); done
  echo "$sum"
}
to_ms() {  # wrk latency "812.00us" / "1.25ms" / "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}

# wrk against URL (optional Lua script) after a 3 s warm-up; sets RPS, P99_MS, NON2XX and CPU_US
# (user + system CPU of the server PIDs given, per request).
measure() {
  local name=$1 url=$2 script=$3; shift 3
  local args=(-t2 -c"$CONNECTIONS" --latency)
  [[ -n "$script" ]] && args+=(-s "$script")
  wrk "${args[@]}" -d3s "$url" >/dev/null  # warm-up
  local before; before=$(cpu_ticks_all "$@")
  wrk "${args[@]}" -d"$DURATION" "$url" >"$WORK/wrk-$name.txt"
  local after; after=$(cpu_ticks_all "$@")
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$name.txt")
  P99_MS=$(to_ms "$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$name.txt")")
  NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-$name.txt")
  local requests; requests=$(awk '/requests in/ {print $1}' "$WORK/wrk-$name.txt")
  CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v r="$requests" \
    'BEGIN {printf "%.0f", t / hz * 1e6 / r}')
}

echo "== public verification page: $CERTS certificates on SQLite, $CORES cores, $(date -u +%F) =="
echo "  load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
DB="sqlite:$WORK/public.db"
SEED=$("$BUILD_DIR/mvis_bench_public" seed "$DB" "$CERTS" "$WORK/tokens.txt" 2>/dev/null)
echo "  seeded in $(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$SEED") s" \
  "($(du -m "$WORK/public.db" | cut -f1) MB database)"

MVIS_PORT=$(free_port)
cat >"$WORK/mvis.toml" <<EOF
[server]
public_rate_per_minute = 0
access_log = false  # like nginx's access_log off below
public_url = "http://127.0.0.1:$MVIS_PORT"
EOF
"$BUILD_DIR/mvis" serve --config "$WORK/mvis.toml" --db "$DB" --listen "127.0.0.1:$MVIS_PORT" \
  --threads "$CORES" --web "$WORK/no-web" >"$WORK/mvis.log" 2>&1 &
MVIS_PID=$!
PIDS+=("$MVIS_PID")
FIRST=$(head -1 "$WORK/tokens.txt")
wait_http "http://127.0.0.1:$MVIS_PORT/v/$FIRST"

# The static twin: the very bytes mvis serves for one certificate.
mkdir -p "$WORK/www"
curl -s -o "$WORK/www/page.html" "http://127.0.0.1:$MVIS_PORT/v/$FIRST"
SIZE=$(stat -c %s "$WORK/www/page.html")
NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    default_type "text/html; charset=utf-8";
    # The headers mvis sends with the page, so both responses are about the same size.
    add_header Cache-Control no-cache;
    add_header Content-Security-Policy "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    add_header X-Content-Type-Options nosniff;
    add_header Referrer-Policy no-referrer;
  }
}
EOF
/usr/sbin/nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
wait_http "http://127.0.0.1:$NGINX_PORT/page.html"
NGINX_WORKERS=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')

cat >"$WORK/tokens.lua" <<EOF
-- A random certificate per request, from the seeded tokens.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  tokens = {}
  for line in io.lines("$WORK/tokens.txt") do tokens[#tokens + 1] = line end
  math.randomseed(os.time() * 100 + id)
end
function request()
  return wrk.format("GET", "/v/" .. tokens[math.random(#tokens)])
end
EOF

echo "  page: $SIZE bytes; wrk -t2 -c$CONNECTIONS -d$DURATION --latency (after a 3 s warm-up)," \
  "mvis --threads $CORES, nginx worker_processes auto; CPU = server user+system per request"
# shellcheck disable=SC2086
measure nginx "http://127.0.0.1:$NGINX_PORT/page.html" "" $NGINX_WORKERS
N_RPS=$RPS N_P99=$P99_MS N_CPU=$CPU_US
printf "  %-22s %9.0f req/s  p99 %7.2f ms  %5s µs CPU/request\n" "nginx (static file)" \
  "$N_RPS" "$N_P99" "$N_CPU"
measure mvis "http://127.0.0.1:$MVIS_PORT" "$WORK/tokens.lua" "$MVIS_PID"
M_RPS=$RPS M_P99=$P99_MS M_CPU=$CPU_US
printf "  %-22s %9.0f req/s  p99 %7.2f ms  %5s µs CPU/request%s\n" "mvis /v/<token>" \
  "$M_RPS" "$M_P99" "$M_CPU" "${NON2XX:+  ($NON2XX non-2xx responses!)}"
# The ceiling for any mvis route: a request that reaches the router and no database (a 404).
measure floor "http://127.0.0.1:$MVIS_PORT/api/v1/no-such-route" "" "$MVIS_PID"
printf "  %-22s %9.0f req/s  p99 %7.2f ms  %5s µs CPU/request\n" "mvis 404 (no database)" \
  "$RPS" "$P99_MS" "$CPU_US"
RATIO=$(awk -v m="$M_RPS" -v n="$N_RPS" 'BEGIN {printf "%.2f", m / n}')
verdict() { awk "BEGIN {exit !($1)}" && echo met || echo "NOT met"; }
echo "  ratio mvis/nginx: ${RATIO}x (target >= 0.5x: $(verdict "$RATIO >= 0.5"));" \
  "mvis p99 ${M_P99} ms (target < 10 ms: $(verdict "$M_P99 < 10"))"

echo "== where one check's CPU goes (in process, one thread, no HTTP) =="
"$BUILD_DIR/mvis_bench_public" profile "$DB" "$WORK/tokens.txt" 3000 | while read -r _ what _ us; do
  printf "  %-22s %6s µs\n" "$what" "${us#cpu_us=}"
done

echo "== certificate PDF generation ($PDFS PDFs, a demo certificate) =="
"$BUILD_DIR/mvis_bench_public" pdf "$PDFS" | while read -r what rest; do
  field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $rest"; }
  if [[ $what == label-sheet ]]; then
    printf "  %-28s %6s labels/s wall  (%s KB)\n" "100-label A4 sheet" \
      "$(field labels_per_second)" "$(($(field bytes) / 1024))"
  else
    printf "  %-28s %6s PDFs/s wall  %6s PDFs per CPU-second  (%s KB)\n" \
      "$what, $(field threads) thread(s)" "$(field per_second)" "$(field per_cpu_second)" \
      "$(($(field bytes) / 1024))"
  fi
done
