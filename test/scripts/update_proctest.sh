#!/usr/bin/env bash
# scripts/update.sh under a steady load: a good new binary takes over with
# zero failed requests and new worker pids; a broken one is rolled back and
# the service answers throughout.
source "$CONSTRUCTION_SOURCE_DIR/test/support/proctest.sh"

app=$TMP/app
mkdir -p "$app/bin"
cd "$app"
DATABASE_URL=$(scratch_database update)
export DATABASE_URL APP_ENV=development
export CONSTRUCTION_BIN=$app/bin/construction PID_FILE=$app/construction.pid UPDATE_WAIT=60
cp "$BIN" "$CONSTRUCTION_BIN"
# Installed as the image installs it: the pages' templates and assets too.
mkdir -p "$app/share/construction"
cp -a "$(dirname "$BIN")/views" "$app/share/construction/views"
"$CONSTRUCTION_BIN" migrate up >/dev/null

port=$(free_port)
base=http://127.0.0.1:$port
start_bg server "$CONSTRUCTION_BIN" serve -b "127.0.0.1:$port" -w 2 --pid "$PID_FILE"
wait_serving "$base/health" || fail "the server did not start"

# Two clients in a loop, one line per response: the status (000: no answer).
load() {
  while [ ! -e "$TMP/stop-load" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 "$base$1" >>"$TMP/load-$2.codes"
  done
}
run_load() {
  rm -f "$TMP/stop-load" "$TMP"/load-*.codes
  start_bg load-api bash -c "$(declare -f load); base=$base TMP=$TMP; load /api/v1/openapi.json api"
  start_bg load-health bash -c "$(declare -f load); base=$base TMP=$TMP; load /health health"
  sleep 1
}
stop_load() {
  touch "$TMP/stop-load"
  sleep 1
  local total failed
  total=$(cat "$TMP"/load-*.codes | wc -l)
  failed=$(cat "$TMP"/load-*.codes | grep -vc '^200$' || true)
  note "$1: $total requests during the update, $failed failed"
  [ "$total" -gt 20 ] || fail "$1: the load made only $total requests"
  [ "$failed" -eq 0 ] || fail "$1: $failed requests failed: $(sort "$TMP"/load-*.codes | uniq -c | tr '\n' ' ')"
}
workers() { ps --ppid "$(cat "$PID_FILE")" -o pid= | sort -n | tr -d ' ' | paste -sd' '; }

# A good binary.
old_master=$(cat "$PID_FILE")
old_workers=$(workers)
run_load
"$SRC/scripts/update.sh" --new-binary "$BIN" --url "$base" >"$TMP/update-good.log" 2>&1 ||
  fail "update.sh failed: $(cat "$TMP/update-good.log")"
stop_load "good binary"
new_master=$(cat "$PID_FILE")
new_workers=$(workers)
[ "$new_master" != "$old_master" ] || fail "the master did not change"
! kill -0 "$old_master" 2>/dev/null || fail "the old master $old_master still runs"
for pid in $new_workers; do
  [[ " $old_workers " != *" $pid "* ]] || fail "worker $pid survived the update"
done
[ "$(wc -w <<<"$new_workers")" -eq 2 ] || fail "after the update the workers are: $new_workers"
note "master $old_master -> $new_master, workers $old_workers -> $new_workers"
diff -rq "$(dirname "$BIN")/views" "$app/share/construction/views" >/dev/null ||
  fail "the pages' templates and assets were not installed with the binary"
[ -d "$app/share/construction/views.previous" ] || fail "the previous templates were not kept"
curl -fsS --max-time 10 -o /dev/null "$base/login" || fail "the new workers do not serve /login"

# A broken binary: it starts, but its workers cannot reach the database.
cat >"$TMP/broken" <<BROKEN
#!/bin/sh
[ "\$1" = serve ] && export DATABASE_URL=postgresql://nobody@127.0.0.1:1/nothing DB_CONNECT_TIMEOUT=1
exec "$BIN" "\$@"
BROKEN
chmod +x "$TMP/broken"
cp "$CONSTRUCTION_BIN" "$TMP/good-copy"
run_load
"$SRC/scripts/update.sh" --new-binary "$TMP/broken" --url "$base" >"$TMP/update-broken.log" 2>&1 &&
  fail "update.sh with a broken binary succeeded: $(cat "$TMP/update-broken.log")"
stop_load "broken binary"
cat "$TMP/update-broken.log"
grep -q "rolled back to the previous binary" "$TMP/update-broken.log" || fail "update.sh did not say it rolled back"
cmp -s "$CONSTRUCTION_BIN" "$TMP/good-copy" || fail "$CONSTRUCTION_BIN is not the previous binary"
[ "$(cat "$PID_FILE")" = "$new_master" ] || fail "the pid file names $(cat "$PID_FILE"), not master $new_master"
has_two_workers() { [ "$(ps --ppid "$1" -o pid= | wc -l)" -eq 2 ]; }
wait_until 60 has_two_workers "$new_master" || fail "master $new_master lacks workers"
SMOKE_MAILER=optional "$SRC/scripts/smoke-test.sh" "$base" || fail "the smoke test fails after the rollback"
note "broken binary rolled back; master $new_master serves with workers $(workers)"

# A configuration change only: HUP, new workers under the same master.
before=$(workers)
"$SRC/scripts/update.sh" --hup --url "$base" >"$TMP/update-hup.log" 2>&1 || fail "update.sh --hup failed: $(cat "$TMP/update-hup.log")"
[ "$(cat "$PID_FILE")" = "$new_master" ] || fail "update.sh --hup changed the master"
[ "$(workers)" != "$before" ] || fail "update.sh --hup left the workers as they were ($before)"
note "HUP: workers $before -> $(workers)"

# A binary that migrates but cannot serve: the new master exits at once, the
# old one keeps serving.
cat >"$TMP/dead" <<DEAD
#!/bin/sh
[ "\$1" = serve ] && { echo "cannot start" >&2; exit 1; }
exec "$BIN" "\$@"
DEAD
chmod +x "$TMP/dead"
master=$(cat "$PID_FILE")
run_load
"$SRC/scripts/update.sh" --new-binary "$TMP/dead" --url "$base" >"$TMP/update-dead.log" 2>&1 &&
  fail "update.sh with a binary that cannot start succeeded: $(cat "$TMP/update-dead.log")"
stop_load "binary that cannot start"
grep -q "the new master exited at start; rolled back" "$TMP/update-dead.log" ||
  fail "update.sh did not see the new master die: $(cat "$TMP/update-dead.log")"
cmp -s "$CONSTRUCTION_BIN" "$TMP/good-copy" || fail "$CONSTRUCTION_BIN is not the previous binary"
[ "$(cat "$PID_FILE")" = "$master" ] || fail "the pid file names $(cat "$PID_FILE"), not master $master"
SMOKE_MAILER=optional "$SRC/scripts/smoke-test.sh" "$base" >/dev/null || fail "the smoke test fails after the rollback"
note "a binary that cannot start: rolled back, master $master serves"
