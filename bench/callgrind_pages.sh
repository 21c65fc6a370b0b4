#!/usr/bin/env bash
# Instructions a request, by route, for one or more builds: the steady figure
# beside pages_billing.sh's worker CPU, which on this shared VM swings by a
# third between runs of the same binary. callgrind counts instructions, not
# time, so the same binary on the same data gives the same count whatever
# else the machine is doing.
#
#   bench/callgrind_pages.sh [--requests N] BUILD_DIR...
#
# For each build: a private PostgreSQL (scripts/pg-cluster.sh) migrated and
# seeded by that build's own binary (`seed-demo`, then 48 more active
# projects, as pages_billing.sh's second round), one worker under
# `valgrind --tool=callgrind`, logged in as the demo owner; per route, 10
# requests to warm up, the worker's counters zeroed (callgrind_control -z),
# N requests (default 100) with curl, the counters dumped; the table gives
# the worker's instructions ÷ N.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
requests=100
if [ "${1:-}" = --requests ]; then requests=$2; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
for tool in valgrind callgrind_control curl psql; do
  command -v "$tool" >/dev/null || { echo "callgrind_pages.sh: needs $tool" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/callgrind-pages.XXXXXX)
chmod 755 "$tmp"  # the cluster runs as postgres when we are root
server_pid=
pgdir=
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$pgdir" ] && "$repo/scripts/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

routes=("/api/v1/projects" "/" "/projects" "/projects/2" "/projects/2/budget" "/pay-applications/2")
declare -A count
for build in "$@"; do
  bin=$(realpath "$build")/construction
  name=$(basename "$(realpath "$build")")
  pgdir=$tmp/pg-$name
  DATABASE_URL=$("$repo/scripts/pg-cluster.sh" start "$pgdir" "$(free_port)" --throwaway 2>/dev/null)
  export DATABASE_URL APP_ENV=development
  "$bin" migrate up >/dev/null
  "$bin" seed-demo >/dev/null
  token=$("$bin" create-token --email demo@example.com 2>/dev/null)
  org=$(psql -X -At "$DATABASE_URL" -c "SELECT org_id FROM users WHERE email = 'demo@example.com'")
  psql -X -q -At "$DATABASE_URL" >/dev/null <<SQL
INSERT INTO projects (org_id, number, name, client_id, site_address, status, contract_type,
                      retainage_work_bps, retainage_stored_bps, start_date, completion_date,
                      original_contract_sum_cents)
SELECT $org, 'B-' || lpad(g::text, 3, '0'), 'Project ' || g || ' — "Élan" tower', NULL,
       g || ' High Street, Leeds LS1 ' || g || 'AB', 'active',
       CASE WHEN g % 2 = 0 THEN 'cost_plus' ELSE 'fixed_price' END, 500 + g, 1000,
       CASE WHEN g % 4 <> 0 THEN date '2027-01-01' + g END,
       CASE WHEN g % 4 <> 0 THEN date '2027-06-01' + g END, 123456789 + g
FROM generate_series(1, 48) g;
ANALYZE projects;
SQL
  port=$(free_port)
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$tmp/cg.$name.%p" \
    "$bin" serve -w 1 -b "127.0.0.1:$port" --timeout 600 >"$tmp/server-$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  worker=$(pgrep -P "$server_pid" -f "memcheck|callgrind|construction" | head -1)
  [ -n "$worker" ] || { echo "no worker under $server_pid" >&2; cat "$tmp/server-$name.log" >&2; exit 1; }
  jar=$tmp/jar-$name
  csrf=$(curl -fsS -c "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode email=demo@example.com \
    --data-urlencode password=demo --data-urlencode "csrf_token=$csrf" "http://127.0.0.1:$port/login"
  for route in "${routes[@]}"; do
    auth=(-b "$jar")
    [[ $route == /api/* ]] && auth=(-H "Authorization: Bearer $token")
    urls=()
    for _ in $(seq 10); do urls+=("http://127.0.0.1:$port$route"); done
    curl -fsS "${auth[@]}" "${urls[@]}" >/dev/null
    callgrind_control -z "$worker" >/dev/null 2>&1
    urls=()
    for _ in $(seq "$requests"); do urls+=("http://127.0.0.1:$port$route"); done
    curl -fsS "${auth[@]}" "${urls[@]}" >/dev/null
    rm -f "$tmp/cg.$name.$worker".*
    callgrind_control -d "$worker" >/dev/null 2>&1
    dump=$(ls -t "$tmp/cg.$name.$worker".* | head -1)
    total=$(awk '/^(summary|totals):/ { print $2; exit }' "$dump")
    count[$name$route]=$((total / requests))
  done
  kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  "$repo/scripts/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1; pgdir=
done

printf '| route (50 active projects, demo owner) |'
for build in "$@"; do printf ' %s |' "$(basename "$(realpath "$build")")"; done
printf '\n|---|'; for _ in "$@"; do printf -- '---|'; done; printf '\n'
for route in "${routes[@]}"; do
  printf '| GET %s |' "$route"
  for build in "$@"; do printf ' %s |' "${count[$(basename "$(realpath "$build")")$route]}"; done
  printf '\n'
done
echo
echo "instructions a request in the worker (callgrind, $requests requests after 10 to warm up, curl, one connection each)"
