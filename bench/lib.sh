# Shared by the benchmark scripts (bench/health.sh, bench/database.sh):
# source it after setting `here` (bench/) and `repo`, and `bench_name` (for
# messages). It makes a temp dir ($tmp), stops every server started with
# `start` on exit (trap), builds, starts and measures. Bash only.
#
# Globals a script may set before `measure`: duration, warmup, threads;
# db_master (the PostgreSQL postmaster's pid: its CPU then gets a column);
# noisy_limit (cores used by other processes above which a run is repeated,
# default 0.25) and noisy_retries (default 1; the quietest try is kept).

gunicorn=/usr/bin/gunicorn  # Debian's; a python3 earlier on PATH (pyenv's) has
python=/usr/bin/python3     # no uvicorn/fastapi: name both by full path

tmp=$(mktemp -d /tmp/construction-bench.XXXXXX)
groups=()         # process groups started here (each server runs under setsid)
cleanup_hooks=()  # commands run on exit, before the groups are stopped

log() { echo "== $*" >&2; }
die() { echo "$bench_name: $*" >&2; exit 1; }

alive() {  # PGID: does the group have a process that is not a zombie?
  ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

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

cleanup() {
  local status=$? pg hook
  set +e
  for pg in "${groups[@]}"; do stop_group "$pg"; done
  for hook in "${cleanup_hooks[@]}"; do eval "$hook"; done
  if [ "$status" -ne 0 ]; then
    echo "$bench_name: failed (status $status); logs kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_tools() {  # TOOL...
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 ||
      die "$tool is missing: run scripts/install-deps.sh --bench"
  done
}

# ---- build ------------------------------------------------------------------
# build_binaries FROM_HEAD BUILD TARGET...: sets builddir, commit, dirty.
# FROM_HEAD=1 builds the committed HEAD (git archive) in a cache kept per
# commit (/tmp/construction-bench-head/COMMIT), so a half-edited work tree
# cannot break the run and a second run of the same commit does not rebuild;
# otherwise the work tree in build-bench (BUILD=0: use it as it is).
build_binaries() {
  local from_head=$1 build=$2 src
  shift 2
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=""
  if [ "$from_head" = 1 ]; then
    local full cache_root=/tmp/construction-bench-head
    full=$(git -C "$repo" rev-parse HEAD)
    mkdir -p "$cache_root"
    exec 9>"$cache_root/lock"
    flock 9
    # caches of other commits older than a day go
    find "$cache_root" -mindepth 1 -maxdepth 1 -type d ! -name "$full" -mtime +0 \
      -exec rm -rf {} + 2>/dev/null || true
    src="$cache_root/$full/src"
    builddir="$cache_root/$full/build"
    if [ ! -d "$src" ]; then
      rm -rf "$src.partial"
      mkdir -p "$src.partial"
      git -C "$repo" archive HEAD | tar -x -C "$src.partial"
      mv "$src.partial" "$src"
    fi
    build=1
  else
    src=$repo
    builddir="$repo/build-bench"
    if [ -n "$(git -C "$repo" status --porcelain -- . ':!bench' 2>/dev/null)" ]; then
      dirty=" + uncommitted changes"
    fi
  fi
  if [ "$build" = 1 ]; then
    log "building $* from $src (RelWithDebInfo) in $builddir"
    cmake -S "$src" -B "$builddir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$tmp/cmake.log" 2>&1 ||
      { cat "$tmp/cmake.log" >&2; exit 1; }
    cmake --build "$builddir" -j2 --target "$@" >"$tmp/build.log" 2>&1 ||
      { tail -30 "$tmp/build.log" >&2; exit 1; }
  fi
  if [ "$from_head" = 1 ]; then flock -u 9; fi
}

# ---- the demo on a private PostgreSQL ----------------------------------------
# start_demo_database BIN: a private cluster (scripts/pg-cluster.sh, fsync on)
# in $tmp/pg on a free port, every backend pinned to core 0, migrated and
# seeded with `BIN seed-demo`. Sets pgdir, pg_port, pg_version, DATABASE_URL
# (exported, with APP_ENV=development), token (a token of the demo owner) and
# demo_org; `superuser` and `sql` run psql as the cluster's superuser and as
# the app.
start_demo_database() {
  local bin=$1
  start_private_cluster
  log "migrating and seeding the demo"
  "$bin" migrate up >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }
  "$bin" seed-demo >"$tmp/seed.log" 2>&1 || { cat "$tmp/seed.log" >&2; exit 1; }
  token=$("$bin" create-token --email demo@example.com 2>"$tmp/token.log") ||
    { cat "$tmp/token.log" >&2; exit 1; }
  demo_org=$(sql -c "SELECT org_id FROM users WHERE email = 'demo@example.com'")
}

# start_private_cluster: the cluster alone, empty (start_demo_database's and
# start_scale_database's first half).
start_private_cluster() {
  pgdir=$tmp/pg
  cleanup_hooks+=("'$repo/scripts/pg-cluster.sh' stop '$pgdir' >/dev/null 2>&1")
  chmod 755 "$tmp"
  pg_port=$(free_port)
  log "starting PostgreSQL (core 0) in $pgdir"
  DATABASE_URL=$(taskset -c 0 "$repo/scripts/pg-cluster.sh" start "$pgdir" "$pg_port" 2>"$tmp/pg-cluster.log") ||
    { cat "$tmp/pg-cluster.log" >&2; exit 1; }
  export DATABASE_URL APP_ENV=development
  taskset -a -c -p 0 "$(head -1 "$pgdir/data/postmaster.pid")" >/dev/null
  pg_version=$(psql -X -At "$DATABASE_URL" -c 'SHOW server_version')
}

# start_scale_database BIN FACTOR [SEED-SCALE ARG...]: a private cluster as
# above, seeded with `BIN seed-scale --factor FACTOR` (migrated by it). Sets
# what start_private_cluster sets, and scale_email, scale_password, token (the
# owner's), scale_org, scale_seconds; the command's output is $tmp/seed-scale.out.
start_scale_database() {
  local bin=$1 factor=$2
  shift 2
  start_private_cluster
  log "seeding Scale Builders at factor $factor"
  "$bin" seed-scale --factor "$factor" "$@" >"$tmp/seed-scale.out" 2>"$tmp/seed-scale.log" ||
    { cat "$tmp/seed-scale.log" >&2; exit 1; }
  scale_email=$(scale_fact email)
  scale_password=$(scale_fact password)
  token=$(scale_fact token)
  scale_seconds=$(scale_fact seconds)
  scale_org=$(sql -c "SELECT org_id FROM users WHERE email = '$scale_email'")
}
scale_fact() { awk -v k="$1" -F': ' '$1 == k { print $2 }' "$tmp/seed-scale.out"; }
superuser() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$DATABASE_URL" "$@"; }

# add_active_projects N: N more active projects in the demo organisation
# (numbers B-001…, names and addresses with non-ASCII text, half cost-plus,
# a quarter without dates), so a list holds a page's worth of rows.
add_active_projects() {
  sql <<SQL
INSERT INTO projects (org_id, number, name, client_id, site_address, status, contract_type,
                      retainage_work_bps, retainage_stored_bps, start_date, completion_date,
                      original_contract_sum_cents)
SELECT $demo_org, 'B-' || lpad(g::text, 3, '0'), 'Project ' || g || ' — "Élan" tower', NULL,
       g || ' High Street, Leeds LS1 ' || g || 'AB', 'active',
       CASE WHEN g % 2 = 0 THEN 'cost_plus' ELSE 'fixed_price' END, 500 + g, 1000,
       CASE WHEN g % 4 <> 0 THEN date '2027-01-01' + g END,
       CASE WHEN g % 4 <> 0 THEN date '2027-06-01' + g END, 123456789 + g
FROM generate_series(1, $1) g;
ANALYZE projects;
SQL
}

round_trips=()
# count_round_trips LABEL NAME PATH [WRK ARG...]: statements and round trips
# per request. Statements: those PostgreSQL logged (log_statement = all must
# be on: the caller switches it with superuser).
# Round trips: the workers' sendto() calls that carry PostgreSQL protocol
# (libpq sends each batch with one call; HTTP answers start with "HTTP/"),
# counted by strace attached to both workers while wrk runs.
count_round_trips() {
  local label=$1 name=$2 path=$3 from n stmts sends tracer
  shift 3
  local workers
  mapfile -t workers < <(pgrep -P "${master[$name]}" | sort -n)
  from=$(wc -l <"$pgdir/server.log")
  strace -qq -e trace=sendto -s 8 -o "$tmp/strace.txt" -p "${workers[0]}" -p "${workers[1]}" &
  tracer=$!
  sleep 0.5
  taskset -c 0 wrk -t1 -c4 -d2s "$@" "http://127.0.0.1:${port[$name]}$path" >"$tmp/rt.txt"
  sleep 0.3
  kill -INT "$tracer" 2>/dev/null || true
  wait "$tracer" 2>/dev/null || true
  sleep 0.5
  n=$(awk '/requests in/ { print $1 }' "$tmp/rt.txt")
  stmts=$(tail -n +"$((from + 1))" "$pgdir/server.log" | grep -cE 'LOG:  (statement|execute [^:]*):' || true)
  sends=$(grep -E '^[0-9]+ +sendto\(' "$tmp/strace.txt" | grep -vc '"HTTP/' || true)
  local kinds
  kinds=$(tail -n +"$((from + 1))" "$pgdir/server.log" | grep -E 'LOG:  (statement|execute [^:]*):' |
    sed -E 's/.*LOG:  (statement|execute [^:]*): *//' | cut -c1-60 | sort | uniq -c | sort -rn |
    awk -v n="$n" '{ c = $1; $1 = ""; printf "%s%.2f×`%s…`", (k++ ? "; " : ""), c / n, substr($0, 2) }')
  round_trips+=("| $label | $n | $stmts | $(awk -v s="$stmts" -v n="$n" 'BEGIN { printf "%.2f", s / n }') | $(awk -v s="$sends" -v n="$n" 'BEGIN { printf "%.2f", s / n }') | $kinds |")
  log "$label: $stmts statements and $sends sends to PostgreSQL in $n requests"
}

# ---- servers ----------------------------------------------------------------
free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
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

wait_answer() {  # NAME PATH [BODY]: until GET PATH answers 200 (with BODY)
  local i body
  for i in $(seq 1 150); do
    if body=$(curl -fsS --max-time 1 "http://127.0.0.1:${port[$1]}$2" 2>/dev/null); then
      if [ $# -lt 3 ] || [ "$body" = "$3" ]; then return 0; fi
    fi
    sleep 0.1
  done
  echo "$bench_name: $1 does not answer GET $2 with 200 ${3:-} on port ${port[$1]}; its log:" >&2
  tail -20 "${errlog[$1]}" >&2
  exit 1
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
  local m=${master[$1]} w out first=1
  out="$(rss_mb "$m") / "
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
# workers), of PostgreSQL (postmaster and backends) and of wrk (sampled just
# before it ends), and the machine's busy time from /proc/stat.
sched_ns() {  # PID -> ns on CPU, all threads
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ t += $1 } END { printf "%.0f", t }'
}
tree_ns() {  # PID -> ns on CPU of PID and its children, the live ones
  # (schedstat) and the ones that exited (cutime + cstime of PID, in ticks:
  # PostgreSQL backends of closed connections, replaced workers)
  local t=0 pid reaped
  for pid in $1 $(pgrep -P "$1"); do t=$((t + $(sched_ns "$pid"))); done
  reaped=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.0f", ($14 + $15) / hz * 1e9 }' \
    "/proc/$1/stat" 2>/dev/null || echo 0)
  echo $((t + ${reaped:-0}))
}
machine_busy_ns() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) / hz * 1e9 }' /proc/stat
}

duration=${duration:-10}
warmup=${warmup:-2}
threads=${threads:-2}
db_master=${db_master:-}
noisy_limit=${noisy_limit:-0.25}
noisy_retries=${noisy_retries:-1}
rows=()
declare -A rps cpu_us
# measure LABEL SERVER MODE CONNS PATH [WRK ARG...]: a warm-up, then a wrk
# run of $duration s; adds a row to `rows` and sets rps[LABEL/MODE/CONNS] and
# cpu_us[...] (the server's µs of CPU per request). A run during which other
# processes used more than $noisy_limit cores is repeated (up to
# $noisy_retries times) and the quietest try is kept.
measure() {
  local label=$1 name=$2 mode=$3 c=$4 path=$5 try best="" best_rest=""
  shift 5
  local extra=("$@")
  for try in $(seq 0 "$noisy_retries"); do
    measure_once "$label" "$name" "$mode" "$c" "$path" "${extra[@]}"
    if [ -z "$best" ] || awk -v a="$last_rest" -v b="$best_rest" 'BEGIN { exit !(a < b) }'; then
      best=$last_row best_rest=$last_rest
      rps[$label/$mode/$c]=$last_rps
      cpu_us[$label/$mode/$c]=$last_cpu_us
    fi
    awk -v r="$last_rest" -v l="$noisy_limit" 'BEGIN { exit !(r > l) }' || break
    if [ "$try" -lt "$noisy_retries" ]; then log "busy machine (rest $last_rest cores): again"; fi
  done
  if [ "$try" -gt 0 ]; then best="${best% |} (best of $((try + 1))) |"; fi
  rows+=("$best")
}

measure_once() {
  local label=$1 name=$2 mode=$3 c=$4 path=$5 p=${port[$2]} script=() out
  shift 5
  if [ "$mode" = close ]; then script=(-s "$here/close.lua"); fi
  local url="http://127.0.0.1:$p$path"
  wrk -t"$threads" -c"$c" -d"${warmup}s" "${script[@]}" "$@" "$url" >/dev/null
  out="$tmp/wrk-${label//[^A-Za-z0-9_-]/_}-$mode-$c.txt"
  local waiting="-" s0 m0 d0=0 s1 m1 d1=0 w=0 t0 t1
  if [ -n "$db_master" ]; then d0=$(tree_ns "$db_master"); fi
  s0=$(tree_ns "${master[$name]}"); m0=$(machine_busy_ns); t0=$(date +%s%N)
  wrk -t"$threads" -c"$c" -d"${duration}s" --latency "${script[@]}" "$@" "$url" >"$out" &
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
  m1=$(machine_busy_ns); t1=$(date +%s%N); s1=$(tree_ns "${master[$name]}")
  if [ -n "$db_master" ]; then d1=$(tree_ns "$db_master"); fi
  local r n p50 p99 non2xx sockerr cpu
  r=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  n=$(awk '/requests in/ { print $1 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  sockerr=$(awk '/Socket errors/ { sub(/.*Socket errors: */, ""); print }' "$out")
  # the server's (and PostgreSQL's) µs of CPU per request; cores used by the
  # server, PostgreSQL, wrk, and the rest (other processes, and kernel work
  # charged to no task), over the time from the first sample to the last
  cpu=$(awk -v s="$((s1 - s0))" -v db="$((d1 - d0))" -v hasdb="${db_master:+1}" -v w="$w" \
    -v m="$((m1 - m0))" -v n="$n" -v d="$(((t1 - t0) / 1000))" 'BEGIN {
      d /= 1e6
      rest = m - s - db - w; if (rest < 0) rest = 0
      if (n == 0) n = 1
      if (db < 0) db = 0
      if (hasdb)
        printf "%.1f | %.1f | %.2f / %.2f / %.2f / %.2f", s / 1e3 / n, db / 1e3 / n,
          s / 1e9 / d, db / 1e9 / d, w / 1e9 / d, rest / 1e9 / d
      else
        printf "%.1f | %.2f / %.2f / %.2f", s / 1e3 / n, s / 1e9 / d, w / 1e9 / d, rest / 1e9 / d }')
  last_rps=$r
  last_cpu_us=${cpu%% *}
  last_rest=${cpu##*/ }
  last_row="| $label | $mode | $c | $r | $p50 | $p99 | ${non2xx:-0} | ${sockerr:-none} | $waiting | $cpu |"
  log "$label $mode c=$c: $r req/s, p50 $p50 ms, p99 $p99 ms; cpu: $cpu"
}

# The header of the rows `measure` makes.
rows_header() {
  if [ -n "$db_master" ]; then
    echo "| server | mode | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | unserved | server CPU µs/req | PostgreSQL CPU µs/req | cores: server / PostgreSQL / wrk / rest |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  else
    echo "| server | mode | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | unserved | server CPU µs/req | cores: server / wrk / rest |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
  fi
}

rows_table() {  # the rows with their header and legend
  rows_header
  printf '%s\n' "${rows[@]}"
  echo
  rows_legend
}

rows_legend() {
  echo "unserved: keep-alive connections with no byte answered in a mid-run sample (wrk does"
  echo "not count them). server CPU µs/req: time on CPU of master and workers per request"
  echo "(schedstat). cores: CPU used during the run by the server,${db_master:+ by PostgreSQL (postmaster and backends),} by wrk, and by the rest"
  echo "(other processes on the machine, kernel work charged to no task); 2 cores in all."
  echo "A run with more than $noisy_limit cores of \"rest\" is repeated (up to $noisy_retries more time(s)), the quietest kept."
}

ratio() {  # A B -> A/B as "N.N×"
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "?" }'
}

# syscalls_per_request NAME MODE CONNS PATH COUNTER [WRK ARG...]: strace -c on
# all the workers of NAME while wrk runs 5 s; syscalls per request are the
# counts divided by the calls of COUNTER, a syscall made once per request
# (write: both servers write one access-log line per request and nothing
# else with write(2) under load). Prints a table row.
syscalls_per_request() {
  local name=$1 mode=$2 c=$3 path=$4 counter=$5 script=() w pids=()
  shift 5
  if [ "$mode" = close ]; then script=(-s "$here/close.lua"); fi
  for w in $(pgrep -P "${master[$name]}"); do pids+=(-p "$w"); done
  local out="$tmp/strace-$name-$mode-${path//[^A-Za-z0-9_-]/_}.txt"
  timeout -s INT 8 strace -c -f -o "$out" "${pids[@]}" 2>/dev/null &
  local spid=$!
  sleep 0.5
  wrk -t"$threads" -c"$c" -d5s "${script[@]}" "$@" "http://127.0.0.1:${port[$name]}$path" >/dev/null
  wait "$spid" || true
  # Columns of strace -c: % time, seconds, usecs/call, calls, [errors], syscall.
  local per
  per=$(awk -v counter="$counter" '
    $1 ~ /^[0-9.]+$/ && $4 ~ /^[0-9]+$/ {
      if ($NF == "total") { total = $4; next }
      calls[$NF] = $4
      if ($NF == counter) req = $4
    }
    END {
      if (req == 0) { print "no requests seen"; exit }
      printf "%.1f per request (%d requests):", total / req, req
      n = 0
      for (s in calls) order[++n] = s
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (calls[order[j]] > calls[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= n; i++) if (calls[order[i]] / req >= 0.005) printf " %s %.2f", order[i], calls[order[i]] / req
      print ""
    }' "$out")
  echo "| $name | $mode | $c | $path | $per |"
}

machine_line() {
  local cpu mem
  cpu=$(lscpu | awk -F': *' '/^Model name/ { print $2; exit }')
  mem=$(free -m | awk '/^Mem:/ { print $2 }')
  echo "Machine: $(nproc) cores ($cpu), $mem MB RAM, Linux $(uname -r); wrk shares the cores with the servers."
}

# check_error_logs NAME...: sets `problems` from the servers' error logs:
# ERROR/CRITICAL lines, and more than 2 workers booted (one died).
check_error_logs() {
  local name n b
  problems=()
  for name in "$@"; do
    [ -n "${errlog[$name]:-}" ] || continue
    n=$(grep -cE '\[(ERROR|CRITICAL)\]' "${errlog[$name]}" || true)
    b=$(grep -c 'Booting worker' "${errlog[$name]}" || true)
    if [ "$n" -gt 0 ]; then
      problems+=("$name: $n ERROR/CRITICAL lines; the exceptions, most frequent first: $(
        grep -E '^[A-Za-z_.]+(Error|Exception|Timeout)[A-Za-z]*:|\[(ERROR|CRITICAL)\]' "${errlog[$name]}" |
          sed -E 's/^\[[^]]*\] \[[0-9]+\] //' | sort | uniq -c | sort -rn | head -4 |
          awk '{ $1 = $1 "×"; print }' | tr '\n' ';')")
    fi
    if [ "$b" -gt 2 ]; then problems+=("$name: $b workers booted (2 expected): a worker died"); fi
  done
}

problems_line() {
  if [ ${#problems[@]} -gt 0 ]; then
    printf -- '- problem: %s\n' "${problems[@]}"
  else
    echo "No ERROR/CRITICAL line in any error log; no worker died."
  fi
}

# The end of a report: the strace table (rows in `strace_rows`), then the
# error-log verdict (`problems`).
report_tail() {
  if [ ${#strace_rows[@]} -gt 0 ]; then
    echo
    echo "Syscalls per request, both workers under \`strace -c -f\` (5 s of wrk; strace slows them;"
    echo "requests = write(2) calls = access-log lines; rates under 0.005 per request left out):"
    echo
    echo "| server | mode | conns | route | syscalls |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${strace_rows[@]}"
  fi
  echo
  problems_line
}
