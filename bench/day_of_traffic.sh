#!/usr/bin/env bash
# Issue 24, "A day of traffic" and "What happens past capacity": the day's
# mix (bench/day_of_traffic_requests.py) sent by an open-loop driver
# (bench/traffic_driver.cpp) at a sweep of offered rates to our server and to
# the peer (bench/peer/day_app.py), each straight at its port and through
# the shipped nginx configuration; then ours past capacity.
#
#   bench/day_of_traffic.sh [--build DIR] [--factor N] [--step S] [--bound MS]
#                           [--conns N] [--workers N] [--no-peer] [--no-ours] [--peer-keeps]
#                           [--no-nginx] [--no-overload] [--only-overload RATE]
#                           [--no-results]
#
# DIR: a Release build (default build-release). Data: a private cluster
# (scripts/pg-cluster.sh, fsync on) seeded once with `construction seed-scale
# --factor N` (default 100), kept as a template; every stack and mode starts
# from a fresh copy of it, so the writes of one run are not the next one's
# data. Pinning: the server under test (ours: master and 2 workers; the
# peer: gunicorn and 2 uvicorn workers; --workers N for another count) and
# nginx on core 1; PostgreSQL and the driver on core 0. Every timed part
# runs under `flock /tmp/bench.lock`.
#
# Per stack and mode (straight: the driver's 50 connections kept alive to
# the port; nginx: the same 50 to nginx over TLS, nginx opening one upstream
# connection per request as the shipped configuration does): a 4 s warm-up,
# then steps of S s (default 5) on a doubling ladder of offered rates (10,
# 20, 40, …) until p99 passes 500 ms or a request errs (4xx apart), then,
# for each of two bounds (p99 <= MS, default 50, and p99 <= 500 ms; no error
# but 4xx), up to three steps of a quarter above the highest rate within it.
# The sustainable rate is the highest offered rate within the bound. Past
# capacity (ours, straight and through nginx): half the rate it serves (the
# sustainable rate at 500 ms) for 5 s, twice that rate for 10 s, half again
# for 10 s, in 100 ms windows (not with --no-ours). --no-ours runs the peer
# alone; --peer-keeps runs it with PEER_KEEPS=1, keeping what ours keeps
# (the dashboard's margin check per project under its costs_version, each
# worker's PDFs in an 8 MB LRU: bench/peer/day_app.py), and its tables say
# "peer (keeps figures and PDFs)". PEER_DIR names another folder holding
# the peer's day_app.py (default bench/peer).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=day_of_traffic.sh

build=$repo/build-release
peer_dir=${PEER_DIR:-$here/peer}  # the peer's app (another checkout's, to try one not merged yet)
factor=100
step=5
bound=50
conns=50
workers=2  # each stack's (the issue's shape: 2 workers on one pinned CPU)
with_peer=1
with_ours=1
peer_keeps=0
with_nginx=1
with_overload=1
only_overload=""
write_results=1
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --factor) factor=$2; shift 2 ;;
    --step) step=$2; shift 2 ;;
    --bound) bound=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --no-peer) with_peer=0; shift ;;
    --no-ours) with_ours=0; shift ;;
    --peer-keeps) peer_keeps=1; shift ;;
    --no-nginx) with_nginx=0; shift ;;
    --no-overload) with_overload=0; shift ;;
    --only-overload) only_overload=$2; with_peer=0; shift 2 ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "day_of_traffic.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$with_ours" = 1 ] || [ -n "$only_overload" ] || with_overload=0  # past capacity is ours'
if [ "$with_ours" = 0 ] && [ "$with_peer" = 0 ] && [ -z "$only_overload" ]; then
  echo "day_of_traffic.sh: --no-ours with --no-peer runs nothing" >&2; exit 2
fi
peer_name=peer
[ "$peer_keeps" = 1 ] && peer_name="peer (keeps figures and PDFs)"

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
need_tools taskset psql nginx openssl g++ curl flock
[ "$(nproc)" -ge 2 ] || die "two cores are needed (servers on core 1, the driver and PostgreSQL on core 0)"
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction
commit=$(git -C "$repo" rev-parse --short HEAD)
dirty=""
if [ -n "$(git -C "$repo" status --porcelain -- . ':!bench' 2>/dev/null)" ]; then dirty=" + uncommitted changes"; fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
chmod 755 "$tmp"  # nginx's workers (nobody) read below it

# ---- the driver: built once per version of its source ------------------------
driver_src=$here/traffic_driver.cpp
driver=/tmp/construction-traffic-driver-$(sha1sum "$driver_src" | cut -c1-12)
if [ ! -x "$driver" ]; then
  log "building the driver ($driver)"
  g++ -std=c++20 -O2 "$driver_src" -o "$driver.partial" -lssl -lcrypto && mv "$driver.partial" "$driver"
fi

# ---- PostgreSQL on core 0, seeded once, kept as a template ----------------------
pgdir=$tmp/pg
cleanup_hooks+=("'$repo/scripts/pg-cluster.sh' stop '$pgdir' >/dev/null 2>&1")
pg_port=$(free_port)
log "starting PostgreSQL (core 0) in $pgdir"
DATABASE_URL=$("$repo/scripts/pg-cluster.sh" start "$pgdir" "$pg_port" 2>"$tmp/pg-cluster.log") ||
  { cat "$tmp/pg-cluster.log" >&2; exit 1; }
export DATABASE_URL APP_ENV=development PYTHONDONTWRITEBYTECODE=1
db_master=$(head -1 "$pgdir/data/postmaster.pid")
pg_version=$(psql -X -At "$DATABASE_URL" -c 'SHOW server_version')
"$bin" migrate up >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }

seed_started=$(date +%s)
password=demo
if "$bin" seed-scale --help >/dev/null 2>&1; then
  log "seeding: construction seed-scale --factor $factor"
  "$bin" seed-scale --factor "$factor" >"$tmp/seed.log" 2>&1 || { tail -20 "$tmp/seed.log" >&2; exit 1; }
  seeded_with="\`construction seed-scale --factor $factor\`"
else
  # until seed-scale is there: the demo, and a draft estimate on each active project
  log "no seed-scale in this build: seed-demo instead"
  factor=demo
  "$bin" seed-demo >"$tmp/seed.log" 2>&1 || { cat "$tmp/seed.log" >&2; exit 1; }
  seeded_with="\`construction seed-demo\` (seed-scale was not in this build) with a draft estimate added to each active project"
fi
seed_seconds=$(($(date +%s) - seed_started))
# seeded on both cores; from here on PostgreSQL (postmaster, its processes,
# every backend it forks) keeps to core 0
for pid in "$db_master" $(pgrep -P "$db_master"); do taskset -a -c -p 0 "$pid" >/dev/null; done
# The organisation: the seed's (its owner's email is printed as `email: …`),
# else the one with the most projects; its first owner logs in.
email=$(sed -n 's/^email: //p' "$tmp/seed.log" | head -1)
if [ -n "$email" ]; then
  org=$(sql -c "SELECT org_id FROM users WHERE email = '$email'")
else
  org=$(sql -c "SELECT org_id FROM projects GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 1")
  email=$(sql -c "SELECT email FROM users WHERE org_id = $org AND role = 'owner' AND active ORDER BY id LIMIT 1")
fi
user_id=$(sql -c "SELECT id FROM users WHERE email = '$email'")
printed=$(sed -n 's/^password: //p' "$tmp/seed.log" | head -1)
[ -n "$printed" ] && password=$printed
token=$("$bin" create-token --email "$email" 2>"$tmp/token.log") || { cat "$tmp/token.log" >&2; exit 1; }
sizes=$(sql -c "SELECT (SELECT count(*) FROM projects WHERE org_id = $org) || ' projects (' ||
                       (SELECT count(*) FROM projects WHERE org_id = $org AND status = 'active') || ' active), ' ||
                       (SELECT count(*) FROM estimate_lines) || ' estimate lines, ' ||
                       (SELECT count(*) FROM pay_applications) || ' pay applications, ' ||
                       (SELECT count(*) FROM vendor_bills) || ' vendor bills, ' ||
                       (SELECT count(*) FROM daily_logs) || ' daily logs in ' ||
                       (SELECT count(*) FROM organisations) || ' organisations, ' ||
                       pg_size_pretty(pg_database_size(current_database()))")
log "seeded in ${seed_seconds}s: $sizes; organisation $org, $email"

superuser() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
app_db=$(sql -c "SELECT current_database()")

# ---- servers on core 1 ----------------------------------------------------------
start_ours() {
  port[ours]=$(free_port)
  errlog[ours]="$tmp/ours-error.log"
  start ours -- taskset -c 1 "$bin" serve -b "127.0.0.1:${port[ours]}" -w "$workers" --keep-alive 5 \
    --access-logfile "$tmp/ours-access.log" --error-logfile "${errlog[ours]}" 8>&-
  wait_answer ours /ready '{"database":"ok"}'
}
peer_key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_peer() {
  port[peer]=$(free_port)
  errlog[peer]="$tmp/peer-error.log"
  start peer -- taskset -c 1 env SECRET_KEY="$peer_key" PEER_KEEPS="$peer_keeps" "$gunicorn" --chdir "$peer_dir" \
    -k uvicorn.workers.UvicornWorker -w "$workers" -b "127.0.0.1:${port[peer]}" --keep-alive 5 \
    --access-logfile "$tmp/peer-access.log" --error-logfile "${errlog[peer]}" day_app:app 8>&-
  wait_answer peer /ready
}
stop_server() {  # NAME
  stop_group "${master[$1]}"
}

# nginx: deploy/nginx/construction.conf as shipped, with its ports and paths
# rewritten for loopback (TLS with a self-signed certificate made here),
# inside Debian's /etc/nginx/nginx.conf rewritten the same way (one worker:
# it has one core).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=construction.example.com -keyout "$tmp/nginx-key.pem" -out "$tmp/nginx-cert.pem" 2>/dev/null
start_nginx() {  # UPSTREAM_PORT
  local d=$tmp/nginx
  rm -rf "$d" && mkdir -p "$d/www" "$d/cache" "$d/temp"
  port[nginx]=$(free_port)
  local redirect_port
  redirect_port=$(free_port)
  sed -e "s|/var/cache/nginx/construction|$d/cache|" \
      -e "s|server 10.0.0.2:8000;|server 127.0.0.1:$1;|" \
      -e "s|listen 80;|listen 127.0.0.1:$redirect_port;|" -e '/listen \[::\]/d' \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:${port[nginx]} ssl http2;|" \
      -e "s|/etc/letsencrypt/live/construction.example.com/fullchain.pem|$tmp/nginx-cert.pem|" \
      -e "s|/etc/letsencrypt/live/construction.example.com/privkey.pem|$tmp/nginx-key.pem|" \
      -e "s|/var/log/nginx/|$d/|" -e "s|root /var/www/html;|root $d/www;|" \
      "$repo/deploy/nginx/construction.conf" >"$d/construction.conf"
  sed -e '/^user /d' -e 's|^worker_processes .*|worker_processes 1;|' -e "s|^pid .*|pid $d/nginx.pid;|" \
      -e "s|/var/log/nginx/|$d/|" -e '/include \/etc\/nginx\/conf.d/d' \
      -e "s|include /etc/nginx/sites-enabled/\*;|include $d/construction.conf;\n\tclient_body_temp_path $d/temp/body;\n\tproxy_temp_path $d/temp/proxy;\n\tfastcgi_temp_path $d/temp/fastcgi;\n\tuwsgi_temp_path $d/temp/uwsgi;\n\tscgi_temp_path $d/temp/scgi;|" \
      /etc/nginx/nginx.conf >"$d/nginx.conf"
  errlog[nginx]=$d/construction.error.log
  start nginx -- taskset -c 1 nginx -p "$d" -c "$d/nginx.conf" -g 'daemon off;' 8>&-
  local i
  for i in $(seq 1 50); do
    curl -ksf -o /dev/null "https://127.0.0.1:${port[nginx]}/ready" && return 0
    sleep 0.1
  done
  tail "$d/error.log" "${errlog[nginx]}" >&2
  die "nginx does not answer on ${port[nginx]}"
}

fresh_database() {  # the seeded data, as it was before any run wrote to it
  superuser -c "DROP DATABASE IF EXISTS $app_db" \
    -c "CREATE DATABASE $app_db TEMPLATE ${app_db}_seeded OWNER $db_user STRATEGY FILE_COPY"
}

# ---- the template, the request list, the logins -----------------------------------
if [ "$factor" = demo ]; then
  start_ours
  for p in $(sql -c "SELECT id FROM projects WHERE org_id = $org AND status = 'active' ORDER BY id"); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"title":"Alternate scope"}' "http://127.0.0.1:${port[ours]}/api/v1/projects/$p/estimates"
  done
  stop_server ours
fi
sql -c "ANALYZE" 2>/dev/null
db_user=$(sql -c "SELECT current_user")
superuser -c "ALTER DATABASE $app_db RENAME TO ${app_db}_seeded"
copy_started=$(date +%s%N)
fresh_database
copy_ms=$((($(date +%s%N) - copy_started) / 1000000))
log "a fresh copy of the seeded database takes ${copy_ms} ms"

"$python" "$here/day_of_traffic_requests.py" "$org" --count 20000 --seed 24 >"$tmp/requests.tsv"
list_note=$(head -1 "$tmp/requests.tsv" | sed 's/^# //')

session=""
log_in_ours() {  # as the other benches do: GET /login for the CSRF token, POST /login
  local jar=$tmp/cookies.txt page csrf code base=$1
  rm -f "$jar"
  page=$(curl -kfsS -c "$jar" "$base/login")
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  [ -n "$csrf" ] || die "no CSRF token in the login page"
  code=$(curl -ksS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "email=$email" \
    --data-urlencode "password=$password" --data-urlencode "csrf_token=$csrf" "$base/login")
  [ "$code" = 303 ] || die "POST /login as $email answered $code, not 303"
  session="session=$(awk '$6 == "session" || $6 == "__Host-session" { print $7 }' "$jar" | tail -1)"
  [ "$session" != "session=" ] || die "no session cookie after logging in"
}
peer_session() {
  session="session=$(SECRET_KEY="$peer_key" "$python" "$peer_dir/pages_app.py" cookie "$user_id" "$org")"
}

# ---- driving ------------------------------------------------------------------------
seq_next=0
# drive TARGET TLS PHASE... [-- EXTRA...]: one driver run; its output in $out
drive() {
  local target=$1 tls=$2 args=() n=0
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    args+=(--phase "$1")
    n=$(awk -v n="$n" -v p="$1" 'BEGIN { split(p, a, ":"); printf "%d", n + a[1] * a[2] + 10 }')
    shift
  done
  [ $# -gt 0 ] && shift
  [ "$tls" = 1 ] && args+=(--tls)
  out=$(taskset -c 0 "$driver" --target "$target" --host construction.example.com --requests "$tmp/requests.tsv" \
    --conns "$conns" --cookie "$session" --token "$token" --start "$seq_next" --timeout 10 "${args[@]}" "$@")
  seq_next=$((seq_next + n))
}
field() { awk -F'\t' -v k="$1" '{ for (i = 1; i <= NF; ++i) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }'; }

declare -A result   # result[stack/mode/rate] = "achieved|p50|p99|p999|max|errors|serious|cpu"
declare -A rates_of sustainable sustainable500 routes_of
routes_at=()        # per-route lines of each stack/mode at its sustainable rate
# CPU of a process tree (ns): utime + stime of PID and its children, and of
# the children it reaped (/proc/PID/stat, clock ticks). Not schedstat: the
# peer's thread pool lets idle threads go, and a thread's schedstat goes
# with it, while its ticks stay in the process's stat.
ticks_ns() {  # PID
  local pid t=0 hz
  hz=$(getconf CLK_TCK)
  for pid in $1 $(pgrep -P "$1"); do
    t=$((t + $(awk -v hz="$hz" '{ sub(/.*\) /, ""); printf "%.0f", ($12 + $13) / hz * 1e9 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $((t + $(awk -v hz="$hz" '{ sub(/.*\) /, ""); printf "%.0f", ($14 + $15) / hz * 1e9 }' "/proc/$1/stat" 2>/dev/null || echo 0)))
}
cpu_ns() {  # STACK MODE: the server's, nginx's and PostgreSQL's CPU so far (ns)
  local n=0
  [ "$2" = nginx ] && n=$(ticks_ns "${master[nginx]}")
  echo "$(ticks_ns "${master[$1]}") $n $(ticks_ns "$db_master")"
}
step_at() {  # STACK MODE TARGET TLS RATE: one step of the sweep
  local key=$1/$2/$5 before after
  before=$(cpu_ns "$1" "$2")
  drive "$3" "$4" "$5:$step"
  after=$(cpu_ns "$1" "$2")
  local line
  line=$(grep '^phase' <<<"$out")
  local answered
  answered=$(field answered <<<"$line")
  result[$key]="$(field achieved <<<"$line")|$(field p50 <<<"$line")|$(field p99 <<<"$line")|$(field p999 <<<"$line")|$(field max <<<"$line")|$(field errors <<<"$line")|$(field serious_errors <<<"$line")|$(awk -v b="$before" -v a="$after" -v n="$answered" 'BEGIN {
    split(b, x, " "); split(a, y, " "); if (n == 0) n = 1
    printf "%.0f / %.0f / %.0f", (y[1] - x[1]) / n / 1000, (y[2] - x[2]) / n / 1000, (y[3] - x[3]) / n / 1000 }')|$(cut -d' ' -f1 /proc/loadavg)"
  rates_of[$1/$2]+=" $5"
  routes_of[$key]=$(grep '^route' <<<"$out")
  log "$1 $2 at $5/s: $(cut -d'|' -f1-7 <<<"${result[$key]}")"
}
within() {  # KEY BOUND: p99 within BOUND ms, no error but 4xx
  local r=${result[$1]}
  awk -v p="$(cut -d'|' -f3 <<<"$r")" -v s="$(cut -d'|' -f7 <<<"$r")" -v b="$2" 'BEGIN { exit !(p <= b && s == 0) }'
}
broken() {  # KEY: p99 past 500 ms, or an error
  local r=${result[$1]}
  awk -v p="$(cut -d'|' -f3 <<<"$r")" -v s="$(cut -d'|' -f7 <<<"$r")" 'BEGIN { exit !(p > 500 || s > 0) }'
}

sweep() {  # STACK MODE TARGET TLS
  local rate=10 b
  declare -A ok=() routes_ok=()
  drive "$3" "$4" "30:4" >/dev/null  # warm-up: caches, connections, the pool, the copied database
  while :; do
    step_at "$@" "$rate"
    for b in "$bound" 500; do
      if within "$1/$2/$rate" "$b"; then ok[$b]=$rate; routes_ok[$b]=${routes_of[$1/$2/$rate]}; fi
    done
    if broken "$1/$2/$rate" || [ "$rate" -ge 20480 ]; then break; fi
    rate=$((rate * 2))
  done
  # for each bound, three steps between the highest rate within it and the
  # next on the ladder (a step that missed it, or broke)
  local k r
  for b in "$bound" 500; do
    local from=${ok[$b]:-0}
    for k in 1 2 3; do
      [ "$from" -gt 0 ] || break
      r=$((from + from * k / 4))
      [ -n "${result[$1/$2/$r]:-}" ] || step_at "$@" "$r"
      if within "$1/$2/$r" "$b"; then ok[$b]=$r; routes_ok[$b]=${routes_of[$1/$2/$r]}; else break; fi
    done
  done
  # a step's p99 is noisy: the sustainable rate is the highest of all the
  # steps within the bound, wherever the ladder or the refining put it
  for b in "$bound" 500; do
    for r in ${rates_of[$1/$2]}; do
      if [ "$r" -gt "${ok[$b]:-0}" ] && within "$1/$2/$r" "$b"; then ok[$b]=$r; routes_ok[$b]=${routes_of[$1/$2/$r]}; fi
    done
  done
  sustainable[$1/$2]=${ok[$bound]:-0}
  sustainable500[$1/$2]=${ok[500]:-0}
  local name=$1
  [ "$1" = peer ] && name=$peer_name
  routes_at+=("$name/$2/${ok[$bound]:-0}" "${routes_ok[$bound]:-}")
}

# The lock is taken once for all the timed runs (sweeps and past capacity),
# so that no other bench runs between two of them. Its descriptor is closed
# in the servers and nginx (`8>&-` in start_*): a process holding it would
# hold the lock after this script let go.
locked() {
  [ -z "${lock_held:-}" ] || return 0
  log "waiting for /tmp/bench.lock"
  exec 8>/tmp/bench.lock
  flock 8
  lock_held=1
  log "bench lock held"
}
unlocked() { flock -u 8 2>/dev/null || true; exec 8>&-; lock_held=""; }

run_stack() {  # STACK MODE
  local stack=$1 mode=$2 target tls=0 base
  fresh_database
  if [ "$stack" = ours ]; then start_ours; else start_peer; fi
  if [ "$mode" = nginx ]; then
    start_nginx "${port[$stack]}"
    target=127.0.0.1:${port[nginx]} tls=1 base=https://127.0.0.1:${port[nginx]}
  else
    target=127.0.0.1:${port[$stack]} base=http://127.0.0.1:${port[$stack]}
  fi
  if [ "$stack" = ours ]; then log_in_ours "$base"; else peer_session; fi
  locked
  sweep "$stack" "$mode" "$target" "$tls"
  [ "$mode" = nginx ] && stop_server nginx
  stop_server "$stack"
  log "$stack $mode: sustainable ${sustainable[$stack/$mode]} req/s (p99 <= $bound ms, no error)"
}

# ---- past capacity -------------------------------------------------------------------
overload_rows=()
overload_windows=()
overload() {  # MODE RATE: half RATE for 5 s, twice RATE for 10 s, then half of it for 10 s
  local mode=$1 rate=$2 target tls=0 base high low
  high=$((rate * 2)) low=$((rate / 2))
  fresh_database
  start_ours
  if [ "$mode" = nginx ]; then
    start_nginx "${port[ours]}"
    target=127.0.0.1:${port[nginx]} tls=1 base=https://127.0.0.1:${port[nginx]}
  else
    target=127.0.0.1:${port[ours]} base=http://127.0.0.1:${port[ours]}
  fi
  log_in_ours "$base"
  locked
  drive "$target" "$tls" "30:4" >/dev/null
  drive "$target" "$tls" "$low:5" "$high:10" "$low:10" -- --windows "$tmp/windows-$mode.csv"
  local access_503=0
  [ "$mode" = nginx ] && stop_server nginx
  stop_server ours
  local phase line
  for phase in 1 2 3; do
    line=$(grep "^phase	phase=$phase	" <<<"$out")
    overload_rows+=("| $mode | $(field offered <<<"$line") for $(field seconds <<<"$line") s | $(field achieved <<<"$line") | $(field p50 <<<"$line") | $(field p99 <<<"$line") | $(field p999 <<<"$line") | $(field max <<<"$line") | $(field errors <<<"$line" | sed 's/,/, /g') |")
  done
  # recovery: from the drop (t = 15 s), the first 100 ms window after which
  # every window's p99 stays within twice the p99 of the first 5 s (the
  # same rate before the overload), or 5 ms
  local normal recovered
  normal=$(grep "^phase	phase=1	" <<<"$out" | field p99)
  recovered=$(awk -F, -v n="$normal" 'NR > 1 && $1 > 15.0 && $1 <= 25.0 {
      t[++k] = $1; p[k] = $6 }
    END { r = ""; for (i = k; i >= 1; --i) { if (p[i] > 2 * n && p[i] > 5) break; r = t[i] }
          if (r == "") print "never"; else printf "%.1f", r - 15.0 }' "$tmp/windows-$mode.csv")
  overload_rows+=("| $mode | recovery | p99 back within 2× the first 5 s's ($normal ms) | ${recovered} s after the drop | | | | max queued in the driver: $(awk -F, 'NR > 1 && $9 > m { m = $9 } END { print m + 0 }' "$tmp/windows-$mode.csv"); most in flight: $(awk -F, 'NR > 1 && $10 > m { m = $10 } END { print m + 0 }' "$tmp/windows-$mode.csv") |")
  overload_windows+=("$mode" "$(awk -F, 'NR == 1 || ($1 >= 4.0 && $1 <= 6.0) || ($1 >= 13.0 && $1 <= 17.5)' "$tmp/windows-$mode.csv")")
  cp "$tmp/windows-$mode.csv" "/tmp/day_of_traffic-windows-$mode.csv"
  log "past capacity, $mode: recovered ${recovered} s after the drop; windows in /tmp/day_of_traffic-windows-$mode.csv"
}

# ---- the runs -----------------------------------------------------------------------
modes=(straight)
[ "$with_nginx" = 1 ] && modes+=(nginx)
if [ "$with_peer" = 1 ]; then
  [ -f "$peer_dir/day_app.py" ] || die "bench/peer/day_app.py is missing (use --no-peer)"
  "$python" -c 'import fastapi, uvicorn, sqlalchemy, psycopg2, jinja2' 2>/dev/null ||
    die "the peer needs python3-fastapi, -uvicorn, -sqlalchemy, -psycopg2 and -jinja2"
fi
if [ -z "$only_overload" ]; then
  for mode in "${modes[@]}"; do
    [ "$with_ours" = 1 ] && run_stack ours "$mode"
    [ "$with_peer" = 1 ] && run_stack peer "$mode"
  done
fi
if [ "$with_overload" = 1 ]; then
  for mode in "${modes[@]}"; do
    r=${only_overload:-${sustainable500[ours/$mode]:-0}}
    [ "$r" -gt 0 ] && overload "$mode" "$r"
  done
fi

unlocked

# ---- report -------------------------------------------------------------------------
report=$tmp/report.md
{
  if [ -z "$only_overload" ]; then
    for mode in "${modes[@]}"; do
      echo "Sweep, $mode ($([ "$mode" = nginx ] && echo "the driver to nginx over TLS, one upstream connection per request" || echo "the driver's connections kept alive to the port")):"
      echo
      echo "| stack | offered req/s | achieved | p50 ms | p99 ms | p99.9 ms | max ms | errors | CPU µs/req: server / nginx / PostgreSQL | load |"
      echo "|---|---|---|---|---|---|---|---|---|---|"
      for stack in ours peer; do
        name=$stack
        [ "$stack" = peer ] && name=$peer_name
        for r in ${rates_of[$stack/$mode]:-}; do
          IFS='|' read -r a p50 p99 p999 mx e s cpu ld <<<"${result[$stack/$mode/$r]}"
          echo "| $name | $r | $a | $p50 | $p99 | $p999 | $mx | ${e//,/, } | $cpu | $ld |"
        done
      done
      echo
    done
    echo "Side by side at the same offered rate (p99 ms, ours / the $peer_name's; errors but 4xx in brackets):"
    echo
    echo "| offered req/s | $(printf '%s | ' "${modes[@]}")"
    echo "|---|$(printf -- '---|%.0s' "${modes[@]}")"
    for r in $(for k in "${!result[@]}"; do echo "${k##*/}"; done | sort -n | uniq); do
      line="| $r |"
      for mode in "${modes[@]}"; do
        o=${result[ours/$mode/$r]:-} p=${result[peer/$mode/$r]:-}
        cell() { [ -z "$1" ] && { echo "—"; return; }; IFS='|' read -r _ _ p99 _ _ _ s _ _ <<<"$1"; [ "$s" = 0 ] && echo "$p99" || echo "$p99 ($s)"; }
        line+=" $(cell "$o") / $(cell "$p") |"
      done
      echo "$line"
    done
    echo
    echo "Sustainable rate: the highest offered rate with p99 within the bound and no error but 4xx:"
    echo
    echo "| mode | bound | ours req/s | the $peer_name's req/s | ratio |"
    echo "|---|---|---|---|---|"
    for mode in "${modes[@]}"; do
      for b in "$bound" 500; do
        if [ "$b" = "$bound" ]; then o=${sustainable[ours/$mode]:-0} p=${sustainable[peer/$mode]:-}; else o=${sustainable500[ours/$mode]:-0} p=${sustainable500[peer/$mode]:-}; fi
        ratio="—"
        [ "$with_ours" = 1 ] || o="not run"
        if [ "$with_ours" = 1 ] && [ -n "$p" ] && [ "$p" -gt 0 ]; then ratio=$(awk -v o="$o" -v p="$p" 'BEGIN { printf "%.1f×", o / p }'); fi
        echo "| $mode | p99 <= $b ms | $o | ${p:-not run} | $ratio |"
      done
    done
    echo
    echo "Per route at the sustainable rate (p50 / p99 ms):"
    echo
    echo "| route | $(for ((i = 0; i < ${#routes_at[@]}; i += 2)); do printf '%s | ' "${routes_at[i]}"; done)"
    echo "|---|$(for ((i = 0; i < ${#routes_at[@]}; i += 2)); do printf -- '---|'; done)"
    for route in $(cut -f1 "$tmp/requests.tsv" | grep -v '^#' | sort -u | tr ' ' '_'); do
      line="| ${route//_/ } |"
      for ((i = 1; i < ${#routes_at[@]}; i += 2)); do
        rl=$(grep -F "route=${route//_/ }	" <<<"${routes_at[i]}" || true)
        if [ -n "$rl" ]; then line+=" $(field p50 <<<"$rl") / $(field p99 <<<"$rl") |"; else line+=" — |"; fi
      done
      echo "$line"
    done
    echo
  fi
  if [ "${#overload_rows[@]}" -gt 0 ]; then
    echo "Past capacity (ours): half the rate it serves (the sustainable rate at p99 <= 500 ms) for 5 s, twice that rate for 10 s, half again for 10 s:"
    echo
    echo "| mode | phase | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${overload_rows[@]}"
    echo
    for ((i = 0; i < ${#overload_windows[@]}; i += 2)); do
      echo "Windows of 100 ms, ${overload_windows[i]} (t: end of the window, s from the start; latency from the intended time of the requests answered in it; queued: due but not yet sent by the driver; in flight: sent, not answered):"
      echo
      echo '```'
      echo "${overload_windows[i + 1]}"
      echo '```'
      echo
    done
  fi
} >"$report"
cat "$report"

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — a day of traffic, commit $commit$dirty"
    echo
    echo "\`bench/day_of_traffic.sh $args_given\`: data $seeded_with: $sizes (seeded in ${seed_seconds} s; a fresh copy for each stack and mode, ${copy_ms} ms);"
    echo "the request list: $list_note; $conns connections, steps of $step s, 10 s timeout."
    [ "$peer_dir" = "$here/peer" ] || echo "The peer's app from $peer_dir ($(git -C "$peer_dir" log -1 --format=%h 2>/dev/null || echo '?') and its uncommitted changes, not merged yet)."
    echo "Ours: \`taskset -c 1 construction serve -w $workers --keep-alive 5\` (Release, $(basename "$build")); the peer: \`taskset -c 1 $([ "$peer_keeps" = 1 ] && echo "env PEER_KEEPS=1 ")gunicorn -k uvicorn.workers.UvicornWorker -w $workers day_app:app\` ($("$gunicorn" --version 2>&1));"
    echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') with deploy/nginx/construction.conf (ports, upstream, certificate and log paths rewritten; TLS with a self-signed P-256 certificate) on core 1 beside the server;"
    echo "PostgreSQL $pg_version and the driver on core 0. $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
