#!/usr/bin/env bash
# Builds and runs every test (unit, PostgreSQL, process) against a throwaway
# PostgreSQL cluster, and ends with ctest's summary. Installs what is missing
# first. With DATABASE_URL set, the [pg] tests use that database instead.
#
#   ./scripts/test.sh                 everything
#   ./scripts/test.sh -L unit         only one label (extra arguments go to ctest)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh --with-browser

# The main build is the Release build that ships (deploy/image.sh build, the
# image's own build step): the tests run against what users run.
build=${BUILD_DIR:-build}
CONSTRUCTION_TESTS=ON ./deploy/image.sh build "$build"

if [ -z "${DATABASE_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/construction-test-pg.XXXXXX)
  cleanup() { ./scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
  trap cleanup EXIT
  port=$(( 55000 + RANDOM % 5000 ))
  DATABASE_URL=$(./scripts/pg-cluster.sh start "$pg_dir" "$port" --throwaway)
  export DATABASE_URL
fi

# One configuration runs under AddressSanitizer and UndefinedBehaviorSanitizer:
# the unit and PostgreSQL tests, where memory mistakes would hide. (The
# process tests run on the normal build: they measure memory and time.)
if [ "${SKIP_SANITIZERS:-0}" != 1 ] && [ $# -eq 0 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCONSTRUCTION_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)" --target unit_tests pg_tests
  echo "== unit and PostgreSQL tests under ASan/UBSan"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -L 'unit|pg'
  echo "== every test"
fi

cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
