#!/usr/bin/env bash
# scripts/bootstrap.sh on a fresh database: the server then starts and the
# smoke test passes; with PostgreSQL stopped the smoke test fails naming
# /ready; a second bootstrap changes nothing.
source "$CONSTRUCTION_SOURCE_DIR/test/support/proctest.sh"

app=$TMP/app
mkdir -p "$app"
cd "$app"
export CONSTRUCTION_BIN=$BIN
unset DATABASE_URL

out=$("$SRC/scripts/bootstrap.sh" --org "Bootstrap Builders" --email owner@example.com 2>&1) &&
  fail "bootstrap without .env succeeded: $out"
[[ $out == *"no .env in $app"* ]] || fail "bootstrap without .env said: $out"

url=$(private_cluster boot)
cp "$SRC/.env.example" .env
{
  echo "DATABASE_URL=$url"
  echo "SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
} >>.env

out=$("$SRC/scripts/bootstrap.sh" --org "Bootstrap Builders" --email owner@example.com) ||
  fail "first bootstrap failed: $out"
echo "$out"
[[ $out == *"migrations applied: 0001_"* ]] || fail "first bootstrap applied no migration"
[[ $out == *"owner account created: owner@example.com"* ]] || fail "first bootstrap created no owner"
password=$(sed -n 's/^bootstrap: owner password.*: //p' <<<"$out")
[ ${#password} -ge 12 ] || fail "no owner password printed"

port=$(free_port)
start_bg server "$BIN" serve -b "127.0.0.1:$port" -w 2
wait_serving "http://127.0.0.1:$port/health" || fail "the server did not start"
token=$("$BIN" create-token --email owner@example.com)
smoke=$(SMOKE_MAILER=optional "$SRC/scripts/smoke-test.sh" "http://127.0.0.1:$port" "$token" 2>&1) || fail "smoke test failed: $smoke"
[[ $smoke == *"smoke test passed"* ]] || fail "smoke test said: $smoke"
note "smoke test passed after bootstrap"

"$SRC/scripts/pg-cluster.sh" stop "$TMP/pg-boot" 2>/dev/null
smoke=$("$SRC/scripts/smoke-test.sh" "http://127.0.0.1:$port" 2>&1) && fail "smoke test passed with PostgreSQL stopped"
grep -q "^FAIL: .*/ready" <<<"$smoke" || fail "smoke test failure does not name /ready: $smoke"
note "with PostgreSQL stopped: $(grep '^FAIL' <<<"$smoke")"

"$SRC/scripts/pg-cluster.sh" start "$TMP/pg-boot" --throwaway >/dev/null 2>&1
before=$(psql -X -At "$url" -c "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM organisations), (SELECT count(*) FROM schema_migrations)")
out=$("$SRC/scripts/bootstrap.sh" --org "Bootstrap Builders" --email owner@example.com) ||
  fail "second bootstrap failed: $out"
echo "$out"
[[ $out == *"migrations: none pending"* ]] || fail "second bootstrap did not find the schema up to date"
[[ $out == *"owner account owner@example.com exists already: unchanged"* ]] ||
  fail "second bootstrap did not leave the owner alone"
[[ $out != *"owner password"* ]] || fail "second bootstrap printed a password"
after=$(psql -X -At "$url" -c "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM organisations), (SELECT count(*) FROM schema_migrations)")
[ "$before" = "$after" ] || fail "second bootstrap changed the database: $before -> $after"
note "second bootstrap changed nothing ($after)"
