#!/usr/bin/env bash
# Builds the product, starts a private PostgreSQL cluster under .local/ (or
# uses DATABASE_URL when set), migrates, loads the demo data and serves on
# port 8000 in the foreground. Ctrl-C stops the server and the cluster.
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
echo
echo "construction is starting on http://127.0.0.1:${PORT:-8000}/ (Ctrl-C stops it)"
echo "Log in as demo@example.com with the password: demo"
echo
"$bin" serve --bind "0.0.0.0:${PORT:-8000}" --workers "${GUNICORN_WORKERS:-2}" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; ./scripts/pg-cluster.sh stop "$PWD/.local/pg" >/dev/null 2>&1 || true' EXIT INT TERM
wait $server
