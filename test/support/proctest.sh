# Shared by the shell tests (test/**/*_proctest.sh, in the manner of
# Unicorn's t/*.sh): a temporary folder, free ports, background processes in
# their own process groups, private PostgreSQL clusters and scratch databases,
# all removed when the test ends, however it ends.
#
# ctest gives CONSTRUCTION_BINARY, CONSTRUCTION_SOURCE_DIR and DATABASE_URL.
# A test exits 0 when it passes, 77 when it skips (printing why), else fails.
set -euo pipefail

BIN=${CONSTRUCTION_BINARY:?run through ctest}
SRC=${CONSTRUCTION_SOURCE_DIR:?run through ctest}
TMP=$(mktemp -d /tmp/construction-proctest.XXXXXX)
chmod 755 "$TMP"  # a private cluster run as postgres (when we are root) lives inside
PGROUPS=()
# The cluster the scratch databases are made in and dropped from, as given:
# a test may point DATABASE_URL at its own scratch database.
ADMIN_URL=${DATABASE_URL:-}

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
note() { echo "-- $*"; }

# A TCP port nobody listens on now (random, so parallel runs rarely collide).
free_port() {
  local port
  while :; do
    # Below Linux's ephemeral range (32768-60999), where outgoing
    # connections take their local ports and could take this one first.
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# start_bg LOGNAME COMMAND... : runs COMMAND in its own process group with its
# output in $TMP/LOGNAME.log; sets BG_PID. The whole group dies at the end.
start_bg() {
  local log=$TMP/$1.log
  shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  BG_PID=$!
  PGROUPS+=("$BG_PID")
}

stop_group() {
  local pgid=$1 i
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

# wait_until SECONDS COMMAND... : polls COMMAND every 0.1 s until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

http_ok() { curl -fsS --max-time 5 -o /dev/null "$1"; }

# wait_serving URL: until URL answers 200; gives up at once when the process
# started last (start_bg) has exited, else after 60 s.
wait_serving() {
  local pid=$BG_PID deadline=$((SECONDS + 60))
  until http_ok "$1" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# A private PostgreSQL cluster (stopped at the end); prints its DATABASE_URL.
# Called as url=$(private_cluster NAME), it runs in a subshell: the folder is
# noted in a file, not a variable, so that cleanup stops it.
private_cluster() {
  local dir=$TMP/pg-$1
  echo "$dir" >>"$TMP/clusters"
  "$SRC/scripts/pg-cluster.sh" start "$dir" "$(free_port)" --throwaway 2>"$TMP/pg-$1.start.log"
}

# A new empty database in $DATABASE_URL's cluster (dropped at the end); prints its URL.
scratch_database() {
  local name="proctest_$1_$$_$RANDOM"
  psql -X -q "$ADMIN_URL" -c "CREATE DATABASE $name" >/dev/null
  echo "$name" >>"$TMP/databases"  # noted in a file: called as $(...), a subshell
  echo "${ADMIN_URL%/*}/$name"
}

cleanup() {
  local status=$? pgid dir name
  for pgid in "${PGROUPS[@]}"; do stop_group "$pgid"; done
  if [ -f "$TMP/databases" ]; then
    while read -r name; do
      psql -X -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
    done <"$TMP/databases"
  fi
  if [ -f "$TMP/clusters" ]; then
    while read -r dir; do "$SRC/scripts/pg-cluster.sh" stop "$dir" >/dev/null 2>&1 || true; done <"$TMP/clusters"
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$TMP"/*.log; do
      [ -f "$log" ] || continue
      echo "== ${log##*/} (last 30 lines)" >&2
      tail -n 30 "$log" >&2
    done
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
