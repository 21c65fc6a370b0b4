#!/usr/bin/env bash
# Builds and runs every test (unit, PostgreSQL, process) against a throwaway
# PostgreSQL cluster, and ends with ctest's summary. Installs what is missing
# first. With DATABASE_URL set, the [pg] tests use that database instead.
#
#   ./scripts/test.sh                 everything
#   ./scripts/test.sh -L unit         only one label (extra arguments go to ctest)
#
# The main build is the Release build that ships (deploy/image.sh build, the
# image's own build step): the tests run against what users run.
# When the run ends, nothing it started may still be running: every process
# carries CONSTRUCTION_TEST_RUN in its environment, and any left at exit is
# named, killed, and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

./scripts/install-deps.sh --with-browser

CONSTRUCTION_TEST_RUN="$$-$(date +%s%N)"
export CONSTRUCTION_TEST_RUN

# The processes (other than this script) whose environment carries this run's mark.
run_processes() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [ "$pid" != $$ ] && [ "$pid" != "$BASHPID" ] || continue
    grep -qxz "CONSTRUCTION_TEST_RUN=$CONSTRUCTION_TEST_RUN" "$environ" 2>/dev/null && echo "$pid"
  done
  return 0
}

build=${BUILD_DIR:-build}
pg_dir=
# Stops the throwaway cluster, then checks that nothing of the run is left.
finish() {
  local status=$? left pid
  if [ -n "$pg_dir" ]; then
    "$root/scripts/pg-cluster.sh" stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  # ctest does not show a skipped test's output: its reason, here.
  grep -h '^SKIP: ' "$build/Testing/Temporary/LastTest"*.log 2>/dev/null | sort -u | sed 's/^/test.sh: /' >&2 || true
  left=$(run_processes)
  if [ -n "$left" ]; then
    echo "test.sh: FAIL: processes of this run still running after it ended:" >&2
    for pid in $left; do
      echo "  $pid $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" >&2
    done
    for pid in $left; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 3
    for pid in $left; do kill -KILL "$pid" 2>/dev/null || true; done
    status=1
  fi
  exit "$status"
}
trap finish EXIT

CONSTRUCTION_TESTS=ON ./deploy/image.sh build "$build"

if [ -z "${DATABASE_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/construction-test-pg.XXXXXX)
  # Below Linux's ephemeral range (32768-60999): a port there can be held by
  # an outgoing connection's local end, which no listener check sees, and
  # PostgreSQL then cannot bind it. Skip one something listens on.
  port=$(( 20000 + RANDOM % 12000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$(( 20000 + RANDOM % 12000 )); done
  DATABASE_URL=$("$root/scripts/pg-cluster.sh" start "$pg_dir" "$port" --throwaway)
  export DATABASE_URL
fi

# One configuration runs under AddressSanitizer and UndefinedBehaviorSanitizer:
# the unit and PostgreSQL tests, where memory mistakes would hide. (The
# process tests run on the normal build: they measure memory and time.)
if [ "${SKIP_SANITIZERS:-0}" != 1 ] && [ $# -eq 0 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCONSTRUCTION_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)" --target unit_tests pg_tests
  echo "== unit and PostgreSQL tests under ASan/UBSan"
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$root/test/lsan.supp" \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -L 'unit|pg' -LE scale
  echo "== every test"
fi

ctest --test-dir "$build" --output-on-failure -j"$(nproc)" "$@"
