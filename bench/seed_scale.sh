#!/usr/bin/env bash
# How long `construction seed-scale` takes to build Scale Builders and its
# neighbours, on a private PostgreSQL (bench/lib.sh: fsync on, every backend
# pinned to core 0), one fresh database per factor.
#
#   bench/seed_scale.sh [--factors "1 100"] [--others K] [--seed S]
#                       [--head] [--no-build] [--bin PATH] [--no-results]
#
#   --factors LIST  the factors to seed, each into its own database (default "1 100")
#   --others K      other organisations (default: the command's, 3)
#   --seed S        the generator's seed (default: the command's, 1)
#   --head          build the committed HEAD (cached per commit), not the work tree
#   --no-build      use build-bench/ as it is
#   --bin PATH      use this construction binary (build/construction…), build nothing:
#                   the time is PostgreSQL's, whatever the binary's build type
#   --no-results    print the table only; do not append it to bench/RESULTS.md
#
# Columns: the command's own count of seconds (migrations excluded), the wall
# time of the whole command, PostgreSQL's CPU seconds (the postmaster's and
# its reaped backends', from /proc: they survive a busy machine, the wall
# time does not), the database's size after ANALYZE, the rows of a few
# tables in Scale Builders, and the machine's load average before the run.
# Run it under `flock /tmp/bench.lock` beside other benches.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
bench_name=seed_scale.sh

factors="1 100"
extra=()
build=1
from_head=0
write_results=1
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --factors) factors=$2; shift 2 ;;
    --others) extra+=(--others "$2"); shift 2 ;;
    --seed) extra+=(--seed "$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    --head) from_head=1; shift ;;
    --no-results) write_results=0; shift ;;
    --bin) bin=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "seed_scale.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$here/lib.sh"

if [ -z "$bin" ]; then
  build_binaries "$from_head" "$build" construction
  bin=$builddir/construction
else
  commit=$(git -C "$repo" rev-parse --short HEAD)
  dirty=" ($bin)"
fi
start_private_cluster
postmaster=$(head -1 "$pgdir/data/postmaster.pid")
cluster_url=$DATABASE_URL

# CPU seconds of the postmaster and every backend it has reaped.
pg_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$postmaster/stat"
}

rows=()
for factor in $factors; do
  db=scale_$factor
  superuser -c "CREATE DATABASE $db OWNER construction"
  export DATABASE_URL=${cluster_url%/*}/$db
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu_before=$(pg_cpu)
  started=$(date +%s.%N)
  log "seed-scale --factor $factor ${extra[*]}"
  "$bin" seed-scale --factor "$factor" "${extra[@]}" >"$tmp/seed-$factor.out" 2>"$tmp/seed-$factor.err" ||
    { cat "$tmp/seed-$factor.err" >&2; exit 1; }
  wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  cpu=$(awk -v a="$cpu_before" -v b="$(pg_cpu)" 'BEGIN { printf "%.1f", b - a }')
  fact() { awk -v k="$1" -F': ' '$1 == k { print $2 }' "$tmp/seed-$factor.out"; }
  size=$(sql -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
  rows+=("| $factor | $(fact others) | $(fact seconds) | $wall | $cpu | $size | $(fact projects) | $(fact estimate_lines) | $(fact pay_application_lines) | $(fact vendor_bills) | $(fact daily_logs) | $load |")
  cat "$tmp/seed-$factor.out"
done

table=$(
  echo "| factor | others | seconds (command) | wall s | PostgreSQL CPU s | database | projects | estimate lines | G703 lines | vendor bills | daily logs | load before |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo
echo "$table"
if [ "$write_results" = 1 ]; then
  {
    echo
    echo "#### seed-scale, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty, PostgreSQL $pg_version"
    echo
    echo "$table"
  } >>"$here/RESULTS.md"
  log "appended to bench/RESULTS.md"
fi
