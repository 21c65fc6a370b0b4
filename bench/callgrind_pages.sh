#!/usr/bin/env bash
# Instructions a request, by route, for one or more builds: the steady figure
# beside pages_billing.sh's worker CPU, which on this shared VM swings by a
# third between runs of the same binary. callgrind counts instructions, not
# time, so the same binary on the same data gives the same count whatever
# else the machine is doing.
#
#   bench/callgrind_pages.sh [--requests N] BUILD_DIR...
#
# For each build, in a run of its own: the demo on a private PostgreSQL
# migrated and seeded by that build's binary (lib.sh start_demo_database),
# 48 more active projects (as pages_billing.sh's second round), one worker
# under `valgrind --tool=callgrind`, logged in as the demo owner; per route,
# 10 requests to warm up, the worker's counters zeroed (callgrind_control
# -z), N requests (default 100) with curl, the counters dumped; the table
# gives the worker's instructions ÷ N, a column per build.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=callgrind_pages.sh
requests=100
if [ "${1:-}" = --requests ]; then requests=$2; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
routes=("/api/v1/projects" "/" "/projects" "/projects/2" "/projects/2/budget" "/pay-applications/2")

# One build: "ROUTE COUNT" lines on stdout.
measure_build() {
  # shellcheck source=bench/lib.sh
  . "$here/lib.sh"
  need_tools valgrind callgrind_control curl psql
  local bin=$1/construction port jar csrf worker route auth urls dump total
  start_demo_database "$bin"
  add_active_projects 48
  port=$(free_port)
  start ours -- valgrind --tool=callgrind --trace-children=yes \
    --callgrind-out-file="$tmp/cg.%p" "$bin" serve -w 1 -b "127.0.0.1:$port" --timeout 600
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  worker=$(pgrep -P "${master[ours]}" | head -1)
  [ -n "$worker" ] || die "no worker"
  jar=$tmp/cookies.txt
  csrf=$(curl -fsS -c "$jar" "http://127.0.0.1:$port/login" |
    grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
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
    rm -f "$tmp/cg.$worker".*
    callgrind_control -d "$worker" >/dev/null 2>&1
    dump=$(ls -t "$tmp/cg.$worker".* | head -1)
    total=$(awk '/^(summary|totals):/ { print $2; exit }' "$dump")
    echo "$route $((total / requests))"
  done
}

if [ "${1:-}" = --one ]; then
  measure_build "$(realpath "$2")"
  exit 0
fi

declare -A count
for build in "$@"; do
  while read -r route n; do count[$build$route]=$n; done < <("$0" --requests "$requests" --one "$build")
done
printf '| route (50 active projects, demo owner) |'
for build in "$@"; do printf ' %s |' "$build"; done
printf '\n|---|'
for _ in "$@"; do printf -- '---|'; done
printf '\n'
for route in "${routes[@]}"; do
  printf '| GET %s |' "$route"
  for build in "$@"; do printf ' %s |' "${count[$build$route]:-?}"; done
  printf '\n'
done
echo
echo "instructions a request in the worker (callgrind; $requests requests after 10 to warm up, curl, a connection each)"
