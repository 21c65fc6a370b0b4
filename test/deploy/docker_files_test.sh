#!/usr/bin/env bash
# The Docker files say what deploy.md asks (no Docker engine needed to read them).
set -euo pipefail
src=${CONSTRUCTION_SOURCE_DIR:?run through ctest}
fail() { echo "FAIL: $*" >&2; exit 1; }
dockerfile=$src/deploy/Dockerfile
compose=$src/docker-compose.yml
dev=$src/deploy/docker-compose.dev.yml

grep -q '^FROM .* AS build' "$dockerfile" || fail "no build stage"
[ "$(grep -c '^FROM ' "$dockerfile")" -eq 2 ] || fail "not two stages"
base=$(sed -n 's/^ARG DEBIAN_IMAGE=//p' "$dockerfile")
[[ $base =~ ^debian:bookworm-[0-9]{8}-slim$ ]] || fail "the base image is not a dated bookworm slim tag: $base"
! grep -qi 'latest' "$dockerfile" "$compose" "$dev" || fail "a latest tag"
grep -q '^USER construction$' "$dockerfile" || fail "the runtime stage does not run as construction"
grep -q 'useradd --system --uid 10001' "$dockerfile" || fail "no system user"
grep -q '^HEALTHCHECK .*' "$dockerfile" && grep -q 'curl -fsS http://127.0.0.1:8000/health' "$dockerfile" ||
  fail "no HEALTHCHECK with curl /health"
[ "$(grep -c 'apt-get install\|install-deps.sh &&' "$dockerfile")" -eq "$(grep -c 'rm -rf /var/lib/apt/lists' "$dockerfile")" ] ||
  fail "an apt step leaves its lists"
grep -q 'image.sh build' "$dockerfile" && grep -q 'image.sh install' "$dockerfile" &&
  grep -q 'ENTRYPOINT \["/opt/construction/bin/image.sh", "start"\]' "$dockerfile" ||
  fail "the Dockerfile does not run deploy/image.sh"

grep -q 'container_name: basecommerce-construction$' "$compose" || fail "container name"
grep -q 'env_file: \.env$' "$compose" || fail "env_file"
grep -q 'mem_limit: 768m$' "$compose" || fail "memory limit"
grep -q '"8000:8000"' "$compose" || fail "port"
grep -q 'restart: unless-stopped' "$compose" || fail "restart policy"
grep -q 'healthcheck:' "$compose" || fail "healthcheck"
grep -q 'stop_signal: SIGTERM' "$compose" || fail "stop signal"
# The first service's (the server's); the mailer's is checked below.
grace=$(sed -n 's/^ *stop_grace_period: \([0-9]*\)s$/\1/p' "$compose" | head -1)
graceful=$(sed -n 's/^GUNICORN_GRACEFUL_TIMEOUT=//p' "$src/.env.example")
[ -n "$grace" ] && [ "$grace" -gt "$graceful" ] ||
  fail "stop_grace_period ($grace s) is not longer than GUNICORN_GRACEFUL_TIMEOUT ($graceful s)"
grep -q 'image: postgres:15\.[0-9]*-bookworm' "$dev" || fail "the dev file has no pinned PostgreSQL 15"
grep -q 'INFRA_HOST: postgres' "$dev" || fail "the dev file does not point the app at its PostgreSQL"
# The mailer: its own service from the same image and .env, TERM with time
# to finish the message in hand, and in the dev file pointed at its PostgreSQL.
mailer=$(sed -n '/^  mailer:$/,/^  [a-z]*:$/p' "$compose")
[ -n "$mailer" ] || fail "no mailer service"
grep -q 'command: \["mailer"\]' <<<"$mailer" || fail "the mailer service does not run construction mailer"
grep -q 'image: construction:' <<<"$mailer" || fail "the mailer service is not the server's image"
grep -q 'env_file: \.env$' <<<"$mailer" || fail "the mailer service has no env_file"
grep -q 'restart: unless-stopped' <<<"$mailer" || fail "the mailer service is not restarted"
grep -q 'stop_signal: SIGTERM' <<<"$mailer" || fail "the mailer service's stop signal"
mailer_grace=$(sed -n 's/^ *stop_grace_period: \([0-9]*\)s$/\1/p' <<<"$mailer")
[ -n "$mailer_grace" ] && [ "$mailer_grace" -ge 75 ] ||
  fail "the mailer's stop_grace_period ($mailer_grace s) is shorter than one send's worst case (75 s)"
sed -n '/^  mailer:$/,/^  postgres:$/p' "$dev" | grep -q 'INFRA_HOST: postgres' ||
  fail "the dev file does not point the mailer at its PostgreSQL"

# The systemd units: the server and the mailer, from the same install and .env.
for unit in construction.service construction-mailer.service; do
  f=$src/deploy/$unit
  [ -f "$f" ] || fail "no deploy/$unit"
  grep -qx 'User=construction' "$f" || fail "$unit does not run as construction"
  grep -qx 'EnvironmentFile=/opt/construction/.env' "$f" || fail "$unit does not read /opt/construction/.env"
  grep -qx 'KillSignal=SIGTERM' "$f" || fail "$unit does not stop with TERM"
  grep -qx 'NoNewPrivileges=yes' "$f" || fail "$unit is not hardened"
done
grep -qx 'ExecStart=/opt/construction/bin/construction mailer' "$src/deploy/construction-mailer.service" ||
  fail "construction-mailer.service does not run construction mailer"

for kept_out in .env build/ 'build-*/' .local/; do
  grep -qxF "$kept_out" "$src/.dockerignore" || fail ".dockerignore lets $kept_out into the build context"
done
echo "docker files: ok (grace $grace s > graceful $graceful s; mailer grace $mailer_grace s)"
