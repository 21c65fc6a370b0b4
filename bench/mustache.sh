#!/usr/bin/env bash
# The mustache renderer alone (bench/mustache/render.cpp: the 50-row
# projects page's three templates and their data), at each git revision
# given (default: the working tree), built as Release builds it (g++ -O3):
# callgrind's instructions for one page (the difference of 201 pages and 1,
# so parsing is left out; deterministic) and the time of one page over
# 20 000 (noisy on a shared machine: the instructions are the figure).
#
#   bench/mustache.sh [REV ...]        e.g. bench/mustache.sh 1100d67 HEAD
#
# Prints one table row per revision for bench/RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
command -v valgrind >/dev/null || { echo "mustache.sh: valgrind is needed" >&2; exit 1; }
tmp=$(mktemp -d /tmp/construction-mustache.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

instructions() {  # BINARY TEMPLATES N: callgrind's total instructions
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$1" "$2" "$3" >/dev/null 2>"$tmp/cg.log"
  awk '/^summary:/ { print $2 }' "$tmp/cg.out"
}

echo "| revision | instructions a page (callgrind) | ns a page | bytes |"
echo "|---|---|---|---|"
for rev in "${@:-.}"; do
  src=$tmp/src-${rev//\//_}
  mkdir -p "$src"
  if [ "$rev" = . ]; then
    (cd "$repo" && tar cf - views/mustache.hpp views/mustache.cpp views/template_data.hpp \
      views/template_data.cpp views/templates) | tar xf - -C "$src"
    name="working tree ($(git -C "$repo" rev-parse --short HEAD)+)"
  else
    git -C "$repo" archive "$rev" views/mustache.hpp views/mustache.cpp views/template_data.hpp \
      views/template_data.cpp views/templates | tar xf - -C "$src"
    name=$(git -C "$repo" rev-parse --short "$rev")
  fi
  g++ -std=c++20 -O3 -DNDEBUG -I"$src" "$here/mustache/render.cpp" "$src/views/mustache.cpp" \
    "$src/views/template_data.cpp" -o "$src/render"
  one=$(instructions "$src/render" "$src/views/templates" 1)
  many=$(instructions "$src/render" "$src/views/templates" 201)
  timed=$("$src/render" "$src/views/templates" 20000)
  echo "| $name | $(( (many - one) / 200 )) | $(echo "$timed" | awk '{ print $5 }') | $(echo "$timed" | awk '{ print $1 }') |"
done
