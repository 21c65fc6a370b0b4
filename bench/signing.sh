#!/usr/bin/env bash
# Issue 23 ("Done when" 6): the worker's CPU for the signer's document page,
# and for the approval that completes a two-signer request (sealing
# included).
#
#   bench/signing.sh [--build DIR] [--duration S] [--completions M]
#
# DIR: a Release build (default build-release, made with deploy/image.sh
# build when absent). PostgreSQL: a private cluster in a temp dir on a free
# port, removed at the end, seeded with `construction seed-demo`
# (bench/lib.sh start_demo_database).
#
# The server (master and 1 worker) runs under `taskset -c 1`, PostgreSQL
# and wrk on core 0, curl unpinned. The requests are made through the API
# as the demo owner on the office fit-out (client and architect named): a
# change order of one line ($4,950.00), submitted, sent for signature to an
# owner and an architect. The links and codes are read from the outbox (no
# mailer runs), and each signer walks the signer's pages with curl as a
# browser would: Continue, ask for a code, type it, consent, approve.
#
#   GET /change-orders/{id}      the office's page of the change order, its
#                                request listed (views/signature_requests.hpp),
#                                logged in as the demo owner; measured as the
#                                signer's page below.
#   GET /sign/{token}/document   the signer's document page (figures as
#                                HTML, the PDF embedded) as it first shows
#                                after Continue (the code step), with the
#                                signer cookie: wrk -t1 -c1 (keep-alive) for S s
#                                (default 10) after 1 s of warm-up; the
#                                worker's CPU (schedstat, ns) over wrk's
#                                request count. Goal: <= 300 us, as every page.
#   POST /sign/{token}/approve   the second signer's approval, which completes
#                                the request: the change order approved, the
#                                sealed PDF made and stored, and emailed to
#                                everyone; M requests (default 20) after one
#                                for warm-up (the first PDF a worker makes
#                                loads its fonts), each measured alone: the
#                                worker's CPU and PostgreSQL's around it.
#                                The first signer's approval (not completing)
#                                is measured the same way, for comparison.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=$repo/build-release
duration=10
completions=20
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --completions) completions=$2; shift 2 ;;
    *) sed -n '2,40p' "$0" >&2; exit 2 ;;
  esac
done
bench_name=signing.sh
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
need_tools wrk curl taskset
[ -x "$build/construction" ] || "$repo/deploy/image.sh" build "$build"
bin=$build/construction

start_demo_database "$bin"
postmaster=$(head -1 "$pgdir/data/postmaster.pid")

server_port=$(free_port)
base=http://127.0.0.1:$server_port
start signing -- taskset -c 1 "$bin" serve -b "127.0.0.1:$server_port" -w 1 --access-logfile /dev/null
server=${master[signing]}
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$base/health" 2>/dev/null && break; sleep 0.1; done
worker=$(pgrep -P "$server" | head -n 1)
[ -n "$worker" ] || { cat "$tmp/signing.out" >&2; exit 1; }

auth=(-H "Authorization: Bearer $token")
post() {  # PATH JSON
  curl -fsS "${auth[@]}" -H 'Content-Type: application/json' --data "$2" "$base$1"
}
api() { curl -fsS "${auth[@]}" "$base$1"; }
field_of() {  # NAME: a top-level string or number of the JSON on stdin
  "$python" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}
project=$(sql -c "SELECT id FROM projects WHERE org_id = $demo_org AND number = '2026-021'")
[ -n "$project" ] || die "the demo has no office fit-out (2026-021)"

# new_request N: a pending change order sent for signature to owner-N and
# architect-N; sets change_order and request.
new_request() {
  change_order=$(post "/api/v1/projects/$project/change-orders" \
    '{"title":"Added outlets '"$1"'","lines":[{"cost_code":"26-050","cost_type":"material",
      "description":"Duplex outlets","quantity":6,"unit_cost_cents":75000,"markup_bps":1000}]}' |
    field_of id)
  post "/api/v1/change-orders/$change_order/send" '{"email":false}' >/dev/null
  request=$(post "/api/v1/change-orders/$change_order/signature-requests" \
    '{"signers":[{"name":"Owner '"$1"'","email":"owner-'"$1"'@bench.example","role":"owner"},
                 {"name":"Architect '"$1"'","email":"architect-'"$1"'@bench.example","role":"architect"}]}' |
    field_of id)
}

last_mail() {  # EMAIL COLUMN: the column of the newest message to EMAIL
  sql -c "SELECT $2 FROM messages WHERE to_addresses[1] = '$1' ORDER BY id DESC LIMIT 1"
}
hidden() {  # NAME: the value of the first hidden field NAME in the HTML on stdin
  grep -o "name=\"$1\" value=\"[^\"]*\"" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# continue_link EMAIL: the signer of EMAIL opens their link and continues
# (the signer cookie in a jar of their own); sets path, jar and csrf.
continue_link() {
  local email=$1
  path=$(last_mail "$email" text_body | grep -o '/sign/[A-Za-z0-9_-]*' | head -n 1)
  [ -n "$path" ] || die "no link mailed to $email"
  jar=$tmp/jar-$email
  curl -fsS -o /dev/null -c "$jar" -X POST "$base$path"
  csrf=$(curl -fsS -b "$jar" "$base$path/document" | hidden csrf_token)
}

# to_approval EMAIL: the signer of EMAIL walks the pages up to the typed
# name (Continue, code, consent); sets path, jar and csrf.
to_approval() {
  local email=$1 code version
  continue_link "$email"
  curl -fsS -o /dev/null -b "$jar" --data-urlencode "csrf_token=$csrf" "$base$path/code"
  code=$(last_mail "$email" subject | grep -o '[0-9]\{6\}')
  curl -fsS -o /dev/null -b "$jar" --data-urlencode "csrf_token=$csrf" --data "code=$code" \
    "$base$path/code/check"
  version=$(curl -fsS -b "$jar" "$base$path/document" | hidden consent_version)
  [ -n "$version" ] || die "$email: no consent step after the code"
  curl -fsS -o /dev/null -b "$jar" --data-urlencode "csrf_token=$csrf" --data agree=yes \
    --data-urlencode "consent_version=$version" "$base$path/consent"
}

# approve NAME: the typed name posted; its status must be 200 (the last page).
approve() {
  local status
  status=$(curl -sS -o "$tmp/approved.html" -w '%{http_code}' -b "$jar" \
    --data-urlencode "csrf_token=$csrf" --data-urlencode "typed_name=$1" "$base$path/approve")
  [ "$status" = 200 ] || { cat "$tmp/approved.html" >&2; die "approve answered $status"; }
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); PostgreSQL $pg_version; $(git -C "$repo" rev-parse --short HEAD)"

# wrk_cpu NAME URL COOKIE: wrk -t1 -c1 on core 0 for $duration s after 1 s of
# warm-up; prints NAME, the worker's CPU per request and the rate.
wrk_cpu() {
  local before after n
  taskset -c 0 wrk -t1 -c1 -d1s -H "Cookie: $3" "$2" >/dev/null
  before=$(sched_ns "$worker")
  taskset -c 0 wrk -t1 -c1 -d"${duration}s" -H "Cookie: $3" "$2" >"$tmp/wrk.out"
  after=$(sched_ns "$worker")
  grep -q Non-2xx "$tmp/wrk.out" && { cat "$tmp/wrk.out" >&2; die "$1 answered other than 2xx"; }
  n=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
  awk -v ns=$((after - before)) -v n="$n" -v d="$duration" -v name="$1" \
    'BEGIN { printf "%s: worker CPU %.0f us per page over %d requests in %d s (%.0f/s)\n", name, ns / n / 1000, n, d, n / d }'
}

# ---- the office's page of a change order, with its request listed
new_request office
jar=$tmp/office-jar
csrf=$(curl -fsS -c "$jar" "$base/login" | hidden csrf_token)
curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=demo@example.com" \
  --data-urlencode "password=demo" --data-urlencode "csrf_token=$csrf" "$base/login"
session=$(awk '$6 == "session" { print $7 }' "$jar")
curl -fsS -H "Cookie: session=$session" "$base/change-orders/$change_order" | grep -q 'id="signature-request-' ||
  die "the change order's page does not list its signature request"
wrk_cpu "GET /change-orders/{id} (the office's page, one request listed)" "$base/change-orders/$change_order" "session=$session"

# ---- the signer's document page
new_request page
continue_link owner-page@bench.example
secret=$(awk '$6 == "signer" { print $7 }' "$jar")
document=$base$path/document
curl -fsS -b "$jar" -o "$tmp/document.html" "$document"
grep -q 'Duplex outlets' "$tmp/document.html" || die "the document page does not show the document's lines"
bytes=$(stat -c %s "$tmp/document.html")
wrk_cpu "GET /sign/{token}/document ($bytes bytes)" "$document" "signer=$secret"

# ---- completion: the second signer's approval, sealing included
complete_one() {  # N: sets first_ns, last_ns, db_ns (the measured approvals)
  local t0 t1 d0 d1
  new_request "$1"
  to_approval "owner-$1@bench.example"
  t0=$(sched_ns "$worker"); approve "Owner $1"; t1=$(sched_ns "$worker")
  first_ns=$((t1 - t0))
  grep -q 'Others are still to sign' "$tmp/approved.html" || die "the first approval completed the request"
  to_approval "architect-$1@bench.example"
  t0=$(sched_ns "$worker"); d0=$(tree_ns "$postmaster")
  approve "Architect $1"
  t1=$(sched_ns "$worker"); d1=$(tree_ns "$postmaster")
  last_ns=$((t1 - t0)); db_ns=$((d1 - d0))
  grep -q 'everyone asked to' "$tmp/approved.html" || die "the last approval did not complete the request"
}
complete_one warm
firsts=() lasts=() dbs=()
for i in $(seq 1 "$completions"); do
  complete_one "$i"
  firsts+=("$first_ns"); lasts+=("$last_ns"); dbs+=("$db_ns")
done
detail=$(api "/api/v1/signature-requests/$request")
[ "$(field_of status <<<"$detail")" = completed ] || die "request $request is not completed"
sealed=$(field_of sealed_sha256 <<<"$detail")
[ "$sealed" != None ] || die "request $request has no sealed PDF"
[ "$(api "/api/v1/change-orders/$change_order" | field_of status)" = approved ] ||
  die "change order $change_order was not approved"
api "/api/v1/signature-requests/$request/sealed.pdf" >"$tmp/sealed.pdf"
[ "$(sha256sum "$tmp/sealed.pdf" | cut -d' ' -f1)" = "$sealed" ] || die "the sealed PDF's SHA-256 is not the one stored"
pages=$(pdfinfo "$tmp/sealed.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
stats() {  # NS...: "median M ms (min A, max B)"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.2f ms (min %.2f, max %.2f)", m / 1e6, v[1] / 1e6, v[NR] / 1e6 }'
}
echo "POST /sign/{token}/approve, the last of two (completes, seals: ${pages:-?} pages, $(stat -c %s "$tmp/sealed.pdf") bytes): worker CPU $(stats "${lasts[@]}") over $completions requests; PostgreSQL $(stats "${dbs[@]}")"
echo "POST /sign/{token}/approve, the first of two (for comparison): worker CPU $(stats "${firsts[@]}")"
