#!/usr/bin/env bash
# The application host's firewall (the runbook's rules): deny what comes in,
# except SSH (rate-limited) and port 8000 from the edge host only.
#
#   DROPLET_1_IP=10.0.0.5 deploy/ufw.sh [--dry-run]
#
# DROPLET_1_IP is the edge host's (private) address, from the environment or
# from .env in the current folder. SSH_PORT defaults to 22, APP_PORT to 8000.
# --dry-run prints the ufw commands instead of running them. Run as root.
set -euo pipefail

dry_run=no
case "${1:-}" in
  --dry-run) dry_run=yes ;;
  "") ;;
  *) echo "usage: DROPLET_1_IP=ADDRESS $0 [--dry-run]" >&2; exit 2 ;;
esac

from_env_file() { [ -f .env ] && sed -n "s/^[[:space:]]*$1=//p" .env | tail -n 1 || true; }
edge=${DROPLET_1_IP:-$(from_env_file DROPLET_1_IP)}
ssh_port=${SSH_PORT:-22}
app_port=${APP_PORT:-8000}

fail() { echo "ufw.sh: $*" >&2; exit 2; }
[ -n "$edge" ] || fail "set DROPLET_1_IP to the edge host's address (only it may reach port $app_port)"
ipv4='^([0-9]{1,3}\.){3}[0-9]{1,3}(/[0-9]{1,2})?$'
ipv6='^[0-9a-fA-F:]+(/[0-9]{1,3})?$'
[[ $edge =~ $ipv4 || ($edge =~ $ipv6 && $edge == *:*) ]] || fail "DROPLET_1_IP is not an address: '$edge'"
[[ $ssh_port =~ ^[0-9]+$ && $app_port =~ ^[0-9]+$ ]] || fail "SSH_PORT and APP_PORT must be numbers"

rules=(
  "default deny incoming"
  "default allow outgoing"
  "limit $ssh_port/tcp comment ssh"
  "allow from $edge to any port $app_port proto tcp comment construction-from-edge"
  "--force enable"
)

if [ "$dry_run" = yes ]; then
  for rule in "${rules[@]}"; do echo "ufw $rule"; done
  exit 0
fi
command -v ufw >/dev/null || fail "ufw is not installed: apt-get install ufw"
for rule in "${rules[@]}"; do
  echo "ufw $rule"
  # shellcheck disable=SC2086  # each rule is words on purpose
  ufw $rule
done
ufw status verbose
