#!/usr/bin/env bash
# Benchmarks of routes that query PostgreSQL: construction against the peer
# (bench/peer/db_app.py: FastAPI + SQLAlchemy on Debian's gunicorn with
# uvicorn's worker class), both with 2 workers, the same database, an access
# log written to a file, on 127.0.0.1 only.
#
#   bench/database.sh [--part db|projects|all] [--duration S] [--conns "16 64"]
#                     [--head] [--no-build] [--strace] [--no-results]
#
#   --part db        issue 4: GET /ready (SELECT 1) and one indexed single-row
#                    query (ours: the test server's /db/organisations/{id};
#                    the peer: /organisations/{id})
#   --part projects  issue 5: GET /api/v1/projects with a Bearer token, 50
#                    projects (ours: construction serve)
#   --part all       both (default; about 5 minutes)
#   --duration S     seconds of each measured wrk run (default 8; 1 s warm-up first)
#   --conns LIST     wrk connection counts (default "16 64"); the peer's async
#                    variant runs at the first count only
#   --head           build the committed HEAD (cached per commit), not the work tree
#   --no-build       use build-bench/ as it is
#   --strace         also count the workers' syscalls per request with strace -c
#   --no-results     print the tables only; do not append to bench/RESULTS.md
#
# PostgreSQL: with DATABASE_URL unset, a private cluster (scripts/pg-cluster.sh,
# fsync on) is started in a temp dir on a free port and removed on exit; with
# DATABASE_URL set, a database construction_bench_PID is created there (the
# role needs CREATEDB) and dropped on exit. Either way the script migrates and
# seeds it: 1 000 organisations, an owner and a token in the first, 50
# projects in it and 50 in each of 9 others.
#
# Modes: "close" sends `Connection: close` (bench/close.lua); "keep-alive" is
# wrk's default (ours runs with --keep-alive 5, the peer with gunicorn's
# --keep-alive 5). Each run is repeated once when other processes used more
# than 0.25 cores during it (the quieter try is kept).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=database.sh

part=all
duration=8
warmup=1
conns_list="16 64"
build=1
from_head=0
do_strace=0
write_results=1
args_given="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --part) part=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --conns) conns_list=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --head) from_head=1; shift ;;
    --strace) do_strace=1; shift ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "database.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$part" in db|projects|all) ;; *) echo "database.sh: --part db|projects|all" >&2; exit 2 ;; esac
want() { [ "$part" = all ] || [ "$part" = "$1" ]; }

# shellcheck source=bench/lib.sh
. "$here/lib.sh"

need_tools wrk curl ss pgrep psql flock "$gunicorn" "$python"
"$python" -c 'import fastapi, uvicorn, sqlalchemy, psycopg2' 2>/dev/null ||
  die "python3-fastapi, python3-uvicorn, python3-sqlalchemy, python3-psycopg2 are needed (Debian packages)"
if [ "$do_strace" = 1 ]; then need_tools strace; fi

build_binaries "$from_head" "$build" construction construction-testserver
binary="$builddir/construction"
testserver="$builddir/test/construction-testserver"
[ -x "$binary" ] && [ -x "$testserver" ] || die "no binaries in $builddir"

# ---- PostgreSQL -------------------------------------------------------------
db_note=""
if [ -z "${DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/construction-bench-pg.XXXXXX)
  cleanup_hooks+=("'$repo/scripts/pg-cluster.sh' stop '$pgdir' >/dev/null 2>&1; rm -rf '$pgdir'")
  log "starting PostgreSQL in $pgdir"
  DATABASE_URL=$("$repo/scripts/pg-cluster.sh" start "$pgdir" "$(free_port)" 2>"$tmp/pg-cluster.log") ||
    { cat "$tmp/pg-cluster.log" >&2; exit 1; }
  db_master=$(head -1 "$pgdir/data/postmaster.pid")
  db_note="a private cluster started by the script (scripts/pg-cluster.sh, fsync on)"
else
  bench_db="construction_bench_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "CREATE DATABASE $bench_db" >/dev/null
  cleanup_hooks+=("psql -X -q '$DATABASE_URL' -c 'DROP DATABASE IF EXISTS $bench_db' >/dev/null 2>&1")
  DATABASE_URL=$("$python" -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
    "$DATABASE_URL" "$bench_db")
  db_note="database $bench_db created in the given DATABASE_URL (its CPU is in \"rest\")"
fi
export DATABASE_URL
pg_version=$(psql -X -At "$DATABASE_URL" -c 'SHOW server_version')

sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$DATABASE_URL" "$@"; }

log "migrating and seeding"
APP_ENV=development "$binary" migrate >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }
echo "bench-password-1" | APP_ENV=development "$binary" create-user --org "Bench Builders" \
  --email owner@bench.example --role owner --password-stdin >"$tmp/create-user.log" 2>&1 ||
  { cat "$tmp/create-user.log" >&2; exit 1; }
token=$(APP_ENV=development "$binary" create-token --email owner@bench.example 2>"$tmp/create-token.log") ||
  { cat "$tmp/create-token.log" >&2; exit 1; }
sql <<'SQL'
INSERT INTO organisations (name) SELECT 'Bench organisation ' || g FROM generate_series(2, 1000) g;
INSERT INTO parties (org_id, kind, name) SELECT id, 'client', 'Client of ' || name FROM organisations;
-- 50 projects in the bench organisation (the first) and in 9 others; names
-- with a quote, an accent and a dash, so both sides escape JSON; some dates
-- and clients null.
INSERT INTO projects (org_id, number, name, client_id, site_address, status, contract_type,
                      retainage_work_bps, retainage_stored_bps, start_date, completion_date)
SELECT o.id, 'P-' || lpad(g::text, 3, '0'), 'Project ' || g || ' — "Élan" tower',
       CASE WHEN g % 3 = 0 THEN c.id END, g || ' High Street, Leeds LS1 ' || g || 'AB',
       (ARRAY['lead', 'estimating', 'active'])[1 + g % 3],
       CASE WHEN g % 2 = 0 THEN 'cost_plus' ELSE 'fixed_price' END, 500 + g, 1000,
       CASE WHEN g % 4 <> 0 THEN date '2027-01-01' + g END,
       CASE WHEN g % 4 <> 0 THEN date '2027-06-01' + g END
FROM organisations o JOIN parties c ON c.org_id = o.id, generate_series(1, 50) g
WHERE o.id <= 10;
UPDATE projects SET original_contract_sum_cents = 123456789 + id WHERE id % 7 = 0;
ANALYZE organisations, users, api_tokens, parties, projects;
SQL
org_id=$(sql -c "SELECT org_id FROM users WHERE email = 'owner@bench.example'")
probe_org=500  # the organisation the single-row query reads

# ---- servers ----------------------------------------------------------------
# Our two: the tests' server (for /db/organisations/{id}) and the product.
start_ours() {  # NAME BINARY [ENV...]
  local name=$1 bin=$2 p
  shift 2
  p=$(free_port)
  port[$name]=$p
  errlog[$name]="$tmp/$name-error.log"
  start "$name" -- env APP_ENV=development DATABASE_URL="$DATABASE_URL" "$@" \
    "$bin" serve -b "127.0.0.1:$p" -w 2 --keep-alive 5 \
    --access-logfile "$tmp/$name-access.log" --error-logfile "${errlog[$name]}"
  wait_answer "$name" /ready '{"database":"ok"}'
}

start_peer() {
  local p
  p=$(free_port)
  port[peer]=$p
  errlog[peer]="$tmp/peer-error.log"
  start peer -- env DATABASE_URL="$DATABASE_URL" "$gunicorn" --chdir "$here/peer" \
    -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:$p" --keep-alive 5 \
    --access-logfile "$tmp/peer-access.log" --error-logfile "${errlog[peer]}" db_app:app
  wait_answer peer /ready '{"database":"ok"}'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting servers (temp dir $tmp); load average $load_before"
if want db; then start_ours ours-db "$testserver" TESTSERVER_DATABASE=1; fi
if want projects; then start_ours ours "$binary"; fi
start_peer

get() {  # NAME PATH [CURL ARG...] -> body of a 200
  local name=$1 path=$2
  shift 2
  curl -fsS --max-time 5 "$@" "http://127.0.0.1:${port[$name]}$path"
}

# Both sides must answer the same before anything is measured.
same_json() {  # WHAT A B
  "$python" -c 'import json, sys
a, b = json.loads(sys.argv[2]), json.loads(sys.argv[3])
if a != b:
    sys.exit(sys.argv[1] + ": ours and the peer differ:\n  ours: " + sys.argv[2][:600] + "\n  peer: " + sys.argv[3][:600])' "$@"
}
auth=(-H "Authorization: Bearer $token")
if want db; then
  ours_body=$(get ours-db "/db/organisations/$probe_org")
  same_json "GET /organisations/$probe_org" "$ours_body" "$(get peer "/organisations/$probe_org")"
  same_json "GET /async/organisations/$probe_org" "$ours_body" "$(get peer "/async/organisations/$probe_org")"
  log "both answer /organisations/$probe_org with $ours_body"
fi
if want projects; then
  ours_body=$(get ours /api/v1/projects "${auth[@]}")
  same_json "GET /api/v1/projects" "$ours_body" "$(get peer /api/v1/projects "${auth[@]}")"
  same_json "GET /async/api/v1/projects" "$ours_body" "$(get peer /async/api/v1/projects "${auth[@]}")"
  project_count=$("$python" -c 'import json, sys; d = json.loads(sys.argv[1]); print(len(d["data"]))' "$ours_body")
  [ "$project_count" = 50 ] || die "ours lists $project_count projects, 50 expected"
  project_bytes=${#ours_body}
  log "both list the same $project_count projects ($project_bytes bytes of JSON from ours)"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer cst_${token:4:20}x" \
    "http://127.0.0.1:${port[peer]}/api/v1/projects")
  [ "$code" = 401 ] || die "the peer answers a wrong token with $code, not 401"
fi

# ---- runs -------------------------------------------------------------------
first_conns=${conns_list%% *}
for c in $conns_list; do
  for mode in close keep-alive; do
    if want db; then
      measure "ours /ready" ours-db "$mode" "$c" /ready
      measure "peer /ready" peer "$mode" "$c" /ready
      measure "ours /db/organisations/ID" ours-db "$mode" "$c" "/db/organisations/$probe_org"
      measure "peer /organisations/ID" peer "$mode" "$c" "/organisations/$probe_org"
      if [ "$c" = "$first_conns" ]; then
        measure "peer-async /async/organisations/ID" peer "$mode" "$c" "/async/organisations/$probe_org"
      fi
    fi
    if want projects; then
      measure "ours /api/v1/projects" ours "$mode" "$c" /api/v1/projects "${auth[@]}"
      measure "peer /api/v1/projects" peer "$mode" "$c" /api/v1/projects "${auth[@]}"
      if [ "$c" = "$first_conns" ]; then
        measure "peer-async /async/api/v1/projects" peer "$mode" "$c" /async/api/v1/projects "${auth[@]}"
      fi
    fi
  done
done

declare -A rss
for name in ours-db ours peer; do
  if [ -n "${master[$name]:-}" ]; then rss[$name]=$(rss_of "$name"); fi
done

strace_rows=()
if [ "$do_strace" = 1 ]; then
  log "strace -c on the workers of each (slows them down)"
  if want db; then
    strace_rows+=("$(syscalls_per_request ours-db close 16 "/db/organisations/$probe_org" write)")
    strace_rows+=("$(syscalls_per_request peer close 16 "/organisations/$probe_org" write)")
    strace_rows+=("$(syscalls_per_request ours-db keep-alive 16 "/db/organisations/$probe_org" write)")
    strace_rows+=("$(syscalls_per_request peer keep-alive 16 "/organisations/$probe_org" write)")
  fi
  if want projects; then
    strace_rows+=("$(syscalls_per_request ours keep-alive 16 /api/v1/projects write "${auth[@]}")")
    strace_rows+=("$(syscalls_per_request peer keep-alive 16 /api/v1/projects write "${auth[@]}")")
  fi
fi

check_error_logs ours-db ours peer

# ---- report -----------------------------------------------------------------
ratio_rows() {  # OURS-LABEL PEER-LABEL GOAL [REFERENCE-CLOSE REFERENCE-KA]
  local ours=$1 peer=$2 goal=$3 ref_close=${4:-} ref_ka=${5:-} c mode ref
  for c in $conns_list; do
    for mode in close keep-alive; do
      ref=$ref_close
      if [ "$mode" = keep-alive ]; then ref=$ref_ka; fi
      echo "| ${ours#ours } | $mode | $c | ${rps[$ours/$mode/$c]} / ${rps[$peer/$mode/$c]} | $(ratio "${rps[$ours/$mode/$c]}" "${rps[$peer/$mode/$c]}") | $(ratio "${cpu_us[$peer/$mode/$c]}" "${cpu_us[$ours/$mode/$c]}") | ${ref:+$(ratio "${rps[$ours/$mode/$c]}" "$ref") (vs $ref)} | ≥ $goal× |"
    done
  done
}

report="$tmp/report.md"
{
  rows_table
  echo
  echo "| route | mode | conns | req/s ours / peer | ours ÷ peer (req/s) | peer ÷ ours (server CPU per request) | ours ÷ the issue's reference peer | goal |"
  echo "|---|---|---|---|---|---|---|---|"
  if want db; then
    ratio_rows "ours /ready" "peer /ready" 10 400 900
    ratio_rows "ours /db/organisations/ID" "peer /organisations/ID" 10
  fi
  if want projects; then
    ratio_rows "ours /api/v1/projects" "peer /api/v1/projects" 20 190 320
  fi
  echo
  echo "Memory after the load, MB: VmRSS (PSS), master / workers:"
  echo
  echo "| server | master / workers |"
  echo "|---|---|"
  if want db; then echo "| ours (construction-testserver, TESTSERVER_DATABASE=1) | ${rss[ours-db]} |"; fi
  if want projects; then echo "| ours (construction) | ${rss[ours]} |"; fi
  echo "| peer (db_app, sync and async routes) | ${rss[peer]} |"
  report_tail
} >"$report"

cat "$report"

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — database routes, commit $commit$dirty"
    echo
    echo "\`bench/database.sh $args_given\`: \`wrk -t$threads -cN -d${duration}s --latency [-s bench/close.lua] [-H 'Authorization: Bearer …'] URL\` after a ${warmup} s warm-up;"
    echo "ours: \`[test/construction-testserver|construction] serve -b 127.0.0.1:PORT -w 2 --keep-alive 5 --access-logfile FILE\`"
    echo "(SQLALCHEMY_POOL_SIZE 5, MAX_OVERFLOW 10, prepared statements on);"
    echo "peer: \`gunicorn -k uvicorn.workers.UvicornWorker -w 2 --keep-alive 5 --access-logfile FILE db_app:app\`"
    echo "($("$gunicorn" --version 2>&1), uvicorn $("$python" -c 'import uvicorn; print(uvicorn.__version__)'),"
    echo "fastapi $("$python" -c 'import fastapi; print(fastapi.__version__)'), SQLAlchemy $("$python" -c 'import sqlalchemy; print(sqlalchemy.__version__)'),"
    echo "psycopg2 $("$python" -c 'import psycopg2; print(psycopg2.__version__.split()[0])'), pool_size 5, max_overflow 10; \`def\` routes with a Session dependency,"
    echo "and \`peer-async\`: \`async def\` + one run_in_threadpool)."
    echo "PostgreSQL $pg_version: $db_note."
    if want projects; then
      echo "Projects: both answer the same JSON ($project_count projects, next_cursor null; $project_bytes bytes from ours), checked before measuring."
    fi
    machine_line
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
