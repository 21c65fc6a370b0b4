#!/usr/bin/env bash
# Issue 24 ("Done when" 1): the cost of every read (and of two writes:
# a line on a draft estimate, a bill) at ×1 and ×100 of a
# contractor's history. Each route runs against two databases of one private
# cluster, seeded by `construction seed-scale --factor 1` and `--factor 100`
# (with the other organisations beside them), one after the other so that
# both rows of a route see the same machine.
#
#   bench/scale.sh [--build DIR] [--data DIR] [--duration S] [--tries N]
#                  [--only REGEX] [--factors "1 100"] [--no-results] [--seed-only]
#
# DIR: a Release build (default build-release, made with `deploy/image.sh
# build` when absent). --data DIR keeps the seeded cluster in DIR and reuses
# it on the next run (migrated up first, so a new index applies): seeding
# ×100 takes minutes, measuring a fix takes seconds; --seed-only seeds it and
# stops (seeding is not timed: it need not wait for /tmp/bench.lock). Without
# --data the cluster lives in a temp dir and goes at the end. --only: the
# routes whose label matches REGEX (grep -E).
#
# Pinning (as bench/pages_billing.sh): one server per database, each
# `taskset -c 1 construction serve -w 2`; PostgreSQL (postmaster, so every
# backend) and wrk on core 0. Per route and scale: wrk -t1 -c4 (keep-alive)
# for $duration s (default 2) after a 1 s warm-up, $tries times (default 1;
# the scales in turn, the lowest CPU of the tries kept), and
#   worker CPU per request: the 2 workers' time on CPU (schedstat, ns) ÷ wrk's
#     requests;
#   PostgreSQL per request: the time on CPU of the backends serving that
#     server's connections (the database's client backends, schedstat) ÷ the
#     same requests. CPU, not pg_stat_statements' total_exec_time: wrk shares
#     core 0 with PostgreSQL, and execution time measured by the clock counts
#     the moments wrk held the core; the backends' CPU also counts what
#     total_exec_time leaves out (parse, plan, sending the rows);
#   statements and round trips per request, as bench/lib.sh's
#     count_round_trips: log_statement = all and strace on the workers'
#     sendto() during a 1 s wrk -c1 run.
# A route whose answer is not 200 (a 303 to /login, a 404) stops the run.
#
# Ids are picked the same way at both scales: the seeded organisation's first
# active project (by id) that has every kind of document (a draft estimate, an
# accepted one, change orders, certified pay applications, an invoice with
# payments, commitments, vendor bills, daily logs, tasks); in it, the newest of
# each kind.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=scale.sh

build=$repo/build-release
data_dir=""
duration=2
tries=1
only=""
factors="1 100"
write_results=1
seed_only=0
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --data) data_dir=$(realpath -m "$2"); shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --tries) tries=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --factors) factors=$2; shift 2 ;;
    --no-results) write_results=0; shift ;;
    --seed-only) seed_only=1; shift ;;
    -h|--help) sed -n '2,41p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
need_tools wrk curl taskset psql pgrep strace
[ "$(nproc)" -ge 2 ] || die "two cores are needed (servers on core 1, wrk and PostgreSQL on core 0)"
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction
"$bin" seed-scale --help >/dev/null 2>&1 || die "$bin has no seed-scale command"
commit=$(git -C "$repo" rev-parse --short HEAD)
dirty=""
if [ -n "$(git -C "$repo" status --porcelain -- . ':!bench' 2>/dev/null)" ]; then
  dirty=" + uncommitted changes"
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- PostgreSQL on core 0: one database per factor ---------------------------
pgdir=${data_dir:-$tmp/pg}
[ -n "$data_dir" ] || cleanup_hooks+=("'$repo/scripts/pg-cluster.sh' stop '$pgdir' >/dev/null 2>&1")
chmod 755 "$tmp"
mkdir -p "$pgdir"
pg_port=$(cat "$pgdir/port" 2>/dev/null || free_port)
log "starting PostgreSQL (core 0) in $pgdir"
base_url=$(taskset -c 0 "$repo/scripts/pg-cluster.sh" start "$pgdir" "$pg_port" 2>"$tmp/pg-cluster.log") ||
  { cat "$tmp/pg-cluster.log" >&2; exit 1; }
pg_port=$(cat "$pgdir/port")
taskset -a -c -p 0 "$(head -1 "$pgdir/data/postmaster.pid")" >/dev/null
pg_version=$(psql -X -At "$base_url" -c 'SHOW server_version')
export APP_ENV=development

declare -A url org token email password seed_note
db_of() { echo "scale_$1"; }
sql_at() { local f=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 "${url[$f]}" "$@"; }

# seed FACTOR: the factor's database, seeded once (kept with --data); sets
# url, org, token, email and password of the scale organisation's owner.
seed() {
  local f=$1 db out
  db=$(db_of "$f")
  url[$f]="${base_url%/*}/$db"
  if [ -z "$(superuser -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    superuser -c "CREATE DATABASE $db OWNER construction"
    log "seeding ×$f into $db"
    local t0=$SECONDS
    DATABASE_URL=${url[$f]} "$bin" seed-scale --factor "$f" >"$pgdir/seed-$f.txt" 2>"$tmp/seed-$f.log" ||
      { superuser -c "DROP DATABASE $db"; cat "$tmp/seed-$f.log" >&2; exit 1; }
    log "×$f seeded in $((SECONDS - t0)) s"
  else
    log "reusing the seeded ×$f in $db"
  fi
  # migrations newer than the seeded data (an index being measured) apply
  DATABASE_URL=${url[$f]} "$bin" migrate up >"$tmp/migrate-$f.log" 2>&1 ||
    { cat "$tmp/migrate-$f.log" >&2; exit 1; }
  out=$pgdir/seed-$f.txt
  email[$f]=$(awk -F': *' 'tolower($1) ~ /email$/ { print $2; exit }' "$out")
  password[$f]=$(awk -F': *' 'tolower($1) ~ /password$/ { print $2; exit }' "$out")
  token[$f]=$(awk -F': *' 'tolower($1) ~ /token$/ { print $2; exit }' "$out")
  [ -n "${email[$f]}" ] && [ -n "${password[$f]}" ] && [ -n "${token[$f]}" ] ||
    die "seed-scale's output ($out) has no email, password or token line"
  org[$f]=$(sql_at "$f" -c "SELECT org_id FROM users WHERE lower(email) = lower('${email[$f]}')")
  seed_note[$f]=$(sql_at "$f" -c "SELECT (SELECT count(*) FROM projects WHERE org_id = ${org[$f]}) || ' projects (' ||
    (SELECT count(*) FROM projects WHERE org_id = ${org[$f]} AND status = 'active') || ' active), ' ||
    (SELECT count(*) FROM estimate_lines WHERE org_id = ${org[$f]}) || ' estimate lines, ' ||
    (SELECT count(*) FROM vendor_bills WHERE org_id = ${org[$f]}) || ' vendor bills, ' ||
    (SELECT count(*) FROM daily_logs WHERE org_id = ${org[$f]}) || ' daily logs in the organisation; ' ||
    (SELECT count(*) FROM projects) || ' projects in all the organisations'")
  log "×$f: ${seed_note[$f]}"
}
for f in $factors; do seed "$f"; done
if [ "$seed_only" = 1 ]; then log "seeded in $pgdir (kept running)"; exit 0; fi
superuser -c "ANALYZE" >/dev/null

# ---- the ids of each scale ----------------------------------------------------
declare -A ids
# pick_ids FACTOR: ids[FACTOR/kind] for every kind a route names.
pick_ids() {
  local f=$1 o=${org[$1]} p row
  p=$(sql_at "$f" -c "
    SELECT p.id FROM projects p WHERE p.org_id = $o AND p.status = 'active'
      AND EXISTS (SELECT FROM estimates e WHERE e.org_id = $o AND e.project_id = p.id AND e.status = 'draft')
      AND EXISTS (SELECT FROM estimates e WHERE e.org_id = $o AND e.project_id = p.id AND e.status = 'accepted')
      AND EXISTS (SELECT FROM change_orders d WHERE d.org_id = $o AND d.project_id = p.id)
      AND EXISTS (SELECT FROM pay_applications d WHERE d.org_id = $o AND d.project_id = p.id AND d.status = 'certified')
      AND EXISTS (SELECT FROM invoices d JOIN payments m ON m.org_id = $o AND m.invoice_id = d.id
                  WHERE d.org_id = $o AND d.project_id = p.id)
      AND EXISTS (SELECT FROM commitments d WHERE d.org_id = $o AND d.project_id = p.id)
      AND EXISTS (SELECT FROM vendor_bills d WHERE d.org_id = $o AND d.project_id = p.id)
      AND EXISTS (SELECT FROM daily_logs d WHERE d.org_id = $o AND d.project_id = p.id)
      AND EXISTS (SELECT FROM tasks d WHERE d.org_id = $o AND d.project_id = p.id)
    ORDER BY p.id LIMIT 1")
  [ -n "$p" ] || die "×$f: no active project has every kind of document"
  ids[$f/project]=$p
  newest() {  # TABLE [CONDITION]
    sql_at "$f" -c "SELECT id FROM $1 d WHERE d.org_id = $o AND d.project_id = $p ${2:+AND $2} ORDER BY id DESC LIMIT 1"
  }
  ids[$f/draft]=$(newest estimates "d.status = 'draft'")
  ids[$f/estimate]=$(newest estimates "d.status = 'accepted'")
  ids[$f/change_order]=$(newest change_orders)
  ids[$f/pay_app]=$(newest pay_applications "d.status = 'certified'")
  ids[$f/invoice]=$(newest invoices "EXISTS (SELECT FROM payments m WHERE m.org_id = $o AND m.invoice_id = d.id)")
  ids[$f/commitment]=$(newest commitments)
  ids[$f/vendor_bill]=$(newest vendor_bills)
  ids[$f/term]=$(sql_at "$f" -c "SELECT split_part(name, ' ', 1) FROM projects WHERE id = $p")
  ids[$f/payee]=$(sql_at "$f" -c "SELECT id FROM parties WHERE org_id = $o
    AND kind IN ('subcontractor', 'vendor') ORDER BY id LIMIT 1")
  row=$(sql_at "$f" -F' ' -c "SELECT p.number, p.name,
      (SELECT count(*) FROM estimate_lines l WHERE l.org_id = $o AND l.estimate_id = ${ids[$f/draft]}),
      (SELECT count(*) FROM vendor_bills d WHERE d.org_id = $o AND d.project_id = $p),
      (SELECT count(*) FROM pay_applications d WHERE d.org_id = $o AND d.project_id = $p),
      (SELECT count(*) FROM daily_logs d WHERE d.org_id = $o AND d.project_id = $p)
    FROM projects p WHERE p.id = $p")
  log "×$f: project $p ($row: draft estimate lines, bills, pay applications, daily logs)"
  ids[$f/note]=$row
}
for f in $factors; do pick_ids "$f"; done

# ---- servers on core 1 --------------------------------------------------------
for f in $factors; do
  port[s$f]=$(free_port)
  errlog[s$f]="$tmp/s$f-error.log"
  start "s$f" -- taskset -c 1 env DATABASE_URL="${url[$f]}" "$bin" serve -b "127.0.0.1:${port[s$f]}" \
    -w 2 --keep-alive 5 --access-logfile "$tmp/s$f-access.log" --error-logfile "${errlog[s$f]}"
  wait_answer "s$f" /ready '{"database":"ok"}'
done

# log_in FACTOR: a logged-in session of the owner (GET /login for the CSRF
# token, POST /login: 303 to /), in session[FACTOR].
declare -A session
log_in() {
  local f=$1 jar=$tmp/cookies-$1.txt page csrf code u="http://127.0.0.1:${port[s$1]}"
  rm -f "$jar"
  page=$(curl -fsS -c "$jar" "$u/login")
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  [ -n "$csrf" ] || die "no CSRF token in the login page"
  code=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" \
    --data-urlencode "email=${email[$f]}" --data-urlencode "password=${password[$f]}" \
    --data-urlencode "csrf_token=$csrf" "$u/login")
  case "$code" in "303 "*/) ;; *) die "×$f: POST /login answered $code, not 303 to /" ;; esac
  session[$f]=$(awk '$6 == "session" { print $7 }' "$jar")
  [ -n "${session[$f]}" ] || die "×$f: no session cookie after logging in"
}

# ---- measuring -----------------------------------------------------------------
sched_of() {  # PID... -> ns on CPU (schedstat), summed
  local pid t=0
  for pid in "$@"; do t=$((t + $(sched_ns "$pid"))); done
  echo "$t"
}
# backends FACTOR -> "pid ns" of each client backend of the factor's database
# but this one's.
backends() {
  local pid
  for pid in $(superuser -c "SELECT pid FROM pg_stat_activity WHERE datname = '$(db_of "$1")'
                               AND backend_type = 'client backend' AND pid <> pg_backend_pid()"); do
    echo "$pid $(sched_ns "$pid")"
  done
}
# backend_ns BEFORE AFTER -> ns the backends spent between the two samples (a
# backend that appeared meanwhile counts from 0; one that went is reported).
backend_ns() {
  awk 'NR == FNR { before[$1] = $2; next }
       { t += $2 - ($1 in before ? before[$1] : 0); seen[$1] = 1 }
       END { for (p in before) if (!(p in seen)) gone++
             printf "%.0f %d\n", t, gone }' "$1" "$2"
}

auth_args() {  # KIND FACTOR -> the header of a page (session) or the API (token)
  if [ "$1" = page ]; then echo "Cookie: session=${session[$2]}"; else echo "Authorization: Bearer ${token[$2]}"; fi
}

path_of() {  # TEMPLATE FACTOR -> the path with the factor's ids
  local p=$1 f=$2 k
  for k in project draft estimate change_order pay_app invoice commitment vendor_bill term; do
    p=${p//\{$k\}/${ids[$f/$k]}}
  done
  echo "$p"
}

declare -A cpu pg stmts trips reqs p50s shown
# rows_in FILE -> the rows an answer shows: a JSON list's items ("data"), a
# document's lines, an HTML page's table rows, a CSV's lines; "-" otherwise.
rows_in() {
  "$python" - "$1" <<'PY'
import json, sys
body = open(sys.argv[1], 'rb').read()
try:
    doc = json.loads(body)
    for key in ('data', 'lines'):
        if isinstance(doc, dict) and isinstance(doc.get(key), list):
            print(len(doc[key])); break
    else:
        print(len(doc) if isinstance(doc, list) else '-')
except ValueError:
    text = body.decode('utf-8', 'replace')
    if text.startswith('%PDF'): print('-')
    elif '<html' in text or '<tr' in text: print(text.count('<tr'))
    else: print(max(text.count('\n') - 1, 0))
PY
}
# check_route KIND TEMPLATE FACTOR TRY LABEL: the answer is 200 (not a 303
# to /login, not a 404); sets h (the header), u (the URL) and the rows it
# shows; on the first try, warms the route up for 1 s.
check_route() {
  local f=$3 path code
  path=$(path_of "$2" "$f")
  h=$(auth_args "$1" "$f")
  u="http://127.0.0.1:${port[s$f]}$path"
  code=$(curl -sS -o "$tmp/body" -w '%{http_code}' --max-time 30 -H "$h" "$u")
  [ "$code" = 200 ] || die "×$f: GET $path answered $code, not 200 ($(head -c 300 "$tmp/body"))"
  shown[$5/$f]=$(rows_in "$tmp/body")
  write_kind=$1 write_f=$f
  fresh_writes
  if [ "${4:-1}" = 1 ]; then taskset -c 0 wrk -t1 -c4 -d1s -H "$h" "${writes[@]}" "$u" "${write_args[@]}" >/dev/null; fi
}

# fresh_writes: wrk's script and its arguments (after the URL) for a write
# route ($write_kind, $write_f), none for a read; a bill's numbers new on
# each run (a vendor's number is taken once).
fresh_writes() {
  writes=() write_args=()
  case "$write_kind" in
    line) writes=(-s "$here/day_writes.lua") write_args=(-- line) ;;
    bill) writes=(-s "$here/day_writes.lua") write_args=(-- bill "scale-$write_f-$RANDOM$RANDOM" "${ids[$write_f/payee]}") ;;
  esac
}

# timed_run LABEL FACTOR: a wrk run of $duration s at $u with $h; keeps the
# lowest worker and PostgreSQL CPU per request of the tries for LABEL/FACTOR
# (other engineers' work on the machine only ever adds to a try).
timed_run() {
  local label=$1 f=$2 workers out=$tmp/wrk.txt w0 w1 n b gone c p
  mapfile -t workers < <(pgrep -P "${master[s$f]}" | sort -n)
  [ "${#workers[@]}" = 2 ] || die "s$f has ${#workers[@]} workers, 2 expected"
  backends "$f" >"$tmp/b0"
  w0=$(sched_of "${workers[@]}")
  fresh_writes
  taskset -c 0 wrk -t1 -c4 -d"${duration}s" --latency -H "$h" "${writes[@]}" "$u" "${write_args[@]}" >"$out"
  w1=$(sched_of "${workers[@]}")
  backends "$f" >"$tmp/b1"
  [ "$(pgrep -P "${master[s$f]}" | sort -n | tr '\n' ' ')" = "${workers[*]} " ] ||
    die "s$f's workers changed during the run (a worker died?)"
  n=$(awk '/requests in/ { print $1 }' "$out")
  if grep -q 'Non-2xx' "$out"; then die "×$f: GET $u: $(grep 'Non-2xx' "$out")"; fi
  read -r b gone < <(backend_ns "$tmp/b0" "$tmp/b1")
  [ "$gone" = 0 ] || log "×$f $label: $gone backend(s) ended during the run: PostgreSQL time undercounted"
  c=$(awk -v t="$((w1 - w0))" -v n="$n" 'BEGIN { printf "%.0f", t / 1e3 / n }')
  p=$(awk -v t="$b" -v n="$n" 'BEGIN { printf "%.0f", t / 1e3 / n }')
  log "×$f $label: $n requests; worker $c µs, PostgreSQL $p µs per request"
  if [ -z "${cpu[$label/$f]:-}" ] || [ "$c" -lt "${cpu[$label/$f]}" ]; then cpu[$label/$f]=$c; fi
  if [ -z "${pg[$label/$f]:-}" ] || [ "$p" -lt "${pg[$label/$f]}" ]; then pg[$label/$f]=$p; fi
  reqs[$label/$f]=$n
  p50s[$label/$f]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
}

# count_trips LABEL FACTOR HEADER URL WORKER...: statements (the log) and
# round trips (sendto() carrying PostgreSQL protocol) per request, during a
# 1 s wrk -c1 run with log_statement = all (on for this run only: logging
# every statement costs the backends more than some of the statements do).
count_trips() {
  local label=$1 f=$2 from tracer n s sends workers
  mapfile -t workers < <(pgrep -P "${master[s$f]}" | sort -n)
  superuser -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.2
  from=$(wc -l <"$pgdir/server.log")
  strace -qq -e trace=sendto -s 8 -o "$tmp/strace.txt" -p "${workers[0]}" -p "${workers[1]}" &
  tracer=$!
  sleep 0.3
  fresh_writes
  taskset -c 0 wrk -t1 -c1 -d1s -H "$h" "${writes[@]}" "$u" "${write_args[@]}" >"$tmp/rt.txt"
  sleep 0.2
  kill -INT "$tracer" 2>/dev/null || true
  wait "$tracer" 2>/dev/null || true
  superuser -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.2
  n=$(awk '/requests in/ { print $1 }' "$tmp/rt.txt")
  s=$(tail -n +"$((from + 1))" "$pgdir/server.log" | grep -cE 'LOG:  (statement|execute [^:]*):' || true)
  sends=$(grep -E '^[0-9]+ +sendto\(' "$tmp/strace.txt" | grep -vc '"HTTP/' || true)
  stmts[$label/$f]=$(awk -v s="$s" -v n="$n" 'BEGIN { printf "%.1f", s / n }')
  trips[$label/$f]=$(awk -v s="$sends" -v n="$n" 'BEGIN { printf "%.1f", s / n }')
  log "×$f $label: ${stmts[$label/$f]} statements, ${trips[$label/$f]} round trips per request"
}

# The routes: label, kind (page: the session; api: the token), path.
routes=(
  "dashboard|page|/"
  "projects page|page|/projects"
  "projects page, search|page|/projects?q={term}"
  "project (first tab)|page|/projects/{project}"
  "Estimates tab|page|/projects/{project}/estimates"
  "Change orders tab|page|/projects/{project}/change-orders"
  "Billing tab|page|/projects/{project}/billing"
  "Budget tab|page|/projects/{project}/budget"
  "budget CSV (page)|page|/projects/{project}/budget.csv"
  "Schedule tab|page|/projects/{project}/schedule"
  "Daily logs tab|page|/projects/{project}/daily-logs"
  "new commitment form|page|/projects/{project}/commitments/new"
  "new vendor bill form|page|/projects/{project}/vendor-bills/new"
  "estimate (draft, editor)|page|/estimates/{draft}"
  "estimate print|page|/estimates/{estimate}/print"
  "change order|page|/change-orders/{change_order}"
  "pay application|page|/pay-applications/{pay_app}"
  "pay application print|page|/pay-applications/{pay_app}/print"
  "invoice|page|/invoices/{invoice}"
  "commitment|page|/commitments/{commitment}"
  "vendor bill|page|/vendor-bills/{vendor_bill}"
  "parties|page|/parties"
  "account|page|/account"
  "API users|api|/api/v1/users"
  "API parties|api|/api/v1/parties"
  "API projects|api|/api/v1/projects"
  "API projects, active|api|/api/v1/projects?status=active"
  "API project|api|/api/v1/projects/{project}"
  "API estimates|api|/api/v1/projects/{project}/estimates"
  "API estimate lines|api|/api/v1/estimates/{draft}/lines"
  "API schedule of values|api|/api/v1/projects/{project}/schedule-of-values"
  "API change orders|api|/api/v1/projects/{project}/change-orders"
  "API change order lines|api|/api/v1/change-orders/{change_order}/lines"
  "API pay applications|api|/api/v1/projects/{project}/pay-applications"
  "API pay application|api|/api/v1/pay-applications/{pay_app}"
  "API invoices|api|/api/v1/projects/{project}/invoices"
  "API payments|api|/api/v1/invoices/{invoice}/payments"
  "API messages|api|/api/v1/messages?record=invoice:{invoice}"
  "API tasks|api|/api/v1/projects/{project}/tasks"
  "API daily logs|api|/api/v1/projects/{project}/daily-logs"
  "API budget|api|/api/v1/projects/{project}/budget"
  "API budget CSV|api|/api/v1/projects/{project}/budget?format=csv"
  "API budget transfers|api|/api/v1/projects/{project}/budget/transfers"
  "API commitments|api|/api/v1/projects/{project}/commitments"
  "API commitment lines|api|/api/v1/commitments/{commitment}/lines"
  "API vendor bills|api|/api/v1/projects/{project}/vendor-bills"
  "API vendor bill lines|api|/api/v1/vendor-bills/{vendor_bill}/lines"
  "API signature requests|api|/api/v1/estimates/{estimate}/signature-requests"
  "pay application PDF|api|/api/v1/pay-applications/{pay_app}/pdf"
  # Writes (bench/day_writes.lua, one new row a request; the GET of the same
  # path checks the ids): a line on the draft estimate, a draft bill of two
  # lines; what a trigger on them costs (migration 0019).
  "POST estimate line|line|/api/v1/estimates/{draft}/lines"
  "POST vendor bill|bill|/api/v1/projects/{project}/vendor-bills"
)

for f in $factors; do log_in "$f"; done
cleanup_hooks+=("superuser -c \"ALTER SYSTEM RESET log_statement\" -c \"SELECT pg_reload_conf()\" >/dev/null 2>&1")
labels=()
for r in "${routes[@]}"; do
  IFS='|' read -r label kind template <<<"$r"
  if [ -n "$only" ] && ! grep -qE "$only" <<<"$label"; then continue; fi
  labels+=("$label")
  for try in $(seq 1 "$tries"); do
    for f in $factors; do
      check_route "$kind" "$template" "$f" "$try" "$label"
      timed_run "$label" "$f"
    done
  done
  for f in $factors; do
    check_route "$kind" "$template" "$f" 0 "$label"
    count_trips "$label" "$f"
  done
done
check_error_logs $(for f in $factors; do echo "s$f"; done)

# ---- report ----------------------------------------------------------------------
set -- $factors
lo=$1 hi=${2:-$1}
ratio_of() {  # A B -> B/A, 2 decimals; "!" after it above 1.5
  awk -v a="$1" -v b="$2" 'BEGIN { if (a <= 0) { print "?"; exit } r = b / a; printf "%.2f%s", r, (r > 1.5 ? " **!**" : "") }'
}
report=$tmp/report.md
{
  echo "| route | rows shown ×$lo / ×$hi | worker µs/req ×$lo | ×$hi | ratio | PostgreSQL µs/req ×$lo | ×$hi | ratio | statements/req ×$lo / ×$hi | round trips/req ×$lo / ×$hi | p50 ms ×$lo / ×$hi |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for label in "${labels[@]}"; do
    echo "| $label | ${shown[$label/$lo]} / ${shown[$label/$hi]} | ${cpu[$label/$lo]} | ${cpu[$label/$hi]} | $(ratio_of "${cpu[$label/$lo]}" "${cpu[$label/$hi]}") | ${pg[$label/$lo]} | ${pg[$label/$hi]} | $(ratio_of "${pg[$label/$lo]}" "${pg[$label/$hi]}") | ${stmts[$label/$lo]} / ${stmts[$label/$hi]} | ${trips[$label/$lo]} / ${trips[$label/$hi]} | ${p50s[$label/$lo]} / ${p50s[$label/$hi]} |"
  done
} >"$report"
cat "$report"

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — cost at ×$lo and ×$hi, pinned, commit $commit$dirty"
    echo
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
    echo "\`bench/scale.sh $args_given\` (${build_type:-unknown} build), PostgreSQL $pg_version (fsync on)."
    for f in $factors; do
      echo "×$f: ${seed_note[$f]}. Project ${ids[$f/project]} (${ids[$f/note]}: its draft estimate's lines, bills, pay applications, daily logs)."
    done
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
