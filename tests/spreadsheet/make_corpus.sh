#!/usr/bin/env bash
# Writes the spreadsheet-reader test corpus — the same small tables saved by openpyxl, SheetJS,
# exceljs and (when `soffice` is installed) LibreOffice — into OUT_DIR. mvis_spreadsheet_tests
# runs it before its tests; files are rebuilt only when a generator changed.
# Needs: /usr/bin/python3 with python3-openpyxl, node + npm (packages from node/package-lock.json,
# installed here on first use), optionally libreoffice-calc-nogui.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: make_corpus.sh OUT_DIR}
mkdir -p "$OUT"

have_soffice=no
command -v soffice >/dev/null 2>&1 && have_soffice=yes
stamp=$(cat "$HERE/make_corpus.sh" "$HERE/make_openpyxl.py" "$HERE/node/make_node.js" \
  "$HERE/node/package-lock.json" | sha256sum | cut -d' ' -f1)-$have_soffice
if [[ -f "$OUT/.stamp" && "$(cat "$OUT/.stamp")" == "$stamp" ]]; then
  echo "make_corpus: $OUT is up to date"
  exit 0
fi
rm -f "$OUT"/*.xlsx "$OUT/.stamp"

echo "make_corpus: openpyxl"
/usr/bin/python3 "$HERE/make_openpyxl.py" "$OUT"

if [[ ! -d "$HERE/node/node_modules/xlsx" || ! -d "$HERE/node/node_modules/exceljs" ]]; then
  echo "make_corpus: npm ci in $HERE/node"
  (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "make_corpus: SheetJS and exceljs"
node "$HERE/node/make_node.js" "$OUT"

if [[ $have_soffice == yes ]]; then
  echo "make_corpus: LibreOffice"
  tmp=$(mktemp -d /tmp/mvis-soffice.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  # A private profile, so a running LibreOffice or a stale lock cannot block the conversion.
  HOME=$tmp timeout 180 soffice --headless --norestore --nolockcheck \
    "-env:UserInstallation=file://$tmp/profile" \
    --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/out" \
    "$OUT/openpyxl-core.xlsx" "$OUT/openpyxl-formats.xlsx" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"
    exit 1
  }
  mv "$tmp/out/openpyxl-core.xlsx" "$OUT/libreoffice-core.xlsx"
  mv "$tmp/out/openpyxl-formats.xlsx" "$OUT/libreoffice-formats.xlsx"
else
  echo "make_corpus: soffice not found: LibreOffice files skipped"
fi

echo "$stamp" >"$OUT/.stamp"
echo "make_corpus: wrote $(ls "$OUT"/*.xlsx | wc -l) files to $OUT"
