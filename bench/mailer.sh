#!/usr/bin/env bash
# Messages per second through `construction mailer` to an SMTP server on
# this machine (issue 22's goal: >= 200/s). N messages (text, HTML and a
# 20 KB attachment, as an invoice's email) are queued in one transaction
# before the mailer starts; the time is from its start to the last message
# recorded sent, one transaction (and one commit, fsync on) per message.
#
#   bench/mailer.sh [--messages N] [--sink python|python-nowrite|fast|all] [--mailers M]
#
# Sinks: test/support/smtp_sink.py (aiosmtpd) writing each message to a
# file; the same accepting and writing nothing; and bench/fast_smtp_sink.py
# (bare asyncio, answers 250 to everything), to tell the mailer's limit from
# the sink's. --mailers M runs M mailers at once (default 1): each sends
# one message at a time, so M of them overlap one's waits with another's. The CPU seconds of the mailer, the sink and
# PostgreSQL are read from /proc. A private PostgreSQL cluster (fsync on) is
# started in a temp dir and removed on exit. Uses build/construction (or
# $CONSTRUCTION_BIN).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${CONSTRUCTION_BIN:-$repo/build/construction}
messages=2000
mailers=1
sinks="python python-nowrite fast"
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --mailers) mailers=$2; shift 2 ;;
    --sink) sinks=$2; [ "$sinks" = all ] && sinks="python python-nowrite fast"; shift 2 ;;
    *) sed -n '7p' "$0" >&2; exit 2 ;;
  esac
done

tmp=$(mktemp -d /tmp/construction-mailer-bench.XXXXXX)
chmod 755 "$tmp"  # the cluster runs as postgres when this runs as root
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  "$repo/scripts/pg-cluster.sh" stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

port=$((20000 + RANDOM % 10000))
DATABASE_URL=$("$repo/scripts/pg-cluster.sh" start "$tmp/pg" "$port" 2>/dev/null)
export DATABASE_URL
"$bin" migrate up >/dev/null
psql -qX "$DATABASE_URL" -c "INSERT INTO organisations (name) VALUES ('Bench Builders')"
postmaster=$(head -1 "$tmp/pg/data/postmaster.pid")

cpu_seconds() {  # PID...: user + system CPU of the processes, children included
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
backends_cpu() {  # the postmaster's children (the backends, the WAL writer, …)
  local total=0 pid
  for pid in $(ps --ppid "$postmaster" -o pid=); do total=$((total + $(cpu_seconds "$pid"))); done
  echo "$total"
}

queue() {
  psql -qX "$DATABASE_URL" <<SQL
INSERT INTO messages (org_id, record, to_addresses, cc_addresses, reply_to_name, reply_to_address,
  subject, text_body, html_body, attachment_filename, attachment_content_type, attachment, message_id)
SELECT 1, 'invoice:' || n, '{owner@client.example}', '{architect@design.example}', 'Ann Builder',
  'ann@acme.example', 'Invoice INV-' || n, repeat('Please find the invoice attached. ', 20),
  '<p>' || repeat('Please find the invoice attached. ', 20) || '</p>', 'INV-' || n || '.pdf',
  'application/pdf', decode(repeat(md5(n::text), 625), 'hex'), '<bench-' || n || '@construction>'
FROM generate_series(1, $messages) n;
SQL
}

sent() { psql -qtAX "$DATABASE_URL" -c "SELECT count(*) FROM messages WHERE status = 'sent'"; }
hz=$(getconf CLK_TCK)

run() {
  local sink=$1 args=() sink_pid mailer_pid start end
  local program=("$repo/test/support/smtp_sink.py" "$tmp/out")
  [ "$sink" = python-nowrite ] && args=(--no-write)
  [ "$sink" = fast ] && program=("$here/fast_smtp_sink.py")
  rm -rf "$tmp/out" "$tmp/sink.log"
  setsid /usr/bin/python3 "${program[@]}" "${args[@]}" >"$tmp/sink.log" 2>&1 &
  sink_pid=$!
  pids+=("$sink_pid")
  until grep -q PORT "$tmp/sink.log" 2>/dev/null; do sleep 0.05; done
  local smtp_port
  smtp_port=$(sed -n 's/PORT //p' "$tmp/sink.log")
  psql -qX "$DATABASE_URL" -c "TRUNCATE message_attempts, messages"
  queue
  local db_before sink_before
  db_before=$(backends_cpu)
  sink_before=$(cpu_seconds "$sink_pid")
  start=$(date +%s%N)
  local mailer_pids=() i
  for i in $(seq 1 "$mailers"); do
    APP_ENV=production SMTP_URL="smtp://127.0.0.1:$smtp_port" MAIL_FROM="Bench <bench@acme.example>" \
      GUNICORN_ERROR_LOGFILE="$tmp/mailer.log" GUNICORN_LOG_LEVEL=warning "$bin" mailer &
    mailer_pids+=($!)
    pids+=($!)
  done
  until [ "$(sent)" -ge "$messages" ]; do sleep 0.05; done
  end=$(date +%s%N)
  local mailer_cpu db_cpu sink_cpu
  mailer_cpu=$(cpu_seconds "${mailer_pids[@]}")
  db_cpu=$(( $(backends_cpu) - db_before ))
  sink_cpu=$(( $(cpu_seconds "$sink_pid") - sink_before ))
  kill -TERM "${mailer_pids[@]}"; wait "${mailer_pids[@]}" || true
  kill -TERM "$sink_pid"; wait "$sink_pid" 2>/dev/null || true
  local ms=$(( (end - start) / 1000000 ))
  printf '| %-15s | %6d | %6d ms | %6d msg/s | mailer %5d ms CPU (%4d µs/msg) | sink %5d ms | PostgreSQL %5d ms |\n' \
    "$sink ×$mailers" "$messages" "$ms" $(( messages * 1000 / (ms > 0 ? ms : 1) )) \
    $(( mailer_cpu * 1000 / hz )) $(( mailer_cpu * 1000000 / hz / messages )) \
    $(( sink_cpu * 1000 / hz )) $(( db_cpu * 1000 / hz ))
}

echo "| sink            | msgs   | wall      | rate         | mailer CPU                          | sink CPU      | PostgreSQL CPU     |"
echo "|---|---|---|---|---|---|---|"
for sink in $sinks; do run "$sink"; done
