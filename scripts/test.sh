#!/usr/bin/env bash
# Runs every test suite; exits non-zero when any fails. Called by `make test` (and so by CI).
#   1. C++ unit tests (domain, store helpers) and the spreadsheet reader suite
#   2. HTTP integration tests in-process against SQLite
#   3. the same HTTP integration tests against a throwaway PostgreSQL server
#   4. web: eslint, vue-tsc, vitest, production build
#   5. browser end-to-end in Debian Chromium against the real server (beside 3)
#   6. API contract: every response the integration tests (2, 3) received matches openapi.json
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BUILD_DIR=${BUILD_DIR:-build}

passed=0
failed=0
failures=()
suite() {  # suite NAME COMMAND...
  local name=$1; shift
  echo
  echo "=== $name ==="
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

bash scripts/build.sh || { echo "build failed"; exit 1; }

# C++ sources follow .clang-format (Google base); `make format` fixes them.
suite "C++ format" bash -c "git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' | xargs clang-format --dry-run --Werror"

suite "C++ unit" bash -c "cd $BUILD_DIR && ctest --output-on-failure -R '^unit$'"
suite "spreadsheet reader (writer corpus, hostile files)" bash -c "cd $BUILD_DIR && ctest --output-on-failure -R '^spreadsheet$'"

# The integration tests record every response (tests/integration/http_client.cpp) for the
# contract suite below.
CONTRACT_DIR="$ROOT/$BUILD_DIR/contract"
mkdir -p "$CONTRACT_DIR"
rm -f "$CONTRACT_DIR"/*.jsonl

suite "HTTP integration (SQLite)" env MVIS_TEST_BACKEND=sqlite \
  MVIS_RECORD_RESPONSES="$CONTRACT_DIR/sqlite.jsonl" "$BUILD_DIR/mvis_integration_tests"

# The PostgreSQL run goes on in the background while the web suites build and check (they share
# no state); its result is reported, and the contract suite (which reads its responses) runs,
# once it has finished.
PG_DIR=$(mktemp -d /tmp/mvis-pg.XXXXXX)
PG_LOG="$ROOT/$BUILD_DIR/integration-postgresql.log"
trap 'bash "$ROOT/scripts/pg-temp.sh" stop "$PG_DIR"' EXIT
pg_pid=""
if PG_URL=$(bash scripts/pg-temp.sh start "$PG_DIR"); then
  env MVIS_TEST_BACKEND=postgresql MVIS_TEST_PG_URL="$PG_URL" \
    MVIS_RECORD_RESPONSES="$CONTRACT_DIR/postgresql.jsonl" "$BUILD_DIR/mvis_integration_tests" \
    >"$PG_LOG" 2>&1 &
  pg_pid=$!
else
  echo "could not start PostgreSQL"
  failed=$((failed + 1))
  failures+=("PostgreSQL server")
fi
pg_suite() {
  [[ -n "$pg_pid" ]] || return 0
  echo
  echo "=== HTTP integration (PostgreSQL) ==="
  local rc=0
  wait "$pg_pid" || rc=$?
  pg_pid=""
  if ((rc == 0)); then
    grep -E '^\[  (PASSED|SKIPPED) |^\[==========\]' "$PG_LOG" | tail -3
    passed=$((passed + 1))
  else
    cat "$PG_LOG"
    failed=$((failed + 1))
    failures+=("HTTP integration (PostgreSQL)")
  fi
  bash "$ROOT/scripts/pg-temp.sh" stop "$PG_DIR"
}

if bash scripts/build-web.sh; then
  passed=$((passed + 1))
  suite "web lint" bash -c "cd web && npm run --silent lint"
  suite "web typecheck" bash -c "cd web && npm run --silent typecheck"
  suite "web unit" bash -c "cd web && npm run --silent test"
  # The browser suite also overlaps the PostgreSQL run (CI time); the contract suite needs its
  # responses, so it comes after.
  suite "browser e2e" env MVIS_BIN="$ROOT/$BUILD_DIR/mvis" bash -c "cd web && npm run --silent e2e"
  pg_suite
  suite "API contract (responses match openapi.json)" bash -c \
    "cd web && npm run --silent contract -- '$CONTRACT_DIR'/*.jsonl"
else
  failed=$((failed + 1))
  failures+=("web build")
  pg_suite
fi
trap - EXIT

echo
if ((failed)); then
  echo "FAILED suites: ${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
((failed == 0))
