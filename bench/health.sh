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
#   --head         build the committed HEAD (git archive into a temp dir)
#                  instead of the work tree
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
# whole box, not of the server alone. Everything is bounded (fixed durations)
# and every process started here is stopped on exit, even on failure.
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
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "health.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Debian's gunicorn runs on Debian's python3 (a python3 earlier on PATH, e.g.
# pyenv's, has no uvicorn): name both by their full paths.
gunicorn=/usr/bin/gunicorn
python=/usr/bin/python3
for tool in wrk curl ss pgrep "$gunicorn" "$python"; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "health.sh: $tool is missing: run scripts/install-deps.sh --bench" >&2; exit 1; }
done
"$python" -c 'import fastapi, uvicorn' 2>/dev/null ||
  { echo "health.sh: python3-fastapi/python3-uvicorn missing: run scripts/install-deps.sh --bench" >&2; exit 1; }
if [ "$do_strace" = 1 ] && ! command -v strace >/dev/null 2>&1; then
  echo "health.sh: --strace needs strace (apt-get install -y strace)" >&2; exit 1
fi

tmp=$(mktemp -d /tmp/construction-bench.XXXXXX)
groups=()  # process groups started here (each server runs under setsid)

stop_group() {
  local pg=$1 i
  kill -TERM -- "-$pg" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    alive "$pg" || { wait "$pg" 2>/dev/null; return 0; }
    sleep 0.1
  done
  kill -KILL -- "-$pg" 2>/dev/null || true
  wait "$pg" 2>/dev/null || true
}

alive() {  # PGID: does the group have a process that is not a zombie?
  ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

cleanup() {
  local status=$?
  set +e
  for pg in "${groups[@]}"; do stop_group "$pg"; done
  if [ "$status" -ne 0 ]; then
    echo "health.sh: failed (status $status); logs kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }

# ---- build ------------------------------------------------------------------
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if [ "$from_head" = 1 ]; then
  src="$tmp/src"
  mkdir -p "$src"
  git -C "$repo" archive HEAD | tar -x -C "$src"
  builddir="$tmp/build"
  build=1
else
  src=$repo
  builddir="$repo/build-bench"
  if [ -n "$(git -C "$repo" status --porcelain -- . ':!bench' 2>/dev/null)" ]; then
    dirty=" + uncommitted changes"
  fi
fi
if [ "$build" = 1 ]; then
  log "building $src (RelWithDebInfo) in $builddir"
  cmake -S "$src" -B "$builddir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log" >&2; exit 1; }
  cmake --build "$builddir" -j2 --target construction >"$tmp/build.log" 2>&1 ||
    { tail -30 "$tmp/build.log" >&2; exit 1; }
fi
binary="$builddir/construction"
[ -x "$binary" ] || { echo "health.sh: no binary at $binary" >&2; exit 1; }

# ---- servers ----------------------------------------------------------------
free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_healthy() {  # PORT NAME LOG
  local i body
  for i in $(seq 1 100); do
    body=$(curl -fsS --max-time 1 "http://127.0.0.1:$1/health" 2>/dev/null || true)
    if [ "$body" = "ok" ]; then return 0; fi
    sleep 0.1
  done
  echo "health.sh: $2 does not answer GET /health with 200 ok on port $1; its log:" >&2
  tail -20 "$3" >&2
  exit 1
}

declare -A port master errlog
# start NAME -- COMMAND...: runs COMMAND in its own session (process group),
# in the temp dir, with its output in NAME.out.
start() {
  local name=$1
  shift 2
  (cd "$tmp" && exec setsid "$@" >"$tmp/$name.out" 2>&1) &
  local pid=$!
  groups+=("$pid")
  master[$name]=$pid
}

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
  wait_healthy "$p" "$1" "${errlog[$1]}"
}

start_peer() {
  local p
  p=$(free_port)
  port[peer]=$p
  errlog[peer]="$tmp/peer-error.log"
  start peer -- "$gunicorn" --chdir "$here/peer" -k uvicorn.workers.UvicornWorker -w 2 \
    -b "127.0.0.1:$p" --keep-alive 5 --access-logfile "$tmp/peer-access.log" \
    --error-logfile "${errlog[peer]}" health_app:app
  wait_healthy "$p" peer "${errlog[peer]}"
}

# ---- measuring --------------------------------------------------------------
to_ms() {  # wrk's 622.00us / 1.05ms / 1.20s -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

rss_mb() {  # PID -> "RSS (PSS)" in MB: VmRSS, and the proportional set size,
  # which splits the pages shared with the master and the other workers
  local rss pss
  rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?")
  pss=$(awk '/^Pss:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo "?")
  echo "$rss ($pss)"
}

rss_of() {  # NAME -> "master M / workers W1, W2"
  local m=${master[$1]} w out
  out="$(rss_mb "$m") / "
  local first=1
  for w in $(pgrep -P "$m" | sort -n); do
    [ $first = 1 ] || out+=", "
    out+=$(rss_mb "$w")
    first=0
  done
  echo "$out"
}

unserved() {  # PORT -> open connections the server has not sent a byte on yet
  ss -Htni state established "( sport = :$1 )" | awk '
    /^[0-9]/ { if (seen) n += !sent; seen = 1; sent = 0; next }
    /data_segs_out:/ { sent = 1 }
    END { if (seen) n += !sent; print n + 0 }'
}

# CPU accounting, so that a run on a busy machine shows as one: time on CPU
# (ns, /proc/PID/task/*/schedstat: exact, where the ticks of /proc/PID/stat
# miss most of a network server's kernel time) of a server (master and
# workers) and of wrk (sampled just before it ends), and the machine's busy
# time from /proc/stat.
sched_ns() {  # PID -> ns on CPU, all threads
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ t += $1 } END { printf "%.0f", t }'
}
group_ns() {  # NAME -> ns on CPU of the master and its workers
  local m=${master[$1]} t=0 pid
  for pid in $m $(pgrep -P "$m"); do t=$((t + $(sched_ns "$pid"))); done
  echo "$t"
}
machine_busy_ns() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) / hz * 1e9 }' /proc/stat
}

rows=()
declare -A rps cpu_us
# measure NAME MODE CONNS
measure() {
  local name=$1 mode=$2 c=$3 p=${port[$1]} script=() out
  if [ "$mode" = close ]; then script=(-s "$here/close.lua"); fi
  local url="http://127.0.0.1:$p/health"
  wrk -t"$threads" -c"$c" -d"${warmup}s" "${script[@]}" "$url" >/dev/null
  out="$tmp/wrk-$name-$mode-$c.txt"
  local waiting="-" s0 m0 s1 m1 w=0 t0
  s0=$(group_ns "$name"); m0=$(machine_busy_ns); t0=$(date +%s%N)
  wrk -t"$threads" -c"$c" -d"${duration}s" --latency "${script[@]}" "$url" >"$out" &
  local wpid=$!
  if [ "$mode" = keep-alive ]; then
    sleep "$(awk -v d="$duration" 'BEGIN { print d / 2 }')"
    waiting=$(unserved "$p")
  fi
  # wrk's own CPU, read 0.3 s before its end and scaled to the whole run
  sleep "$(awk -v d="$duration" -v t0="$t0" -v now="$(date +%s%N)" \
    'BEGIN { r = d - 0.3 - (now - t0) / 1e9; print (r > 0 ? r : 0) }')"
  local wt
  wt=$(sched_ns "$wpid")
  w=$(awk -v w="${wt:-0}" -v d="$duration" -v t0="$t0" -v now="$(date +%s%N)" \
    'BEGIN { e = (now - t0) / 1e9; printf "%.0f", (e > 0 ? w * d / e : 0) }')
  wait "$wpid"
  s1=$(group_ns "$name"); m1=$(machine_busy_ns)
  local r n p50 p99 non2xx sockerr cpu
  r=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  n=$(awk '/requests in/ { print $1 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  sockerr=$(awk '/Socket errors/ { sub(/.*Socket errors: */, ""); print }' "$out")
  # the server's µs of CPU per request; cores used by the server, by wrk, and
  # by the rest (other processes, and kernel work charged to no task)
  cpu=$(awk -v s="$((s1 - s0))" -v w="$w" -v m="$((m1 - m0))" -v n="$n" -v d="$duration" 'BEGIN {
      rest = m - s - w; if (rest < 0) rest = 0
      printf "%.1f | %.2f / %.2f / %.2f", s / 1e3 / (n ? n : 1), s / 1e9 / d, w / 1e9 / d, rest / 1e9 / d }')
  rps[$name/$mode/$c]=$r
  cpu_us[$name/$mode/$c]=${cpu%% *}
  rows+=("| $name | $mode | $c | $r | $p50 | $p99 | ${non2xx:-0} | ${sockerr:-none} | $waiting | $cpu |")
  log "$name $mode c=$c: $r req/s, p50 $p50 ms, p99 $p99 ms; cpu µs/req | server/wrk/rest cores: $cpu"
}

# strace -c on all the workers while wrk runs; syscalls per request are the
# counts divided by the requests served, which is the number of write(2)
# calls: both servers write one access-log line per request and nothing else
# with write(2) under load (ours sends with sendmsg, uvicorn with send).
syscalls_per_request() {  # NAME MODE CONNS
  local name=$1 mode=$2 c=$3 script=() w pids=()
  if [ "$mode" = close ]; then script=(-s "$here/close.lua"); fi
  for w in $(pgrep -P "${master[$name]}"); do pids+=(-p "$w"); done
  local out="$tmp/strace-$name-$mode.txt"
  timeout -s INT 8 strace -c -f -o "$out" "${pids[@]}" 2>/dev/null &
  local spid=$!
  sleep 0.5
  wrk -t"$threads" -c"$c" -d5s "${script[@]}" "http://127.0.0.1:${port[$name]}/health" >/dev/null
  wait "$spid" || true
  # Requests served: ours sends each response with one sendmsg; the peer
  # (asyncio) with one send/write per response.
  # Columns of strace -c: % time, seconds, usecs/call, calls, [errors], syscall.
  local per
  per=$(awk '
    $1 ~ /^[0-9.]+$/ && $4 ~ /^[0-9]+$/ {
      if ($NF == "total") { total = $4; next }
      calls[$NF] = $4
      if ($NF == "write") req = $4
    }
    END {
      if (req == 0) { print "no requests seen"; exit }
      printf "%.1f per request (%d requests):", total / req, req
      n = 0
      for (s in calls) order[++n] = s
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (calls[order[j]] > calls[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= n; i++) printf " %s %.2f", order[i], calls[order[i]] / req
      print ""
    }' "$out")
  echo "| $name | $mode | $c | $per |"
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
  measure ours-close close "$c"
  if [ "$no_log" = 1 ]; then measure ours-nolog close "$c"; fi
  measure peer close "$c"
done
rss[ours-close]=$(rss_of ours-close)
for c in 2 $conns_list; do
  measure ours-ka keep-alive "$c"
  if [ "$no_log" = 1 ]; then measure ours-nolog keep-alive "$c"; fi
  measure peer keep-alive "$c"
done
rss[ours-ka]=$(rss_of ours-ka)
if [ "$no_log" = 1 ]; then rss[ours-nolog]=$(rss_of ours-nolog); fi
rss[peer]=$(rss_of peer)

strace_rows=()
if [ "$do_strace" = 1 ]; then
  log "strace -c on the workers of each (slows them down)"
  strace_rows+=("$(syscalls_per_request ours-close close 16)")
  strace_rows+=("$(syscalls_per_request ours-ka keep-alive 2)")
  strace_rows+=("$(syscalls_per_request peer close 16)")
  strace_rows+=("$(syscalls_per_request peer keep-alive 2)")
fi

# Our error logs: anything at ERROR/CRITICAL, and workers booted beyond the 2.
problems=()
for name in ours-close ours-ka ours-nolog; do
  [ -n "${errlog[$name]:-}" ] || continue
  n=$(grep -cE '\[(ERROR|CRITICAL)\]' "${errlog[$name]}" || true)
  b=$(grep -c 'Booting worker' "${errlog[$name]}" || true)
  if [ "$n" -gt 0 ]; then
    problems+=("$name: $n ERROR/CRITICAL lines: $(grep -E '\[(ERROR|CRITICAL)\]' "${errlog[$name]}" | head -3 | tr '\n' ' ')")
  fi
  if [ "$b" -gt 2 ]; then problems+=("$name: $b workers booted (2 expected): a worker died"); fi
done
n=$(grep -cE '\[(ERROR|CRITICAL)\]' "${errlog[peer]}" || true)
if [ "$n" -gt 0 ]; then problems+=("peer: $n ERROR/CRITICAL lines"); fi

# ---- report -----------------------------------------------------------------
ratio() {  # OURS PEER
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "?" }'
}
report="$tmp/report.md"
{
  echo "| server | mode | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | unserved | server CPU µs/req | cores: server / wrk / rest |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "unserved: keep-alive connections with no byte answered in a mid-run sample (wrk does"
  echo "not count them). server CPU µs/req: time on CPU of master and workers per request"
  echo "(schedstat). cores: CPU used during the run by the server, by wrk, and by the rest"
  echo "(other processes on the machine, kernel work charged to no task); 2 cores in all."
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
  if [ ${#strace_rows[@]} -gt 0 ]; then
    echo
    echo "Syscalls per request, both workers under \`strace -c -f\` (5 s of wrk; strace slows them;
requests = write(2) calls = access-log lines):"
    echo
    echo "| server | mode | conns | syscalls |"
    echo "|---|---|---|---|"
    printf '%s\n' "${strace_rows[@]}"
  fi
  echo
  if [ ${#problems[@]} -gt 0 ]; then
    printf -- '- problem: %s\n' "${problems[@]}"
  else
    echo "No ERROR/CRITICAL line in any error log; no worker died."
  fi
} >"$report"

cat "$report"

if [ "$write_results" = 1 ]; then
  cpu=$(lscpu | awk -F': *' '/^Model name/ { print $2; exit }')
  mem=$(free -m | awk '/^Mem:/ { print $2 }')
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
    echo "Machine: $(nproc) cores ($cpu), $mem MB RAM, Linux $(uname -r); wrk shares the cores with the servers."
    echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
