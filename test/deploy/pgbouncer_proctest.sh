#!/usr/bin/env bash
# The server through Debian's PgBouncer in transaction mode (the README's
# scale-out): DB_PREPARED_STATEMENTS=off, two workers sharing two server
# connections, and an API flow (log in, create a client and projects, list
# them, an estimate built, sent and accepted) with no error.
source "$CONSTRUCTION_SOURCE_DIR/test/support/proctest.sh"

PGBOUNCER=${PGBOUNCER:-/usr/sbin/pgbouncer}
[ -x "$PGBOUNCER" ] || skip "pgbouncer is not installed (./scripts/install-deps.sh --with-browser installs it)"

direct_url=$(scratch_database bouncer)
db=${direct_url##*/}
rest=${direct_url#postgresql://}
pg_host_port=${rest#*@}
pg_host_port=${pg_host_port%%/*}
pg_role=${rest%%@*}
DATABASE_URL=$direct_url "$BIN" migrate up >/dev/null || fail "migrate failed"
password="a long enough password"
DATABASE_URL=$direct_url "$BIN" create-user --org "Bouncer Builders" --email pm@example.com \
  --role owner --password-stdin <<<"$password" >/dev/null || fail "create-user failed"

bouncer=$TMP/pgbouncer
mkdir -p "$bouncer"
as_bouncer=()
if [ "$(id -u)" -eq 0 ]; then  # PgBouncer refuses to run as root
  chown postgres "$bouncer"
  as_bouncer=(setpriv --reuid=postgres --regid=postgres --init-groups)
fi
bouncer_port=$(free_port)
cat >"$bouncer/pgbouncer.ini" <<INI
[databases]
$db = host=${pg_host_port%:*} port=${pg_host_port##*:} dbname=$db
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $bouncer/userlist.txt
pool_mode = transaction
default_pool_size = 2
max_client_conn = 200
logfile = $bouncer/pgbouncer.log
pidfile = $bouncer/pgbouncer.pid
INI
echo "\"$pg_role\" \"\"" >"$bouncer/userlist.txt"
start_bg pgbouncer "${as_bouncer[@]}" "$PGBOUNCER" "$bouncer/pgbouncer.ini"
bouncer_url="postgresql://$pg_role@127.0.0.1:$bouncer_port/$db"
wait_until 60 psql -X -At "$bouncer_url" -c "SELECT 1" || fail "PgBouncer did not answer"

port=$(free_port)
base=http://127.0.0.1:$port
start_bg server env DATABASE_URL="$bouncer_url" DB_PREPARED_STATEMENTS=off APP_ENV=development \
  "$BIN" serve -b "127.0.0.1:$port" -w 2
wait_serving "$base/health" || fail "the server did not start"
[[ $(curl -fsS "$base/ready") == *'"database":"ok"'* ]] || fail "/ready through PgBouncer: $(curl -sS "$base/ready")"

# call METHOD PATH [JSON]: the body, after checking a 2xx status.
call() {
  local out status
  out=$(curl -sS -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer ${token:-}" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2")
  status=${out##*$'\n'}
  [[ $status == 2?? ]] || fail "$1 $2 answered $status: ${out%$'\n'*}"
  echo "${out%$'\n'*}"
}
# The first value of field $1 in the JSON on stdin.
field() {
  local found
  found=$(grep -o "\"$1\":\"\?[^\",}]*") || return 0
  found=${found%%$'\n'*}
  found=${found#*:}
  echo "${found#\"}"
}

token=
token=$(call POST /api/v1/auth/tokens "{\"email\":\"pm@example.com\",\"password\":\"$password\"}" | field token)
[[ $token == cst_* ]] || fail "no token from the login"
client=$(call POST /api/v1/parties '{"kind":"client","name":"Ada Smith","email":"ada@example.com"}' | field id)
for n in 1 2 3 4 5 6; do
  project=$(call POST /api/v1/projects "{\"number\":\"2026-10$n\",\"name\":\"Job $n\",\"client_id\":$client}" | field id)
  estimate=$(call POST "/api/v1/projects/$project/estimates" '{"title":"Base bid","tax_bps":825}' | field id)
  call POST "/api/v1/estimates/$estimate/lines" '{"cost_code":"09-250","cost_type":"labor","description":"Hang drywall","quantity":12.5,"unit":"hr","unit_cost_cents":4500,"markup_bps":3500}' >/dev/null
  call POST "/api/v1/estimates/$estimate/send" >/dev/null
  status=$(call POST "/api/v1/estimates/$estimate/accept" | field status)
  [ "$status" = accepted ] || fail "estimate $estimate is '$status' after accept"
done
listed=$(call GET /api/v1/projects | grep -o '"number":"2026-10[0-9]"' | wc -l)
[ "$listed" -eq 6 ] || fail "the project list shows $listed of 6 projects"
! grep -Ei 'prepared statement|error' "$TMP/server.log" | grep -v '"GET\|"POST' ||
  fail "the server logged errors through PgBouncer"
servers=$(psql -X -At "postgresql://$pg_role@$pg_host_port/$db" -c \
  "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()")
note "API flow through PgBouncer (transaction mode): 6 projects, 6 estimates accepted; $servers server connections for 2 workers"
