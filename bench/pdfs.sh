#!/usr/bin/env bash
# Issue 22 ("Done when" 6): the worker's CPU per PDF, and its memory over
# many PDFs.
#
#   bench/pdfs.sh [--build DIR] [--requests N] [--memory N]
#
# DIR: a Release build (default build-release, made with deploy/image.sh
# build when absent). PostgreSQL: a private cluster in a temp dir on a free
# port, removed at the end, seeded with `construction seed-demo`, plus a job
# of 12 trades whose first pay application bills every line (three with
# stored materials), as bench/pages_billing.sh makes it.
#
# The server (master and 1 worker) runs under `taskset -c 1`, PostgreSQL
# on core 0 (bench/lib.sh), curl unpinned. CPU: the worker's utime + stime from
# /proc/PID/stat (clock ticks) around N requests (default 200) of
#   GET /api/v1/pay-applications/{id}/pdf   the 12-line application (2 pages)
#   GET /api/v1/estimates/{id}/pdf          the demo's first estimate
# after 20 warm-up requests; each PDF is fetched twice first and must be the
# same bytes. Each worker keeps the PDFs it drew (documents/pdf_cache), so
# every request after the first is a kept copy: the CPU is a hit's (the
# reads, the layout and its hash); the drawing's cost over distinct
# documents is bench/RESULTS.md's "the pay application PDF, cheaper to
# draw". Memory: the worker's VmRSS before and after M PDFs (default
# 10 000, the two routes in turns, wrk keep-alive, 2 connections).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=$repo/build-release
requests=200
memory=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done
bench_name=pdfs.sh
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction

start_demo_database "$bin"

port=$(free_port)
base=http://127.0.0.1:$port
start pdfs -- taskset -c 1 "$bin" serve -b "127.0.0.1:$port" -w 1 --access-logfile /dev/null
server=${master[pdfs]}
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$base/health" 2>/dev/null && break; sleep 0.1; done
worker=$(pgrep -P "$server" | head -n 1)
[ -n "$worker" ] || { cat "$tmp/pdfs.out" >&2; exit 1; }

auth=(-H "Authorization: Bearer $token")
api() { curl -fsS "${auth[@]}" "$base$1"; }
post() {  # PATH JSON [METHOD]
  curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -X "${3:-POST}" --data "$2" "$base$1"
}
id_of() { "$python" -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
first_id() { grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2; }

source "$here/twelve_trades.sh"
pay_app=$(twelve_trades_pay_application)
demo_project=$(api /api/v1/projects | first_id)
demo_estimate=$(api "/api/v1/projects/$demo_project/estimates" | first_id)

routes=("/api/v1/pay-applications/$pay_app/pdf" "/api/v1/estimates/$demo_estimate/pdf")
ticks() { awk '{ print $14 + $15 }' "/proc/$worker/stat"; }
hz=$(getconf CLK_TCK)
rss() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$worker/status"; }

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); $(git -C "$repo" rev-parse --short HEAD)"
for route in "${routes[@]}"; do
  api "$route" >"$tmp/a.pdf"
  api "$route" >"$tmp/b.pdf"
  cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || { echo "pdfs.sh: $route gave two different PDFs" >&2; exit 1; }
  pages=$(pdfinfo "$tmp/a.pdf" | awk '/^Pages:/ { print $2 }')
  for _ in $(seq 1 20); do api "$route" >/dev/null; done
  before=$(ticks)
  for _ in $(seq 1 "$requests"); do api "$route" >/dev/null; done
  after=$(ticks)
  awk -v t=$((after - before)) -v n="$requests" -v hz="$hz" -v r="$route" -v b="$(stat -c %s "$tmp/a.pdf")" -v p="$pages" \
    'BEGIN { printf "%s: %d pages, %d bytes; worker CPU %.2f ms per PDF over %d requests\n", r, p, b, t * 1000 / hz / n, n }'
done

lua=$tmp/pdfs.lua
cat >"$lua" <<LUA
local paths = { "${routes[0]}", "${routes[1]}" }
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[n % 2 + 1], { ["Authorization"] = "Bearer $token" })
end
LUA
rss_before=$(rss)
done_requests=0
while [ "$done_requests" -lt "$memory" ]; do
  wrk -t 1 -c 2 -d 5s -s "$lua" "$base" >"$tmp/wrk.out" 2>&1
  n=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
  [ "${n:-0}" -gt 0 ] || { cat "$tmp/wrk.out" >&2; exit 1; }
  grep -q Non-2xx "$tmp/wrk.out" && { cat "$tmp/wrk.out" >&2; exit 1; }
  done_requests=$((done_requests + n))
  echo "  after $done_requests PDFs: worker RSS $(rss) kB"
done
echo "worker RSS: $rss_before kB before, $(rss) kB after $done_requests PDFs (pid $worker, the same worker throughout: $( [ "$(pgrep -P "$server" | head -n 1)" = "$worker" ] && echo yes || echo no))"
