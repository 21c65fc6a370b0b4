#!/usr/bin/env bash
# Builds the product, starts a private PostgreSQL cluster under .local/ (or
# uses DATABASE_URL when set), migrates, loads the demo data and serves on
# port 8000 in the foreground, with the mailer beside it: email goes to
# SMTP_URL when set, otherwise into .eml files under MAIL_DIR (.local/mail),
# so the demo works offline. Ctrl-C stops the server, the mailer and the
# cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
# The Release build that ships, in the folder test.sh uses: one build type,
# so running one script after the other rebuilds nothing.
./deploy/image.sh build build

if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p .local
  DATABASE_URL=$(./scripts/pg-cluster.sh start "$PWD/.local/pg")
  export DATABASE_URL
  trap './scripts/pg-cluster.sh stop "$PWD/.local/pg" >/dev/null 2>&1 || true' EXIT
fi

bin=./build/construction
"$bin" migrate up
# The demo organisation (api.md, "Demo data"); a second run adds nothing.
"$bin" seed-demo

export APP_ENV=${APP_ENV:-development}
export PUBLIC_URL=${PUBLIC_URL:-http://127.0.0.1:${PORT:-8000}}
export MAIL_DIR=${MAIL_DIR:-$PWD/.local/mail}
echo
echo "construction is starting on http://127.0.0.1:${PORT:-8000}/ (Ctrl-C stops it)"
echo "Log in as demo@example.com with the password: demo"
if [ -n "${SMTP_URL:-}" ]; then
  relay=${SMTP_URL#*://}
  echo "Email goes through the SMTP relay ${SMTP_URL%%://*}://${relay##*@} (no password shown)"
else
  echo "Email is written as .eml files to $MAIL_DIR (set SMTP_URL to send through a relay)"
fi
echo
"$bin" mailer &
mailer=$!
"$bin" serve --bind "0.0.0.0:${PORT:-8000}" --workers "${GUNICORN_WORKERS:-2}" &
server=$!
trap 'kill -TERM $server $mailer 2>/dev/null; wait $server $mailer 2>/dev/null; ./scripts/pg-cluster.sh stop "$PWD/.local/pg" >/dev/null 2>&1 || true' EXIT INT TERM
wait $server
