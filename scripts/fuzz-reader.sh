#!/usr/bin/env bash
# Fuzzes the spreadsheet reader (src/io/spreadsheet_reader.hpp) with libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer for SECONDS seconds (default 60).
#   scripts/fuzz-reader.sh [SECONDS]
# Builds tests/fuzz/spreadsheet_fuzz.cpp and the reader's sources with Debian's clang into
# $MVIS_FUZZ_DIR (default /tmp/mvis-fuzz), runs over a copy of tests/fuzz/corpus (new inputs
# stay in $MVIS_FUZZ_DIR/corpus between runs) and leaves crash inputs in
# $MVIS_FUZZ_DIR/artifacts. Exits non-zero when the fuzzer found a problem.
# Needs: clang-16 libclang-rt-16-dev (clang 14 cannot compile std::expected) libzip-dev
# libexpat1-dev zlib1g-dev pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_TO_RUN=${1:-60}
OUT=${MVIS_FUZZ_DIR:-/tmp/mvis-fuzz}
CXX=${FUZZ_CXX:-clang++-16}
if ! command -v "$CXX" >/dev/null && [[ "$CXX" == clang++-16 && $(id -u) -eq 0 ]]; then
  echo "fuzz-reader: installing clang-16 and libclang-rt-16-dev"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang-16 libclang-rt-16-dev
fi
if ! command -v "$CXX" >/dev/null; then
  echo "fuzz-reader: $CXX not found (apt-get install clang-16 libclang-rt-16-dev)" >&2
  exit 2
fi
mkdir -p "$OUT/corpus" "$OUT/artifacts"
cp -n tests/fuzz/corpus/* "$OUT/corpus/" 2>/dev/null || true

SOURCES=(
  src/io/spreadsheet_reader.cpp src/io/csv_reader.cpp src/io/xlsx_common.cpp
  src/io/xlsx_dates.cpp src/io/xlsx_parts.cpp src/io/xlsx_prefetch.cpp src/io/xlsx_reader.cpp
  src/io/xlsx_sheet.cpp src/io/xlsx_xml.cpp src/io/xlsx_zip.cpp
  tests/fuzz/spreadsheet_fuzz.cpp
)
echo "fuzz-reader: building $OUT/spreadsheet_fuzz with $CXX"
# libstdc++ 12 offers std::expected only when __cpp_concepts >= 202002L; clang 16 implements
# what it needs but still reports 201907L, so the macro is raised by hand.
"$CXX" -std=c++2b -U__cpp_concepts -D__cpp_concepts=202002L -O1 -gdwarf-4 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Isrc -Itests/spreadsheet "${SOURCES[@]}" -o "$OUT/spreadsheet_fuzz" \
  $(pkg-config --cflags --libs libzip expat zlib) -pthread

# Stack traces: llvm-symbolizer (Debian's llvm-14, installed with clang) reads the DWARF 4 above.
if symbolizer=$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer); then
  export ASAN_SYMBOLIZER_PATH=$symbolizer UBSAN_SYMBOLIZER_PATH=$symbolizer
fi

echo "fuzz-reader: running for ${SECONDS_TO_RUN}s"
cd "$OUT"
set +e
./spreadsheet_fuzz -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
  -max_len=262144 -dict="$ROOT/tests/fuzz/spreadsheet.dict" -artifact_prefix="$OUT/artifacts/" \
  -print_final_stats=1 corpus 2>&1 | tee "$OUT/fuzz.log" |
  grep -vE '^#[0-9]+\s+(NEW|REDUCE)|^\s+NEW_FUNC|^"|^#+ (End of )?[Rr]ecommended'
status=${PIPESTATUS[0]}
set -e
if ((status != 0)); then
  echo "fuzz-reader: FAILED (exit $status); inputs in $OUT/artifacts" >&2
  exit "$status"
fi
echo "fuzz-reader: no crash in ${SECONDS_TO_RUN}s; corpus $(ls corpus | wc -l) inputs"
