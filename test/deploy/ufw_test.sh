#!/usr/bin/env bash
# deploy/ufw.sh: the dry run prints the runbook's rules, the real run issues
# the very same commands (to a stand-in ufw), and a missing or malformed
# edge address stops it before any rule.
set -euo pipefail
src=${CONSTRUCTION_SOURCE_DIR:?run through ctest}
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

out=$(DROPLET_1_IP=10.0.0.5 "$src/deploy/ufw.sh" --dry-run)
echo "$out"
expected='ufw default deny incoming
ufw default allow outgoing
ufw limit 22/tcp comment ssh
ufw allow from 10.0.0.5 to any port 8000 proto tcp comment construction-from-edge
ufw --force enable'
[ "$out" = "$expected" ] || fail "the dry run printed other rules"

echo "DROPLET_1_IP=10.1.2.3" >.env
out=$(DROPLET_1_IP= "$src/deploy/ufw.sh" --dry-run)
grep -qx 'ufw allow from 10.1.2.3 to any port 8000 proto tcp comment construction-from-edge' <<<"$out" ||
  fail "DROPLET_1_IP from .env is not used"
rm .env

err=$(DROPLET_1_IP= "$src/deploy/ufw.sh" --dry-run 2>&1) && fail "ran without DROPLET_1_IP"
[[ $err == *"set DROPLET_1_IP"* ]] || fail "no clear line without DROPLET_1_IP: $err"
err=$(DROPLET_1_IP='0.0.0.0/0; rm -rf /' "$src/deploy/ufw.sh" --dry-run 2>&1) && fail "accepted a malformed address"
[[ $err == *"is not an address"* ]] || fail "no clear line for a malformed address: $err"

mkdir bin
printf '#!/bin/sh\necho "ufw $*" >>%s/calls\n' "$tmp" >bin/ufw
chmod +x bin/ufw
PATH=$tmp/bin:$PATH DROPLET_1_IP=10.0.0.5 "$src/deploy/ufw.sh" >/dev/null
[ "$(grep -v '^ufw status' calls)" = "$expected" ] || fail "the real run issued: $(cat calls)"
echo "ufw.sh: dry run and real run agree"
