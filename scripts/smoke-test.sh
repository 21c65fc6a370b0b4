#!/usr/bin/env bash
# Checks that a running construction answers as it should (deploy.md):
#   scripts/smoke-test.sh [BASE_URL] [API_TOKEN]
# BASE_URL defaults to http://127.0.0.1:8000; with API_TOKEN (or $API_TOKEN)
# it also makes an authenticated API call. Prints one line per check and
# stops with a non-zero status and a clear line at the first failure.
#
# It also reports whether a mailer (`construction mailer`) is connected to
# the server's database, read from /metrics: none is a failure, since email
# then stays queued; SMOKE_MAILER=optional makes it a warning (a server
# checked on its own). Through the edge, which hides /metrics, the check is
# skipped with a line saying so.
set -uo pipefail

base=${1:-http://127.0.0.1:8000}
token=${2:-${API_TOKEN:-}}

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok    $*"; }

body=$(curl -fsS --max-time 10 "$base/health") || fail "$base/health did not answer 200"
[ "$body" = ok ] || fail "$base/health answered '$body', not 'ok'"
ok "GET /health"

body=$(curl -fsS --max-time 15 "$base/ready") ||
  fail "$base/ready did not answer 200: PostgreSQL is not reachable from this host (see the error log)"
[[ $body == *'"database":"ok"'* ]] || fail "$base/ready answered '$body'"
ok "GET /ready (database ok)"

body=$(curl -sS --max-time 10 "$base/api/v1/openapi.json") || fail "$base/api/v1/openapi.json did not answer"
[[ $body == *'"openapi"'* ]] || fail "$base/api/v1/openapi.json is not an OpenAPI document"
ok "GET /api/v1/openapi.json"

body=$(curl -fsS --max-time 10 "$base/login") || fail "$base/login did not answer 200"
[[ $body == *'name="password"'* ]] || fail "$base/login is not the log-in page"
ok "GET /login (the log-in page)"

metrics=$(curl -sS --max-time 10 -w '\n%{http_code}' "$base/metrics") || fail "$base/metrics did not answer"
if [ "${metrics##*$'\n'}" = 200 ]; then
  mailers=$(sed -n 's/^construction_mail_mailers //p' <<<"$metrics")
  oldest=$(sed -n 's/^construction_mail_oldest_queued_age_seconds //p' <<<"$metrics")
  if [ -z "$mailers" ]; then
    fail "$base/metrics shows no outbox: the server could not read it from PostgreSQL"
  elif [ "$mailers" -gt 0 ]; then
    ok "mailer running ($mailers connected; oldest unsent message ${oldest:-0} s)"
  elif [ "${SMOKE_MAILER:-required}" = optional ]; then
    echo "WARN  no mailer is connected: email stays queued (oldest unsent message ${oldest:-0} s)" >&2
  else
    fail "no mailer is connected to the database: email stays queued (oldest unsent message ${oldest:-0} s); start it: systemctl start construction-mailer, or docker compose up -d mailer"
  fi
else
  echo "skip  mailer check: $base/metrics is not served here (run the smoke test on the app host)"
fi

if [ -n "$token" ]; then
  body=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$base/api/v1/me") ||
    fail "$base/api/v1/me refused the token (401: wrong, revoked, or its user deactivated)"
  [[ $body == *'"email"'* ]] || fail "$base/api/v1/me answered '$body'"
  ok "GET /api/v1/me (token accepted)"
fi
echo "smoke test passed: $base"
