#!/usr/bin/env bash
# Benchmark of GET /health (issue 3, point 7): construction against the peer,
# a FastAPI app run by Debian's gunicorn with uvicorn's worker class, both
# with 2 workers and an access log written to a file, on 127.0.0.1 only.
#
#   bench/health.sh [--duration S] [--conns "16 64"] [--no-build] [--head]
#                   [--no-log] [--strace] [--no-results]
#
#   --duration S   seconds of each measured wrk run (default 10; 2 s warm-up first)
#   --conns LIST   wrk connection counts (default "16 64"); keep-alive also runs
#                  with 2 connections, one per worker (see "Keep-alive" below)
#   --no-build     use build-bench/construction as it is
#   --head         build the committed HEAD (git archive, a build cached per
#                  commit in /tmp/construction-bench-head) instead of the work tree
#   --no-log       also measure ours with --access-logfile /dev/null
#   --strace       also count the workers' syscalls per request with strace -c
#   --no-results   print the tables only; do not append to bench/RESULTS.md
#
# Modes: "close" sends `Connection: close` (bench/close.lua), so every request
# is a new connection; "keep-alive" is wrk's default (ours runs with
# --keep-alive 5, the peer with gunicorn's --keep-alive 5).
#
# Keep-alive: a sync worker serves one connection at a time, for as long as
# the client keeps sending on it. With more connections than workers the rest
# wait in the accept queue, unserved, and wrk does not report them (it counts
# only completed requests). The "unserved" column counts, in a mid-run
# `ss -tni` sample, the open connections on which the server has not sent a
# byte yet (a connection accepted that very moment counts too).
#
# wrk and both servers share this machine's cores: the numbers are of the
# whole box, not of the server alone. A run during which other processes used
# more than 0.25 cores is repeated once, and the quieter try kept. Everything
# is bounded (fixed durations) and every process started here is stopped on
# exit, even on failure (bench/lib.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

duration=10
warmup=2
threads=2
conns_list="16 64"
build=1
from_head=0
no_log=0
do_strace=0
write_results=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --conns) conns_list=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --head) from_head=1; shift ;;
    --no-log) no_log=1; shift ;;
    --strace) do_strace=1; shift ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "health.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$here/lib.sh"

need_tools wrk curl ss pgrep flock "$gunicorn" "$python"
"$python" -c 'import fastapi, uvicorn' 2>/dev/null ||
  die "python3-fastapi/python3-uvicorn missing: run scripts/install-deps.sh --bench"
if [ "$do_strace" = 1 ]; then need_tools strace; fi

build_binaries "$from_head" "$build" construction
binary="$builddir/construction"
[ -x "$binary" ] || die "no binary at $binary"

start_ours() {  # NAME KEEPALIVE ACCESSLOG
  local p
  p=$(free_port)
  port[$1]=$p
  errlog[$1]="$tmp/$1-error.log"
  # No PostgreSQL is needed for /health: point the workers at a socket that
  # does not exist so they never reach a database someone else is running.
  start "$1" -- env APP_ENV=development DATABASE_URL="postgresql:///bench?host=$tmp/no-postgres" \
    "$binary" serve -b "127.0.0.1:$p" -w 2 --keep-alive "$2" \
    --access-logfile "$3" --error-logfile "${errlog[$1]}"
  wait_answer "$1" /health ok
}

start_peer() {
  local p
  p=$(free_port)
  port[peer]=$p
  errlog[peer]="$tmp/peer-error.log"
  start peer -- "$gunicorn" --chdir "$here/peer" -k uvicorn.workers.UvicornWorker -w 2 \
    -b "127.0.0.1:$p" --keep-alive 5 --access-logfile "$tmp/peer-access.log" \
    --error-logfile "${errlog[peer]}" health_app:app
  wait_answer peer /health ok
}

# ---- run --------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting servers (temp dir $tmp); load average $load_before"
start_ours ours-close 0 "$tmp/ours-close-access.log"
start_ours ours-ka 5 "$tmp/ours-ka-access.log"
if [ "$no_log" = 1 ]; then start_ours ours-nolog 5 /dev/null; fi
start_peer

declare -A rss
for c in $conns_list; do
  measure ours-close ours-close close "$c" /health
  if [ "$no_log" = 1 ]; then measure ours-nolog ours-nolog close "$c" /health; fi
  measure peer peer close "$c" /health
done
rss[ours-close]=$(rss_of ours-close)
for c in 2 $conns_list; do
  measure ours-ka ours-ka keep-alive "$c" /health
  if [ "$no_log" = 1 ]; then measure ours-nolog ours-nolog keep-alive "$c" /health; fi
  measure peer peer keep-alive "$c" /health
done
rss[ours-ka]=$(rss_of ours-ka)
if [ "$no_log" = 1 ]; then rss[ours-nolog]=$(rss_of ours-nolog); fi
rss[peer]=$(rss_of peer)

strace_rows=()
if [ "$do_strace" = 1 ]; then
  log "strace -c on the workers of each (slows them down)"
  strace_rows+=("$(syscalls_per_request ours-close close 16 /health write)")
  strace_rows+=("$(syscalls_per_request ours-ka keep-alive 2 /health write)")
  strace_rows+=("$(syscalls_per_request peer close 16 /health write)")
  strace_rows+=("$(syscalls_per_request peer keep-alive 2 /health write)")
fi

check_error_logs ours-close ours-ka ours-nolog peer

# ---- report -----------------------------------------------------------------
report="$tmp/report.md"
{
  rows_table
  echo
  echo "| mode | conns | ours ÷ peer (req/s) | peer ÷ ours (server CPU per request) | goal (req/s) |"
  echo "|---|---|---|---|---|"
  for c in $conns_list; do
    echo "| close | $c | $(ratio "${rps[ours-close/close/$c]}" "${rps[peer/close/$c]}") | $(ratio "${cpu_us[peer/close/$c]}" "${cpu_us[ours-close/close/$c]}") | ≥ 8× |"
  done
  for c in 2 $conns_list; do
    echo "| keep-alive | $c | $(ratio "${rps[ours-ka/keep-alive/$c]}" "${rps[peer/keep-alive/$c]}") | $(ratio "${cpu_us[peer/keep-alive/$c]}" "${cpu_us[ours-ka/keep-alive/$c]}") | ≥ 3× |"
  done
  echo
  echo "Memory after the load, MB: VmRSS (PSS), master / workers (goal: RSS < 6 MB per worker):"
  echo
  echo "| server | after | master / workers |"
  echo "|---|---|---|"
  echo "| ours (--keep-alive 0) | close | ${rss[ours-close]} |"
  echo "| ours (--keep-alive 5) | keep-alive | ${rss[ours-ka]} |"
  if [ "$no_log" = 1 ]; then echo "| ours (access log /dev/null) | both | ${rss[ours-nolog]} |"; fi
  echo "| peer | both | ${rss[peer]} |"
  report_tail
} >"$report"

cat "$report"

if [ "$write_results" = 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — commit $commit$dirty"
    echo
    echo "\`bench/health.sh$( [ "$from_head" = 1 ] && echo ' --head')$( [ "$no_log" = 1 ] && echo ' --no-log')$( [ "$do_strace" = 1 ] && echo ' --strace') --duration $duration --conns \"$conns_list\"\`:"
    echo "\`wrk -t$threads -cN -d${duration}s --latency [-s bench/close.lua]\` after a ${warmup} s warm-up;"
    echo "ours: \`construction serve -b 127.0.0.1:PORT -w 2 --keep-alive 0|5 --access-logfile FILE\`;"
    echo "peer: \`gunicorn -k uvicorn.workers.UvicornWorker -w 2 --keep-alive 5 --access-logfile FILE health_app:app\`"
    echo "($("$gunicorn" --version 2>&1), uvicorn $("$python" -c 'import uvicorn; print(uvicorn.__version__)'),"
    echo "fastapi $("$python" -c 'import fastapi; print(fastapi.__version__)'), asyncio loop + h11)."
    machine_line
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
