#!/usr/bin/env bash
# First start on a new host (deploy.md): checks .env, waits for PostgreSQL,
# applies the migrations and creates the owner account once. Safe to run
# again: a second run changes nothing and says so.
#
#   scripts/bootstrap.sh --org "Acme Builders" --email owner@example.com
#
# Runs in the folder holding .env (the server's working directory). The
# binary is $CONSTRUCTION_BIN, else `construction` beside this script's
# build/ folder or on PATH. Waits up to $BOOTSTRAP_WAIT seconds (60) for
# PostgreSQL. The owner's password is generated and printed once.
set -uo pipefail

fail() { echo "bootstrap: FAIL: $*" >&2; exit 1; }
say() { echo "bootstrap: $*"; }

org=${OWNER_ORG:-}
email=${OWNER_EMAIL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --org) org=${2:-}; shift 2 ;;
    --email) email=${2:-}; shift 2 ;;
    *) echo "usage: $0 --org NAME --email EMAIL" >&2; exit 2 ;;
  esac
done
[ -n "$org" ] && [ -n "$email" ] || { echo "usage: $0 --org NAME --email EMAIL" >&2; exit 2; }

find_binary() {
  local beside
  beside="$(cd "$(dirname "$0")/.." && pwd)/build/construction"
  if [ -n "${CONSTRUCTION_BIN:-}" ]; then echo "$CONSTRUCTION_BIN"
  elif [ -x "$beside" ]; then echo "$beside"
  else command -v construction || true
  fi
}
bin=$(find_binary)
[ -n "$bin" ] && [ -x "$bin" ] || fail "no construction binary (build it, or set CONSTRUCTION_BIN)"

# A value of .env as written (the last assignment wins), without running it.
env_value() { sed -n "s/^[[:space:]]*$1=//p" .env | tail -n 1 | sed 's/^["'\'']\(.*\)["'\'']$/\1/'; }

check_env() {
  [ -f .env ] || fail "no .env in $PWD: cp .env.example .env, then set INFRA_HOST, POSTGRES_PASSWORD, SECRET_KEY"
  if [ -z "$(env_value DATABASE_URL)${DATABASE_URL:-}" ] &&
     [ "$(env_value POSTGRES_PASSWORD)" = change-me ]; then
    fail ".env still has POSTGRES_PASSWORD=change-me: set the database password"
  fi
  local problems
  problems=$("$bin" check-config 2>&1 >/dev/null) || fail "the configuration is invalid: $problems"
  say ".env checked ($PWD/.env)"
}

wait_for_postgres() {
  local deadline=$((SECONDS + ${BOOTSTRAP_WAIT:-60})) error
  until error=$("$bin" migrate status 2>&1 >/dev/null); do
    [ "$SECONDS" -lt "$deadline" ] ||
      fail "PostgreSQL did not answer within ${BOOTSTRAP_WAIT:-60} s: $error"
    sleep 1
  done
  say "PostgreSQL answers"
}

migrate() {
  local out
  out=$("$bin" migrate up) || fail "construction migrate failed"
  if grep -q '^Nothing to apply' <<<"$out"; then
    say "migrations: none pending"
  else
    say "migrations applied: $(grep '^applied' <<<"$out" | awk '{print $2}' | paste -sd' ')"
  fi
}

create_owner() {
  local out err err_file status
  err_file=$(mktemp)
  out=$("$bin" create-user --org "$org" --email "$email" --role owner 2>"$err_file")
  status=$?
  err=$(cat "$err_file")
  rm -f "$err_file"
  if [ "$status" -eq 0 ]; then
    say "owner account created: $email in \"$org\""
    sed -n 's/^Password: /bootstrap: owner password (shown once, change it after logging in): /p' <<<"$out"
  elif [[ $err == *"already exists"* ]]; then
    say "owner account $email exists already: unchanged"
  else
    fail "could not create the owner account: $err"
  fi
}

check_env
wait_for_postgres
migrate
create_owner
say "done; start the server (docker compose up -d, or systemctl start construction), then ./scripts/smoke-test.sh"
