#!/usr/bin/env bash
# Issue 9 ("Done when" 6), issue 10 ("Done when" 4), issue 12 ("Done when" 4)
# and issue 13 ("Done when" 4): the billing reads, the budget report and the
# logged-in pages of the demo organisation, on one pinned core.
#
#   bench/pages_billing.sh [--build DIR] [--duration S] [--conns N] [--no-peer]
#                          [--no-results]
#
# DIR: a Release build (default build-release, made with `deploy/image.sh
# build` when absent). PostgreSQL: a private cluster (scripts/pg-cluster.sh,
# fsync on) in a temp dir on a free port, removed at the end, seeded with
# `construction seed-demo`.
#
# Pinning: the server under test (master and its 2 workers) runs under
# `taskset -c 1`; wrk and PostgreSQL (postmaster, so every backend) under
# `taskset -c 0`. Per run: wrk -t1 -cN (keep-alive) for $duration s after a
# 1 s warm-up; requests/s; the workers' CPU per request from /proc/PID/stat
# (utime + stime deltas of both workers, in clock ticks) divided by wrk's
# request count, with the same from schedstat (exact, ns) beside it; the
# statuses of the run's lines in the access log (every one must be 200:
# wrk counts a 303 to /login as a success).
#
# Routes, in two rounds: the demo data as seeded (2 projects), then with 48
# more active projects in the demo organisation (50: the size of a page)
#   GET /api/v1/pay-applications/{id}  a 12-line application (a job made for the run)
#   GET /api/v1/projects               Bearer token of the demo owner, with financials
#   GET /                              the dashboard, logged in (session cookie)
#   GET /projects                      the projects page, logged in
#   GET /pay-applications/{id}         its page (first round only)
#   GET /projects/{id}                 the page of the demo's office fit-out (first round only)
#   GET /api/v1/projects/{id}/budget   the fit-out's budget report, JSON (first round only)
#   GET /projects/{id}/budget          its Budget tab (first round only)
# and the peer (bench/peer/db_app.py, FastAPI + SQLAlchemy, 2 workers, pinned
# the same way) listing the same 50 projects without financials.
#
# Round trips to PostgreSQL per request: after the timed runs, log_statement
# = all is switched on (ALTER SYSTEM as the cluster's superuser, reload), wrk
# runs 2 s per route, and the statements the server's connections sent
# (`LOG:  statement:` / `LOG:  execute`) are divided by the requests; the
# round trips are the workers' sends to PostgreSQL in the same run (strace):
# statements fetched together (sql/query.hpp) share one.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=pages_billing.sh

build=$repo/build-release
duration=8
conns=16
with_peer=1
write_results=1
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --no-peer) with_peer=0; shift ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "pages_billing.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
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

# ---- PostgreSQL on core 0 ---------------------------------------------------
start_demo_database "$bin"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in bench/peer
fitout=$(sql -c "SELECT id FROM projects WHERE org_id = $demo_org AND number = '2026-021'")
[ -n "$fitout" ] || die "the demo has no office fit-out (2026-021)"
sql -c "ANALYZE" 2>/dev/null  # (the catalogs are the superuser's: only warnings)

# ---- servers on core 1 ------------------------------------------------------
start_ours() {
  local p
  p=$(free_port)
  port[ours]=$p
  errlog[ours]="$tmp/ours-error.log"
  start ours -- taskset -c 1 "$bin" serve -b "127.0.0.1:$p" -w 2 --keep-alive 5 \
    --access-logfile "$tmp/ours-access.log" --error-logfile "${errlog[ours]}"
  wait_answer ours /ready '{"database":"ok"}'
}
start_peer() {
  local p
  p=$(free_port)
  port[peer]=$p
  errlog[peer]="$tmp/peer-error.log"
  start peer -- taskset -c 1 "$gunicorn" --chdir "$here/peer" \
    -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:$p" --keep-alive 5 \
    --access-logfile "$tmp/peer-access.log" --error-logfile "${errlog[peer]}" db_app:app
  wait_answer peer /ready '{"database":"ok"}'
}
peer_key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_pages_peer() {
  local p
  p=$(free_port)
  port[peer-pages]=$p
  errlog[peer-pages]="$tmp/peer-pages-error.log"
  start peer-pages -- taskset -c 1 env SECRET_KEY="$peer_key" "$gunicorn" --chdir "$here/peer" \
    -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:$p" --keep-alive 5 \
    --access-logfile "$tmp/peer-pages-access.log" --error-logfile "${errlog[peer-pages]}" pages_app:app
  wait_answer peer-pages /ready
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_ours
if [ "$with_peer" = 1 ]; then
  "$python" -c 'import fastapi, uvicorn, sqlalchemy, psycopg2' 2>/dev/null ||
    die "the peer needs python3-fastapi, python3-uvicorn, python3-sqlalchemy, python3-psycopg2"
  start_peer
  if "$python" -c 'import jinja2' 2>/dev/null; then
    start_pages_peer
  else
    log "no python3-jinja2: the pages' peer is left out"
  fi
fi

# ---- a logged-in session ----------------------------------------------------
# GET /login (a session cookie and its CSRF token in the form), POST /login:
# 303 to / and the logged-in session's cookie. Done before each page run: a
# session seen more than 60 s ago is re-signed on every response.
session=""
log_in() {
  local jar=$tmp/cookies.txt page csrf code
  rm -f "$jar"
  page=$(curl -fsS -c "$jar" "http://127.0.0.1:${port[ours]}/login")
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  [ -n "$csrf" ] || die "no CSRF token in the login page"
  code=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" \
    --data-urlencode "email=demo@example.com" --data-urlencode "password=demo" \
    --data-urlencode "csrf_token=$csrf" "http://127.0.0.1:${port[ours]}/login")
  case "$code" in "303 "*/) ;; *) die "POST /login answered $code, not 303 to /" ;; esac
  session=$(awk '$6 == "session" { print $7 }' "$jar")
  [ -n "$session" ] || die "no session cookie after logging in"
}

# ---- measuring --------------------------------------------------------------
stat_sum() {  # EXPR PID... -> EXPR over each /proc/PID/stat (fields after the name), summed
  local expr=$1 pid files=()
  shift
  for pid in "$@"; do files+=("/proc/$pid/stat"); done
  awk '{ sub(/.*\) /, ""); t += '"$expr"' } END { print t + 0 }' "${files[@]}"
}
ticks_of() { stat_sum '$12 + $13' "$@"; }  # PID... -> utime + stime, clock ticks
faults_of() { stat_sum '$8' "$@"; }        # PID... -> minor page faults (minflt)
sched_of() {  # PID... -> ns on CPU (schedstat), summed
  local pid t=0
  for pid in "$@"; do t=$((t + $(sched_ns "$pid"))); done
  echo "$t"
}
core_busy_ns() {  # CORE -> busy ns of that core since boot
  awk -v c="cpu$1" -v hz="$(getconf CLK_TCK)" '$1 == c { printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) / hz * 1e9 }' /proc/stat
}
access_statuses() {  # LOG FROM-LINE -> "200×N, 303×M" of the lines after FROM-LINE
  # the status is the first word after the quoted request line, in both formats
  tail -n +"$(($2 + 1))" "$1" | awk -F'"' '{ split($3, w, " "); n[w[1]]++ }
    END { for (s in n) printf "%s%s×%d", (k++ ? ", " : ""), s, n[s] }'
}

hz=$(getconf CLK_TCK)
rows=()
declare -A rps_of cpu_of
# run LABEL NAME PATH [WRK ARG...]: warm-up, timed run, one table row.
run() {
  local label=$1 name=$2 path=$3 url out workers lines0 t0 t1 s0 s1 c0 c1 m0 m1 e0 e1 f0 f1
  shift 3
  url="http://127.0.0.1:${port[$name]}$path"
  taskset -c 0 wrk -t1 -c"$conns" -d1s "$@" "$url" >/dev/null
  mapfile -t workers < <(pgrep -P "${master[$name]}" | sort -n)
  [ "${#workers[@]}" = 2 ] || die "$name has ${#workers[@]} workers, 2 expected"
  out="$tmp/wrk-${label//[^A-Za-z0-9_-]/_}.txt"
  lines0=$(wc -l <"$tmp/$name-access.log")
  t0=$(ticks_of "${workers[@]}"); s0=$(sched_of "${workers[@]}"); f0=$(faults_of "${workers[@]}")
  m0=$(sched_of "${master[$name]}"); c0=$(core_busy_ns 1); e0=$(date +%s%N)
  taskset -c 0 wrk -t1 -c"$conns" -d"${duration}s" --latency "$@" "$url" >"$out"
  t1=$(ticks_of "${workers[@]}"); s1=$(sched_of "${workers[@]}"); f1=$(faults_of "${workers[@]}")
  m1=$(sched_of "${master[$name]}"); c1=$(core_busy_ns 1); e1=$(date +%s%N)
  local after
  after=$(pgrep -P "${master[$name]}" | sort -n | tr '\n' ' ')
  [ "$after" = "${workers[*]} " ] || die "$name's workers changed during the run (a worker died?)"
  sleep 0.2
  local n r p50 p99 statuses row
  n=$(awk '/requests in/ { print $1 }' "$out")
  r=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  statuses=$(access_statuses "$tmp/$name-access.log" "$lines0")
  row=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v s="$((s1 - s0))" -v m="$((m1 - m0))" \
    -v c="$((c1 - c0))" -v e="$((e1 - e0))" -v n="$n" -v f="$((f1 - f0))" 'BEGIN {
      if (n == 0) n = 1
      printf "%.0f | %.0f | %.1f | %.2f / %.2f | %.2f", t / hz * 1e6 / n, s / 1e3 / n, m / 1e3 / n,
        s / e, c / e, f / n }')
  rps_of[$label]=$r
  cpu_of[$label]=${row%% *}
  rows+=("| $label | $r | $p50 | $p99 | $row | $statuses |")
  log "$label: $r req/s, worker CPU $row; statuses $statuses"
}

# rows as: label | req/s | p50 | p99 | worker µs/req (stat) | worker µs/req (schedstat)
#          | master µs/req | cores: workers / core 1 busy | worker page faults/req | statuses

auth=(-H "Authorization: Bearer $token")
api() { curl -fsS --max-time 5 "${auth[@]}" "http://127.0.0.1:${port[$1]}$2"; }
check_page() {  # PATH WHAT: 200 with the page's content for the session
  local body
  body=$(curl -fsS --max-time 5 -H "Cookie: session=$session" "http://127.0.0.1:${port[ours]}$1")
  grep -q "$2" <<<"$body" || die "GET $1 with the session does not show \"$2\""
  echo "$body"
}
count_items() { "$python" -c 'import json, sys; print(len(json.load(sys.stdin)["data"]))'; }

# A pay application of 12 lines (bench/twelve_trades.sh).
post() {  # PATH JSON -> the answer's body; anything but 2xx stops the run
  curl -fsS --max-time 5 "${auth[@]}" -H 'Content-Type: application/json' -X "${3:-POST}" \
    --data "$2" "http://127.0.0.1:${port[ours]}$1"
}
id_of() { "$python" -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
source "$here/twelve_trades.sh"
pay_app=$(twelve_trades_pay_application)
pay_body=$(api ours "/api/v1/pay-applications/$pay_app")
pay_lines=$("$python" -c 'import json, sys; print(len(json.load(sys.stdin)["lines"]))' <<<"$pay_body")
[ "$pay_lines" = 12 ] || die "the pay application has $pay_lines lines, 12 expected"
pay_bytes=${#pay_body}

declare -A sizes
peer_session=""
if [ -n "${port[peer-pages]:-}" ]; then
  demo_user=$(sql -c "SELECT id FROM users WHERE email = 'demo@example.com'")
  peer_session=$(cd "$here/peer" && SECRET_KEY=$peer_key "$python" pages_app.py cookie "$demo_user" "$demo_org")
fi
# peer_page ROUND PATH LABEL OURS: the pages' peer renders the same page in the
# same round; the run stops unless its <main> shows what ours (OURS, the HTML)
# shows (bench/peer/compare_pages.py: text, figures, links, rows, in order).
peer_page() {
  local body
  [ -n "$peer_session" ] || return 0
  body=$(curl -fsS --max-time 5 -H "Cookie: session=$peer_session" "http://127.0.0.1:${port[peer-pages]}$2")
  grep -q '<h1>' <<<"$body" || die "the pages' peer does not answer GET $2 with a page"
  printf '%s' "$4" >"$tmp/ours-page.html"
  printf '%s' "$body" >"$tmp/peer-page.html"
  "$python" "$here/peer/compare_pages.py" "$tmp/ours-page.html" "$tmp/peer-page.html" >&2 ||
    die "the pages' peer does not render GET $2 as ours does ($1; the difference above)"
  sizes[peer/$1$2]="$(grep -o '<tr' <<<"$body" | wc -l) table rows, ${#body} bytes"
  run "peer GET $2 ($3, Jinja2), $1" peer-pages "$2" -H "Cookie: session=$peer_session"
}
round() {  # ROUND-NAME
  local r=$1 body
  body=$(api ours /api/v1/projects)
  sizes[$r/projects]="$(count_items <<<"$body") projects, ${#body} bytes"
  grep -q '"financials"' <<<"$body" || die "GET /api/v1/projects has no financials"
  [ "$r" = seeded ] && run "GET /api/v1/pay-applications/$pay_app ($pay_lines lines)" ours \
    "/api/v1/pay-applications/$pay_app" "${auth[@]}"
  run "GET /api/v1/projects, $r" ours /api/v1/projects "${auth[@]}"
  log_in
  body=$(check_page / "Dashboard")
  sizes[$r/dashboard]="$(grep -o '<tr' <<<"$body" | wc -l) table rows, ${#body} bytes"
  run "GET / (dashboard), $r" ours / -H "Cookie: session=$session"
  peer_page "$r" / dashboard "$body"
  if [ "$r" = seeded ]; then
    log_in
    check_page "/pay-applications/$pay_app" "G702" >/dev/null
    run "GET /pay-applications/$pay_app (page, $pay_lines lines)" ours "/pay-applications/$pay_app" \
      -H "Cookie: session=$session"
    log_in
    check_page "/projects/$fitout" "Contract sum to date" >/dev/null
    run "GET /projects/$fitout (page of the fit-out, Estimates tab)" ours "/projects/$fitout" \
      -H "Cookie: session=$session"
    run "GET /api/v1/projects/$fitout/budget (the fit-out's budget report)" ours \
      "/api/v1/projects/$fitout/budget" "${auth[@]}"
    log_in
    check_page "/projects/$fitout/budget" "Projected profit" >/dev/null
    run "GET /projects/$fitout/budget (page, Budget tab)" ours "/projects/$fitout/budget" \
      -H "Cookie: session=$session"
  fi
  log_in
  body=$(check_page /projects "Projects")
  sizes[$r/projects-page]="$(grep -o '<tr' <<<"$body" | wc -l) table rows, ${#body} bytes"
  run "GET /projects (page), $r" ours /projects -H "Cookie: session=$session"
  peer_page "$r" /projects "projects page" "$body"
}

log "round 1: the demo as seeded"
round seeded

log "adding 48 active projects to the demo organisation (50 in all)"
add_active_projects 48
round "50 projects"

peer_note=""
if [ "$with_peer" = 1 ]; then
  peer_body=$(api peer /api/v1/projects)
  peer_count=$(count_items <<<"$peer_body")
  [ "$peer_count" = 50 ] || die "the peer lists $peer_count projects, 50 expected"
  peer_note="the peer lists the same 50 projects without financials (${#peer_body} bytes)"
  run "peer GET /api/v1/projects (no financials), 50 projects" peer /api/v1/projects "${auth[@]}"
  if [ -n "$peer_session" ]; then
    peer_note+="; the pages' peer (bench/peer/pages_app.py, Jinja2) renders, with 50 projects, the dashboard in ${sizes[peer/50 projects/]} and the projects page in ${sizes[peer/50 projects/projects]}"
  fi
fi

log "counting statements per request (log_statement = all)"
superuser -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
count_round_trips "GET /api/v1/pay-applications/{id}" ours "/api/v1/pay-applications/$pay_app" "${auth[@]}"
count_round_trips "GET /api/v1/projects (50)" ours /api/v1/projects "${auth[@]}"
log_in
count_round_trips "GET / (dashboard)" ours / -H "Cookie: session=$session"
count_round_trips "GET /projects (page)" ours /projects -H "Cookie: session=$session"
count_round_trips "GET /pay-applications/{id} (page)" ours "/pay-applications/$pay_app" -H "Cookie: session=$session"
count_round_trips "GET /projects/{id} (page)" ours "/projects/$fitout" -H "Cookie: session=$session"
count_round_trips "GET /api/v1/projects/{id}/budget" ours "/api/v1/projects/$fitout/budget" "${auth[@]}"
count_round_trips "GET /projects/{id}/budget (page)" ours "/projects/$fitout/budget" -H "Cookie: session=$session"
superuser -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null

check_error_logs ours peer peer-pages

# ---- report -----------------------------------------------------------------
report=$tmp/report.md
{
  echo "| route | req/s | p50 ms | p99 ms | worker CPU µs/req (stat) | worker CPU µs/req (schedstat) | master µs/req | cores: workers / core 1 busy | worker page faults/req | statuses (access log) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "worker CPU µs/req (stat): utime + stime of the 2 workers (/proc/PID/stat, ticks of"
  echo "$((1000000 / hz)) µs) over the run ÷ wrk's requests; (schedstat): the same from"
  echo "/proc/PID/task/*/schedstat (ns). cores: the workers' CPU over the run's wall time, and how"
  echo "busy core 1 was (the server's core: above the workers' share means the master or"
  echo "another process ran there). Page faults: the workers' minor faults (/proc/PID/stat"
  echo "minflt) over the run ÷ requests; a worker that keeps its heap faults none."
  echo
  echo "Statements and round trips to PostgreSQL per request (statements logged with"
  echo "log_statement = all during a 2 s wrk run, 4 connections, ÷ requests; round trips: the"
  echo "workers' sendto() calls carrying PostgreSQL protocol in the same run, from strace, ÷"
  echo "requests; statements fetched together go in one pipeline, one round trip):"
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
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — billing reads and pages, pinned, commit $commit$dirty"
    echo
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
    echo "\`bench/pages_billing.sh $args_given\` (${build_type:-unknown} build \`$(basename "$build")\`):"
    echo "server \`taskset -c 1 construction serve -w 2 --keep-alive 5 --access-logfile FILE\`;"
    echo "\`taskset -c 0 wrk -t1 -c$conns -d${duration}s --latency\` (keep-alive) after a 1 s warm-up;"
    echo "PostgreSQL $pg_version on core 0 too (private cluster, fsync on), \`seed-demo\` data."
    echo "Pay application $pay_app: the first of a job of 12 cost codes made for the run ($pay_lines lines, every one billed, three with stored materials; $pay_bytes bytes of JSON). Project and budget pages: the demo's office fit-out (2026-021)."
    echo "Sizes: seeded: API list ${sizes[seeded/projects]}; dashboard ${sizes[seeded/dashboard]};"
    echo "projects page ${sizes[seeded/projects-page]}. With 48 more active projects: API list"
    echo "${sizes[50 projects/projects]}; dashboard ${sizes[50 projects/dashboard]}; projects page ${sizes[50 projects/projects-page]}."
    if [ -n "$peer_note" ]; then
      echo "Peer: \`taskset -c 1 gunicorn -k uvicorn.workers.UvicornWorker -w 2 db_app:app\` ($("$gunicorn" --version 2>&1)); $peer_note."
    fi
    machine_line | sed 's/; wrk shares the cores with the servers\./; server on core 1, wrk and PostgreSQL on core 0./'
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
