#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in one folder, for development and the [pg]
# tests: no system service, no sudo prompt, no terminal (CI has no stdin).
#
#   scripts/pg-cluster.sh start DIR [PORT] [--throwaway]   create if absent, start, print DATABASE_URL
#   scripts/pg-cluster.sh stop DIR                         stop it (fast mode)
#   scripts/pg-cluster.sh url DIR                          print the DATABASE_URL of a running cluster
#
# DIR holds data/ (PGDATA), server.log, the unix socket and the port. The
# server listens on 127.0.0.1 and on the socket, trusts local connections, and
# has a role and database `construction` (the role owns the database, it is
# not a superuser). --throwaway turns fsync off: for test clusters only.
# stdout carries the URL and nothing else; progress goes to stderr.
# As root, the server runs as the `postgres` OS user, which then owns DIR.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DEFAULT_PORT=54320
ROLE=construction

usage() {
  echo "usage: $0 start DIR [PORT] [--throwaway] | stop DIR | url DIR" >&2
  exit 2
}

say() { echo "pg-cluster: $*" >&2; }

# Runs a PostgreSQL program as the cluster's owner: postgres when we are root
# (the server refuses to run as root), ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

server_running() { as_owner "$PG_BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; }

stored_port() { cat "$DIR/port" 2>/dev/null || echo "$DEFAULT_PORT"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The stored (or default) port, or the next free one after it when another
# server (another checkout's cluster, a system PostgreSQL) already has it.
free_port_from() {
  local port=$1
  while port_in_use "$port"; do
    port=$((port + 1))
    [ "$port" -lt $(( $1 + 100 )) ] || { say "no free port from $1 to $port"; exit 1; }
  done
  echo "$port"
}

print_url() { echo "postgresql://$ROLE@127.0.0.1:$(stored_port)/$ROLE"; }

prepare_dir() {
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$DIR"
  fi
  chmod 700 "$DIR"
  as_owner test -w "$DIR" ||
    { say "the server's user cannot write $DIR: check the permissions of the folders above it"; exit 1; }
}

init_cluster() {
  [ -f "$DIR/data/PG_VERSION" ] && return 0
  say "initdb in $DIR/data"
  as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust --no-instructions 2>&1 | as_owner tee "$DIR/initdb.log" >/dev/null ||
    { say "initdb failed:"; cat "$DIR/initdb.log" >&2; exit 1; }
  echo "include_if_exists = 'construction.conf'" | as_owner tee -a "$DIR/data/postgresql.conf" >/dev/null
}

# Rewritten at every start, so a new PORT or --throwaway takes effect.
write_settings() {
  {
    echo "port = $PORT"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$DIR'"
    echo "max_connections = 100"
    if [ "$THROWAWAY" = yes ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_owner tee "$DIR/data/construction.conf" >/dev/null
  echo "$PORT" | as_owner tee "$DIR/port" >/dev/null
}

start_server() {
  say "starting on 127.0.0.1:$PORT"
  as_owner "$PG_BIN/pg_ctl" start -D "$DIR/data" -l "$DIR/server.log" -w -t 60 >&2 ||
    { say "start failed; the end of $DIR/server.log:"; tail -n 20 "$DIR/server.log" >&2; exit 1; }
}

superuser_psql() {
  as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$(stored_port)" \
    -U postgres -d postgres -At "$@" </dev/null
}

create_role_and_database() {
  if [ -z "$(superuser_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
    superuser_psql -c "CREATE ROLE $ROLE LOGIN CREATEDB" >&2
  fi
  if [ -z "$(superuser_psql -c "SELECT 1 FROM pg_database WHERE datname = '$ROLE'")" ]; then
    superuser_psql -c "CREATE DATABASE $ROLE OWNER $ROLE" >&2
  fi
}

cmd_start() {
  prepare_dir
  init_cluster
  if server_running; then
    [ -z "$PORT_ARG" ] || [ "$PORT_ARG" = "$(stored_port)" ] ||
      say "already running on port $(stored_port); ignoring $PORT_ARG (stop it first)"
  else
    PORT=${PORT_ARG:-$(free_port_from "$(stored_port)")}
    write_settings
    start_server
  fi
  create_role_and_database
  print_url
}

cmd_stop() {
  if [ -f "$DIR/data/PG_VERSION" ] && server_running; then
    as_owner "$PG_BIN/pg_ctl" stop -D "$DIR/data" -m fast -w >&2
  else
    say "not running in $DIR"
  fi
}

cmd_url() {
  server_running || { say "no cluster running in $DIR"; exit 1; }
  print_url
}

COMMAND=${1:-}
[ $# -ge 2 ] || usage
shift
THROWAWAY=no
PORT_ARG=
positional=()
for arg in "$@"; do
  case "$arg" in
    --throwaway) THROWAWAY=yes ;;
    -*) usage ;;
    *) positional+=("$arg") ;;
  esac
done
[ ${#positional[@]} -ge 1 ] && [ ${#positional[@]} -le 2 ] || usage
DIR=$(realpath -m "${positional[0]}")
PORT_ARG=${positional[1]:-}
if [ -n "$PORT_ARG" ] && ! [[ "$PORT_ARG" =~ ^[0-9]+$ ]]; then
  say "PORT must be a number, not '$PORT_ARG'"
  exit 2
fi

case "$COMMAND" in
  start) cmd_start ;;
  stop) [ -z "$PORT_ARG" ] || usage; cmd_stop ;;
  url) [ -z "$PORT_ARG" ] || usage; cmd_url ;;
  *) usage ;;
esac
