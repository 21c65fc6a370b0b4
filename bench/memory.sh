#!/usr/bin/env bash
# Memory of the whole service (issue 11, "Done when" 5): the Release binary
# with a master and 2 workers against the demo data (seed-demo), its RSS and
# PSS before and after 100 000 mixed requests (wrk, Connection: close, 8
# connections): health, readiness, the API description, and the demo owner's
# API reads (me, projects, a project, its estimates, an estimate, the
# schedule of values), plus the login page and a static file when they exist.
#
#   bench/memory.sh [--requests N] [--build DIR]
#
# DIR: a Release build (default build-release, made with deploy/image.sh build
# when absent). PostgreSQL: a private cluster in a temp dir on a free port,
# removed at the end. Prints one table row for bench/RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
requests=100000
build=$repo/build-release
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests=$2; shift 2 ;;
    --build) build=$(realpath "$2"); shift 2 ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "memory.sh: wrk is needed (./scripts/install-deps.sh --bench)" >&2; exit 1; }
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction

tmp=$(mktemp -d /tmp/construction-memory.XXXXXX)
chmod 755 "$tmp"
server=
cleanup() {
  [ -z "$server" ] || { kill -TERM -- "-$server" 2>/dev/null; sleep 2; kill -KILL -- "-$server" 2>/dev/null; } || true
  "$repo/scripts/pg-cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
DATABASE_URL=$("$repo/scripts/pg-cluster.sh" start "$tmp/pg" "$(free_port)" 2>/dev/null)
export DATABASE_URL APP_ENV=development
"$bin" migrate up >/dev/null
"$bin" seed-demo >/dev/null
token=$("$bin" create-token --email demo@example.com)

port=$(free_port)
base=http://127.0.0.1:$port
(cd "$tmp" && exec setsid "$bin" serve -b "127.0.0.1:$port" -w 2 --access-logfile /dev/null >"$tmp/server.log" 2>&1) &
server=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$base/health" 2>/dev/null && break; sleep 0.1; done

api() { curl -fsS -H "Authorization: Bearer $token" "$base$1"; }
first_id() { grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2 || true; }
project=$(api /api/v1/projects | first_id)
estimate=$(api "/api/v1/projects/$project/estimates" | first_id)
paths=(/health /ready /api/v1/openapi.json /api/v1/me /api/v1/projects "/api/v1/projects/$project"
  "/api/v1/projects/$project/estimates" "/api/v1/estimates/$estimate"
  "/api/v1/projects/$project/schedule-of-values")
for page in /login /static/app.css; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$page")" != 200 ] || paths+=("$page")
done
for p in "${paths[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base$p")
  [ "$code" = 200 ] || { echo "memory.sh: $p answered $code" >&2; exit 1; }
done

# kB of VmRSS, and of Pss, summed over the master and its workers.
service_kb() {
  local pids field=$1 file=$2
  pids="$server $(pgrep -P "$server" | tr '\n' ' ')"
  for pid in $pids; do awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/$file"; done |
    awk '{ s += $1 } END { print s }'
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
per_process() {
  local pid out=""
  for pid in $server $(pgrep -P "$server" | sort -n); do
    out+="$(mb "$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status")") "
  done
  echo "${out% }"
}
rss_before=$(service_kb VmRSS status)
pss_before=$(service_kb Pss smaps_rollup)
each_before=$(per_process)

lua=$tmp/mixed.lua
{
  echo "local paths = {"
  for p in "${paths[@]}"; do echo "  \"$p\","; done
  echo "}"
  cat <<LUA
local i = 0
function setup(thread) thread:set("id", i); i = i + 1 end
local n = 0
function request()
  n = n + 1
  local path = paths[(n + (id or 0)) % #paths + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer $token", ["Connection"] = "close" })
end
LUA
} >"$lua"
# wrk runs by time: 5-second runs until the requests are made.
start_s=$SECONDS
done_requests=0
non2xx=0
while [ "$done_requests" -lt "$requests" ]; do
  wrk -t 2 -c 8 -d 5s -s "$lua" "$base" >"$tmp/wrk.out" 2>&1
  n=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
  [ "${n:-0}" -gt 0 ] || { cat "$tmp/wrk.out" >&2; exit 1; }
  done_requests=$((done_requests + n))
  non2xx=$((non2xx + $(awk '/Non-2xx/ { print $NF }' "$tmp/wrk.out" | grep . || echo 0)))
done
elapsed=$((SECONDS - start_s))
rss_after=$(service_kb VmRSS status)
pss_after=$(service_kb Pss smaps_rollup)
each_after=$(per_process)

echo "requests: $done_requests in ${elapsed} s over ${#paths[@]} paths (${paths[*]}); non-2xx: ${non2xx:-0}"
echo "| $(date -u +%Y-%m-%d) | $(git -C "$repo" rev-parse --short HEAD) | $(mb "$rss_before") MB (PSS $(mb "$pss_before")) | $(mb "$rss_after") MB (PSS $(mb "$pss_after")) | $each_before -> $each_after |"
