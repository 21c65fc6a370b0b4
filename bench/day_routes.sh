#!/usr/bin/env bash
# Issue 24: each route of the day-of-traffic mix alone, ours and the seed's
# stack (bench/peer/day_app.py) on the same data, on one pinned core.
#
#   bench/day_routes.sh [--build DIR] [--factor N] [--duration S] [--conns N]
#                       [--no-results]
#
# DIR: a Release build (default build-release, made with `deploy/image.sh
# build` when absent). PostgreSQL: a private cluster (scripts/pg-cluster.sh,
# fsync on) on a free port, removed at the end, seeded with `construction
# seed-scale --factor N` (default 1) when the build has it, else `seed-demo`.
#
# Servers: ours (`construction serve -w 2 --keep-alive 5`) and the peer
# (Debian's gunicorn, uvicorn workers, `-w 2 --keep-alive 5`, day_app:app),
# both under `taskset -c 1`; wrk and PostgreSQL on core 0. Ids: the seeded
# organisation's active project with the most vendor bills, its estimate
# nearest 50 lines, its latest pay application, a word of a project's name for
# the search; a draft estimate made for each server's line writes (each run
# adds its lines to its own).
#
# First bench/peer/compare_day.py checks that each peer route shows what ours
# shows for those ids (the run stops otherwise). Then per route and server:
# wrk -t1 -cN for 1 s (warm-up) and $duration s, keep-alive; requests/s, p50
# and p99 (wrk's, from the send of each request: a closed loop, no
# coordinated-omission correction: bench/ has the day's open-loop driver for
# that), non-2xx answers, and the server's CPU per request (utime + stime of
# its master and workers from /proc/PID/stat, which keeps the time of exited
# threads, ÷ requests). Writes: bench/day_writes.lua, one new row
# per request.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=day_routes.sh

build=$repo/build-release
factor=1
duration=5
conns=8
write_results=1
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --factor) factor=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "day_routes.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
need_tools wrk curl taskset psql pdftotext
[ "$(nproc)" -ge 2 ] || die "two cores are needed (servers on core 1, wrk and PostgreSQL on core 0)"
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction
commit=$(git -C "$repo" rev-parse --short HEAD)
"$python" -c 'import fastapi, uvicorn, sqlalchemy, psycopg2, jinja2, reportlab' 2>/dev/null ||
  die "the peer needs python3-fastapi, -uvicorn, -sqlalchemy, -psycopg2, -jinja2, -reportlab"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in bench/peer

# ---- PostgreSQL on core 0, the data ------------------------------------------
pgdir=$tmp/pg
cleanup_hooks+=("'$repo/scripts/pg-cluster.sh' stop '$pgdir' >/dev/null 2>&1")
chmod 755 "$tmp"
pg_port=$(free_port)
DATABASE_URL=$(taskset -c 0 "$repo/scripts/pg-cluster.sh" start "$pgdir" "$pg_port" 2>"$tmp/pg-cluster.log") ||
  { cat "$tmp/pg-cluster.log" >&2; exit 1; }
export DATABASE_URL APP_ENV=development
taskset -a -c -p 0 "$(head -1 "$pgdir/data/postmaster.pid")" >/dev/null
"$bin" migrate up >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }
help_text=$("$bin" --help 2>&1 || true)  # (grep -q on a pipe would end it early: SIGPIPE under pipefail)
if grep -q 'seed-scale' <<<"$help_text"; then
  data="\`seed-scale --factor $factor\`"
  log "seeding: construction seed-scale --factor $factor"
  "$bin" seed-scale --factor "$factor" >"$tmp/seed.log" 2>&1 || { tail -20 "$tmp/seed.log" >&2; exit 1; }
else
  data="\`seed-demo\` (this build has no seed-scale)"
  log "seeding: construction seed-demo (no seed-scale in this build)"
  "$bin" seed-demo >"$tmp/seed.log" 2>&1 || { cat "$tmp/seed.log" >&2; exit 1; }
fi
sql -c "ANALYZE" 2>/dev/null
# The seeded organisation's owner: the login seed-scale prints ("email: …",
# "password: …"), else the demo's.
email=$(sed -n 's/^email: *//p' "$tmp/seed.log" | head -1)
email=${email:-demo@example.com}
password=$(sed -n 's/^password: *//p' "$tmp/seed.log" | head -1)
password=${password:-demo}
read -r user_id org_id < <(sql -F' ' -c "SELECT id, org_id FROM users WHERE email = '$email'")
[ -n "${org_id:-}" ] || die "no user $email after seeding"
token=$("$bin" create-token --email "$email" 2>"$tmp/token.log") || { cat "$tmp/token.log" >&2; exit 1; }

pick() { sql -c "$1"; }
project=$(pick "SELECT p.id FROM projects p LEFT JOIN vendor_bills b ON b.org_id = p.org_id AND b.project_id = p.id
  WHERE p.org_id = $org_id AND p.status = 'active' GROUP BY p.id ORDER BY count(b.id) DESC, p.id LIMIT 1")
[ -n "$project" ] || die "no active project in organisation $org_id"
estimate=$(pick "SELECT e.id FROM estimates e JOIN estimate_lines l ON l.org_id = e.org_id AND l.estimate_id = e.id
  WHERE e.org_id = $org_id GROUP BY e.id ORDER BY abs(count(*) - 50), e.id LIMIT 1")
pay_app=$(pick "SELECT a.id FROM pay_applications a WHERE a.org_id = $org_id AND a.project_id = $project
  ORDER BY a.number DESC LIMIT 1")
[ -n "$pay_app" ] || pay_app=$(pick "SELECT id FROM pay_applications WHERE org_id = $org_id ORDER BY id DESC LIMIT 1")
payee=$(pick "SELECT id FROM parties WHERE org_id = $org_id AND kind IN ('subcontractor', 'vendor') ORDER BY id LIMIT 1")
term=$(pick "SELECT lower(split_part(name, ' ', 1)) FROM projects WHERE org_id = $org_id ORDER BY id LIMIT 1")
lines_of() { pick "SELECT count(*) FROM estimate_lines WHERE org_id = $org_id AND estimate_id = $1"; }

# ---- servers on core 1 ---------------------------------------------------------
peer_key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
port[ours]=$(free_port)
errlog[ours]=$tmp/ours-error.log
start ours -- taskset -c 1 "$bin" serve -b "127.0.0.1:${port[ours]}" -w 2 --keep-alive 5 \
  --error-logfile "${errlog[ours]}"
port[peer]=$(free_port)
errlog[peer]=$tmp/peer-error.log
start peer -- taskset -c 1 env SECRET_KEY="$peer_key" "$gunicorn" --chdir "$here/peer" \
  -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:${port[peer]}" --keep-alive 5 \
  --error-logfile "${errlog[peer]}" day_app:app
wait_answer ours /ready '{"database":"ok"}'
wait_answer peer /ready

session=""
log_in() {  # ours' session cookie for $email (a session is re-signed after 60 s: one per run)
  local jar=$tmp/cookies.txt page csrf
  rm -f "$jar"
  page=$(curl -fsS -c "$jar" "http://127.0.0.1:${port[ours]}/login")
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" \
    --data-urlencode "password=$password" --data-urlencode "csrf_token=$csrf" \
    "http://127.0.0.1:${port[ours]}/login"
  session=$(awk '$6 == "session" { print $7 }' "$jar")
  [ -n "$session" ] || die "no session cookie after logging in as $email"
}
peer_session=$(cd "$here/peer" && \
  SECRET_KEY=$peer_key "$python" pages_app.py cookie "$user_id" "$org_id")
draft() {  # a new draft estimate of $project, by our API
  curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data '{"title":"Alternate: glass fronts"}' "http://127.0.0.1:${port[ours]}/api/v1/projects/$project/estimates" |
    "$python" -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

declare -A path_of kind_of
routes=()
route() { routes+=("$1"); path_of[$1]=$2; kind_of[$1]=$3; }
route "GET / (dashboard)" / page
route "GET /projects" /projects page
route "GET /projects?q=$term" "/projects?q=$term" page
route "GET /projects/{id}/estimates" "/projects/$project/estimates" page
route "GET /estimates/{id} ($(lines_of "$estimate") lines)" "/estimates/$estimate" page
route "GET /pay-applications/{id}" "/pay-applications/$pay_app" page
route "GET /projects/{id}/budget" "/projects/$project/budget" page
route "GET /projects/{id}/daily-logs" "/projects/$project/daily-logs" page
route "GET /api/v1/projects" /api/v1/projects api
route "GET /api/v1/projects/{id}" "/api/v1/projects/$project" api
route "GET /api/v1/pay-applications/{id}" "/api/v1/pay-applications/$pay_app" api
route "GET /api/v1/projects/{id}/vendor-bills" "/api/v1/projects/$project/vendor-bills" api
route "GET /api/v1/projects/{id}/budget" "/api/v1/projects/$project/budget" api
route "POST /api/v1/estimates/{id}/lines" line write
route "POST /api/v1/projects/{id}/vendor-bills" "/api/v1/projects/$project/vendor-bills" write
route "POST /api/v1/projects/{id}/daily-logs" "/api/v1/projects/$project/daily-logs" write
route "GET /api/v1/pay-applications/{id}/pdf" "/api/v1/pay-applications/$pay_app/pdf" api

# ---- the peer shows what ours shows ----------------------------------------------
log "comparing the peer's answers with ours (bench/peer/compare_day.py)"
log_in
compare=()
for r in "${routes[@]}"; do [ "${kind_of[$r]}" = write ] || compare+=("${path_of[$r]}"); done
"$python" "$here/peer/compare_day.py" --ours "http://127.0.0.1:${port[ours]}" \
  --peer "http://127.0.0.1:${port[peer]}" --token "$token" --session "$session" \
  --peer-session "$peer_session" --write-estimate "$(draft)" --write-project "$project" \
  --write-payee "$payee" "${compare[@]}" >"$tmp/compare.txt" ||
  { cat "$tmp/compare.txt" >&2; die "the peer does not show what ours shows (above)"; }
log "$(tail -1 "$tmp/compare.txt")"

# ---- timed runs -------------------------------------------------------------------
exec 8>/tmp/bench.lock
log "waiting for /tmp/bench.lock"
flock 8
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
day0=$((50000 + RANDOM % 1000 * 100))  # far from the seed's days; each run its own
hz=$(getconf CLK_TCK)
server_ticks() {  # PID -> utime + stime of PID and its children, with the reaped ones
  # (/proc/PID/stat counts a process's exited threads too: the peer's thread pool)
  local pid t=0
  for pid in $1 $(pgrep -P "$1"); do
    t=$((t + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $((t + $(awk '{ sub(/.*\) /, ""); print $14 + $15 }' "/proc/$1/stat")))
}
measure_route() {  # NAME ROUTE -> result[NAME/ROUTE]="req/s|p50|p99|non2xx|µs/req"
  local name=$1 r=$2 path=${path_of[$2]} args=() url out n rps p50 p99 non2xx s0 s1
  case "${kind_of[$r]}" in
    page) if [ "$name" = ours ]; then log_in; args=(-H "Cookie: session=$session")
          else args=(-H "Cookie: session=$peer_session"); fi ;;
    api) args=(-H "Authorization: Bearer $token") ;;
    write)
      args=(-H "Authorization: Bearer $token" -s "$here/day_writes.lua")
      case "$r" in
        *lines*) path="/api/v1/estimates/$(draft)/lines"; args+=(-- line) ;;
        *vendor-bills*) args+=(-- bill "$name-$RANDOM" "$payee") ;;
        *daily-logs*) day0=$((day0 + 20000)); args+=(-- log "$day0") ;;
      esac ;;
  esac
  url="http://127.0.0.1:${port[$name]}$path"
  out=$tmp/wrk.txt
  if [ "${kind_of[$r]}" != write ]; then taskset -c 0 wrk -t1 -c"$conns" -d1s "$url" "${args[@]}" >/dev/null; fi
  s0=$(server_ticks "${master[$name]}")
  taskset -c 0 wrk -t1 -c"$conns" -d"${duration}s" --latency "$url" "${args[@]}" >"$out"
  s1=$(server_ticks "${master[$name]}")
  n=$(awk '/requests in/ { print $1 }' "$out")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  result[$name/$r]="$rps|$p50|$p99|${non2xx:-0}|$(awk -v s="$((s1 - s0))" -v hz="$hz" -v n="$n" 'BEGIN { printf "%.0f", s / hz * 1e6 / (n ? n : 1) }')"
  log "$name $r: ${result[$name/$r]}"
}
for r in "${routes[@]}"; do
  measure_route ours "$r"
  measure_route peer "$r"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
flock -u 8

report=$tmp/report.md
{
  echo "| route | ours req/s | ours p50 / p99 ms | ours CPU µs/req | peer req/s | peer p50 / p99 ms | peer CPU µs/req | ours ÷ peer (req/s) | peer ÷ ours (CPU/req) | non-2xx ours / peer |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for r in "${routes[@]}"; do
    IFS='|' read -r ro o50 o99 onon ocpu <<<"${result[ours/$r]}"
    IFS='|' read -r rp p50 p99 pnon pcpu <<<"${result[peer/$r]}"
    echo "| $r | $ro | $o50 / $o99 | $ocpu | $rp | $p50 / $p99 | $pcpu | $(ratio "$ro" "$rp") | $(ratio "$pcpu" "$ocpu") | $onon / $pnon |"
  done
} >"$report"
cat "$report"
check_error_logs ours peer 2>/dev/null || true

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "## Issue 24, the peer: the day's routes one by one, ours and bench/peer/day_app.py ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit)"
    echo
    echo "\`bench/day_routes.sh $args_given\`: $data, organisation $org_id ($email); project $project,"
    echo "estimate $estimate, pay application $pay_app, search \"$term\". Both servers \`taskset -c 1\`, 2 workers,"
    echo "keep-alive 5 s: ours \`construction serve\`, the peer \`gunicorn -k uvicorn.workers.UvicornWorker day_app:app\`"
    echo "($("$gunicorn" --version 2>&1)); \`taskset -c 0 wrk -t1 -c$conns -d${duration}s --latency\` after a 1 s"
    echo "warm-up (none for the writes); PostgreSQL on core 0. Before the runs compare_day.py found every"
    echo "route showing the same on both. CPU µs/req: utime + stime of the server's master and workers (/proc/PID/stat, ticks of $((1000000 / hz)) µs) ÷ requests."
    echo "The line writes go to a draft estimate made for each run (its totals are summed over its lines:"
    echo "the line count grows during the run on both)."
    echo "Load average before: $load_before; after: $load_after (2 cores: above 2, other work shared"
    echo "them and the latencies say more about the machine than the servers; CPU per request holds)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
