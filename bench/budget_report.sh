#!/usr/bin/env bash
# Issue 13 ("Done when" 4): the budget-vs-actual report of the demo office
# fit-out, JSON, on one pinned core.
#
#   bench/budget_report.sh [--build DIR] [--duration S] [--conns N] [--no-results]
#
# DIR: a build with the `construction` binary (default build-release, made
# with `deploy/image.sh build` when absent). PostgreSQL: a private cluster
# (scripts/pg-cluster.sh, fsync on) in a temp dir on a free port, removed at
# the end, seeded with `construction seed-demo`.
#
# Pinning as bench/pages_billing.sh: the server (master and 2 workers) under
# `taskset -c 1`, wrk and PostgreSQL under `taskset -c 0`. One run: wrk -t1
# -cN (keep-alive) for $duration s after a 1 s warm-up; requests/s; the
# workers' CPU per request from schedstat (ns) divided by wrk's requests;
# every access-log status of the run must be 200. Round trips: log_statement
# = all for a 2 s run, statements sent divided by requests.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=budget_report.sh

build=$repo/build-release
duration=8
conns=16
write_results=1
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "budget_report.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
need_tools wrk curl taskset psql pgrep strace
[ "$(nproc)" -ge 2 ] || die "two cores are needed (server on core 1, wrk and PostgreSQL on core 0)"
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction
commit=$(git -C "$repo" rev-parse --short HEAD)
dirty=""
if [ -n "$(git -C "$repo" status --porcelain -- . ':!bench' 2>/dev/null)" ]; then
  dirty=" + uncommitted changes"
fi

start_demo_database "$bin"
project=$(sql -c "SELECT id FROM projects WHERE org_id = $demo_org AND number = '2026-021'")
sql -c "ANALYZE"

p=$(free_port)
port[ours]=$p
errlog[ours]="$tmp/ours-error.log"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start ours -- taskset -c 1 "$bin" serve -b "127.0.0.1:$p" -w 2 --keep-alive 5 \
  --access-logfile "$tmp/ours-access.log" --error-logfile "${errlog[ours]}"
wait_answer ours /ready '{"database":"ok"}'

path=/api/v1/projects/$project/budget
auth=(-H "Authorization: Bearer $token")
body=$(curl -fsS --max-time 5 "${auth[@]}" "http://127.0.0.1:$p$path")
grep -q '"profit"' <<<"$body" || die "GET $path has no profit block"
lines=$("$python" -c 'import json, sys; print(len(json.load(sys.stdin)["lines"]))' <<<"$body")

url="http://127.0.0.1:$p$path"
taskset -c 0 wrk -t1 -c"$conns" -d1s "${auth[@]}" "$url" >/dev/null
mapfile -t workers < <(pgrep -P "${master[ours]}" | sort -n)
[ "${#workers[@]}" = 2 ] || die "the server has ${#workers[@]} workers, 2 expected"
lines0=$(wc -l <"$tmp/ours-access.log")
s0=0; for w in "${workers[@]}"; do s0=$((s0 + $(sched_ns "$w"))); done
e0=$(date +%s%N)
taskset -c 0 wrk -t1 -c"$conns" -d"${duration}s" --latency "${auth[@]}" "$url" >"$tmp/wrk.txt"
s1=0; for w in "${workers[@]}"; do s1=$((s1 + $(sched_ns "$w"))); done
e1=$(date +%s%N)
sleep 0.2
n=$(awk '/requests in/ { print $1 }' "$tmp/wrk.txt")
rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$tmp/wrk.txt")
p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$tmp/wrk.txt")")
p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$tmp/wrk.txt")")
cpu=$(awk -v s="$((s1 - s0))" -v n="$n" 'BEGIN { printf "%.0f", s / 1e3 / (n ? n : 1) }')
cores=$(awk -v s="$((s1 - s0))" -v e="$((e1 - e0))" 'BEGIN { printf "%.2f", s / e }')
statuses=$(tail -n +"$((lines0 + 1))" "$tmp/ours-access.log" | awk -F'"' '{ split($3, w, " "); c[w[1]]++ }
  END { for (s in c) printf "%s%s×%d", (k++ ? ", " : ""), s, c[s] }')
log "GET $path: $rps req/s, worker CPU $cpu µs/req; statuses $statuses"

log "counting statements per request (log_statement = all)"
superuser -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
count_round_trips "GET /api/v1/projects/{id}/budget" ours "$path" "${auth[@]}"
superuser -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
check_error_logs ours

report=$tmp/report.md
{
  echo "| route | budget lines | JSON bytes | req/s | p50 ms | p99 ms | worker CPU µs/req (schedstat) | worker cores | statuses (access log) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| GET /api/v1/projects/{office fit-out}/budget | $lines | ${#body} | $rps | $p50 | $p99 | $cpu | $cores | $statuses |"
  echo
  echo "Statements and round trips to PostgreSQL per request (statements logged with"
  echo "log_statement = all during a 2 s wrk run, 4 connections, ÷ requests; round trips: the"
  echo "workers' sendto() calls carrying PostgreSQL protocol in the same run, from strace):"
  echo
  echo "| route | requests | statements | statements per request | round trips per request | statements per request, by text |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${round_trips[@]}"
  echo
  problems_line
} >"$report"
cat "$report"

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — budget report, pinned, commit $commit$dirty"
    echo
    echo "\`bench/budget_report.sh $args_given\` (build \`$(basename "$build")\`):"
    echo "server \`taskset -c 1 construction serve -w 2 --keep-alive 5 --access-logfile FILE\`;"
    echo "\`taskset -c 0 wrk -t1 -c$conns -d${duration}s --latency\` (keep-alive) after a 1 s warm-up;"
    echo "PostgreSQL $pg_version on core 0 too (private cluster, fsync on), \`seed-demo\` data."
    machine_line | sed 's/; wrk shares the cores with the servers\./; server on core 1, wrk and PostgreSQL on core 0./'
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
