#!/usr/bin/env bash
# Import benchmark: parse-only speed of the mvis streaming reader against openpyxl (read-only
# mode) and SheetJS on the same generated files, then end-to-end import of 100k rows into
# SQLite. Prints rows/s and ratios. Not a test: run with `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BIN="$BUILD_DIR/mvis_bench_import"
WORK=$(mktemp -d /tmp/mvis-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd bench/node && [[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
best() {  # best of 3 runs: prints the line with the lowest seconds
  local out best_line="" best_s=""
  for _ in 1 2 3; do
    out=$("$@")
    local s; s=$(echo "$out" | field seconds)
    if [[ -z "$best_s" ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_line=$out; fi
  done
  echo "$best_line"
}
rate() { awk "BEGIN{printf \"%.0f\", $1 / $2}"; }
ratio() { awk "BEGIN{printf \"%.1f\", $1 / $2}"; }

for N in 10000 100000; do
  FILE="$WORK/template-$N.xlsx"
  "$BIN" generate "$N" "$FILE"
  echo "== parse-only, $N rows ($(du -h "$FILE" | cut -f1) .xlsx) =="
  M=$(best "$BIN" parse "$FILE")
  P=$(best /usr/bin/python3 bench/parse_openpyxl.py "$FILE")
  S=$(best node bench/node/parse_sheetjs.mjs "$FILE")
  ms=$(echo "$M" | field seconds); ps=$(echo "$P" | field seconds); ss=$(echo "$S" | field seconds)
  printf "  %-10s %10s rows/s  %6.3f s  peak %6s MB\n" mvis "$(rate "$N" "$ms")" "$ms" "$(echo "$M" | field peak_rss_mb)"
  printf "  %-10s %10s rows/s  %6.3f s  peak %6s MB\n" openpyxl "$(rate "$N" "$ps")" "$ps" "$(echo "$P" | field peak_rss_mb)"
  printf "  %-10s %10s rows/s  %6.3f s  peak %6s MB\n" sheetjs "$(rate "$N" "$ss")" "$ss" "$(echo "$S" | field peak_rss_mb)"
  echo "  ratio mvis/openpyxl: $(ratio "$ps" "$ms")x   mvis/sheetjs: $(ratio "$ss" "$ms")x"
done

echo "== end-to-end import (parse + validate + commit), 100000 rows into SQLite =="
E=$("$BIN" e2e "$WORK/template-100000.xlsx")
echo "  $(echo "$E" | field seconds) s total ($(echo "$E" | field upload_validate_seconds) s upload+validate), peak $(echo "$E" | field peak_rss_mb) MB, created $(echo "$E" | field created)"
