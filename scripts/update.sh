#!/usr/bin/env bash
# Standard update of a running server without dropping a request (deploy.md):
# build, install the new binary (the old one kept as BIN.previous), migrate,
# then a USR2 binary upgrade: the new master starts beside the old one, the
# old workers stop (WINCH) once the new ones are up, the smoke test runs
# against the new workers, and then the old master goes (TERM). When the new
# master dies or the smoke test fails, the previous binary is put back, the
# old master's workers come back (HUP) and the new master is stopped.
#
#   scripts/update.sh [--pull] [--new-binary FILE] [--hup] [--url BASE_URL]
#
#   --pull              git pull --ff-only first
#   --new-binary FILE   install FILE instead of building (a binary built elsewhere)
#   --hup               configuration change only: HUP, then the smoke test
#   --url BASE_URL      where the smoke test looks (http://127.0.0.1:8000)
#
# Settings from the environment: CONSTRUCTION_BIN (the installed binary the
# master runs; /opt/construction/bin/construction), PID_FILE (the master's
# --pid file; /run/construction/construction.pid), API_TOKEN (passed to the
# smoke test), UPDATE_WAIT (seconds for the new master, 60). Runs in the
# server's working directory (the one with .env). Under Docker, update with
# `docker compose build && docker compose up -d` instead.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CONSTRUCTION_BIN:-/opt/construction/bin/construction}
pid_file=${PID_FILE:-/run/construction/construction.pid}
wait_seconds=${UPDATE_WAIT:-60}
url=http://127.0.0.1:8000
pull=no
new_binary=
hup_only=no

usage() { sed -n '10,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
say() { echo "update: $(date -u +%H:%M:%S) $*"; }
fail() { echo "update: FAIL: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --pull) pull=yes; shift ;;
    --new-binary) new_binary=${2:-}; [ -n "$new_binary" ] || usage; shift 2 ;;
    --hup) hup_only=yes; shift ;;
    --url) url=${2:-}; [ -n "$url" ] || usage; shift 2 ;;
    *) usage ;;
  esac
done

master_pid() { cat "$pid_file" 2>/dev/null; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
# Worker processes of master $1: its children, except a new master it forked on USR2.
workers_of() { ps --ppid "$1" -o pid= 2>/dev/null | awk -v new="${new:-}" '$1 != new' | wc -l; }
# The server is judged on its own: a mailer that is not running is reported
# (a warning) but does not roll the server back.
smoke_test() { SMOKE_MAILER=${SMOKE_MAILER:-optional} "$root/scripts/smoke-test.sh" "$url" ${API_TOKEN:+"$API_TOKEN"}; }

old=$(master_pid)
alive "$old" || fail "no running master in $pid_file (start the server first)"

if [ "$hup_only" = yes ]; then
  kill -HUP "$old"
  say "HUP sent to master $old; waiting for the new workers"
  sleep 2
  smoke_test || fail "smoke test failed after HUP (the master logs why a reload was refused)"
  say "configuration reloaded"
  exit 0
fi

if [ "$pull" = yes ]; then
  git -C "$root" pull --ff-only || fail "git pull failed"
fi
if [ -z "$new_binary" ]; then
  "$root/deploy/image.sh" build "$root/build" || fail "the build failed; nothing changed"
  new_binary=$root/build/construction
fi
[ -x "$new_binary" ] || fail "$new_binary is not an executable"

# The swap is a rename: running processes keep the old file open.
install_binary() { install -m 755 "$1" "$bin.new" && mv -f "$bin.new" "$bin"; }
cp -p "$bin" "$bin.previous" || fail "cannot keep a copy of $bin"
install_binary "$new_binary" || fail "cannot install $new_binary as $bin"
say "installed $new_binary as $bin (previous kept as $bin.previous)"

# The pages' templates and static assets go with their binary: from views/
# beside a built binary (or an installed one's share/construction/views) to
# the installed binary's share/construction/views, the previous ones kept
# and put back on a rollback. Workers read them once, at boot.
views=$(dirname "$bin")/../share/construction/views
views_of() {
  local dir
  dir=$(dirname "$1")
  for candidate in "$dir/views" "$dir/../share/construction/views"; do
    [ -d "$candidate" ] && { realpath "$candidate"; return 0; }
  done
  return 0
}
replace_views() {
  rm -rf "$views.new" && mkdir -p "$(dirname "$views")" && cp -a "$1" "$views.new" &&
    rm -rf "$views" && mv "$views.new" "$views"
}
new_views=$(views_of "$new_binary")
rm -rf "$views.previous"
[ ! -d "$views" ] || cp -a "$views" "$views.previous" || fail "cannot keep a copy of $views"
if [ -n "$new_views" ] && [ "$new_views" != "$(realpath -m "$views")" ]; then
  replace_views "$new_views" || fail "cannot install $new_views as $views"
  say "installed the pages' templates and assets from $new_views"
fi

restore_binary() {
  install_binary "$bin.previous" && say "rolled back: $bin is the previous binary again"
  [ ! -d "$views.previous" ] || replace_views "$views.previous"
}

if ! "$bin" migrate up; then
  restore_binary
  fail "migrate failed: the old binary keeps serving"
fi

# Rolls back after the USR2: the previous binary, the old workers, the old master.
roll_back() {
  restore_binary
  [ "$winched" = no ] || kill -HUP "$old" 2>/dev/null  # the old master starts workers again
  if [ -n "$new" ] && [ "$new" != "$old" ] && alive "$new"; then
    kill -TERM "$new"
    wait_for 30 "! alive $new" || kill -KILL "$new" 2>/dev/null
  fi
  wait_for "$wait_seconds" "[ \"\$(master_pid)\" = \"$old\" ] && [ \"\$(workers_of $old)\" -ge $workers ]" ||
    say "warning: the old master $old has $(workers_of "$old") workers"
  fail "$1; rolled back to the previous binary (master $old serves)"
}

wait_for() {
  local deadline=$((SECONDS + $1))
  until eval "$2"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

workers=$(workers_of "$old")
winched=no
kill -USR2 "$old"
say "USR2 sent to master $old"
new=
new_master_up() {
  new=$(master_pid)
  [ -n "$new" ] && [ "$new" != "$old" ] && alive "$new" && [ "$(workers_of "$new")" -ge "$workers" ]
}
# The new master died: it came and went, or the old master took its pid file
# back (the exec failed) a few seconds after the USR2.
new_master_died() {
  { [ -n "$new" ] && [ "$new" != "$old" ] && ! alive "$new"; } ||
    { [ $((SECONDS - usr2_at)) -ge 5 ] && [ "$(master_pid)" = "$old" ] && [ ! -e "$pid_file.oldbin" ]; }
}
usr2_at=$SECONDS
until new_master_up; do
  new_master_died && roll_back "the new master exited at start"
  [ $((SECONDS - usr2_at)) -lt "$wait_seconds" ] ||
    roll_back "the new master did not start $workers workers in $wait_seconds s"
  sleep 0.2
done
say "new master $new has $workers workers"
sleep 1  # let them finish booting; connections wait in the shared backlog meanwhile

kill -WINCH "$old"
winched=yes
wait_for 60 "[ \"\$(workers_of $old)\" -eq 0 ]" || say "warning: old workers still finishing requests"
say "old workers stopped; smoke test against the new ones"
smoke_test || roll_back "the smoke test failed against the new binary"

kill -TERM "$old"
wait_for 60 "! alive $old" || say "warning: the old master $old has not exited yet"
say "update done: master $new runs $("$bin" --version)"
