#!/usr/bin/env bash
# The container image's steps, as a plain script: deploy/Dockerfile runs it,
# ./scripts/test.sh builds with it, and a test runs it outside Docker, so what
# the image does is proven where `docker build` cannot run.
#
#   deploy/image.sh build BUILD_DIR               Release build (CONSTRUCTION_TESTS=ON adds the tests)
#   deploy/image.sh install BUILD_DIR PREFIX      binary, templates, static assets, this script under PREFIX
#   deploy/image.sh runtime-packages BINARY       the Debian packages of the binary's shared libraries
#   deploy/image.sh start [COMMAND [ARGS...]]     in the image: `construction serve`, or another subcommand
#
# `build` and `install` run from the source tree; `start` runs from PREFIX
# (it finds the binary beside itself).
set -euo pipefail

usage() {
  sed -n '6,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd_build() {
  local build=$1 source_dir
  source_dir=$(cd "$(dirname "$0")/.." && pwd)
  cmake -S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCONSTRUCTION_TESTS="${CONSTRUCTION_TESTS:-OFF}" >/dev/null
  cmake --build "$build" -j"$(nproc)"
}

cmd_install() {
  local build=$1 prefix=$2
  cmake --install "$build" --prefix "$prefix" --strip >/dev/null
  install -m 755 "$0" "$prefix/bin/image.sh"
  mkdir -p "$prefix/share/construction"
  cmd_runtime_packages "$prefix/bin/construction" >"$prefix/share/construction/runtime-packages"
}

# The package owning each shared library the binary loads (the runtime stage
# installs exactly these). A library no package owns is an error: the slim
# image would not have it.
cmd_runtime_packages() {
  local binary=$1 path real owners package missing=0 libs=() candidates=() found=()
  mapfile -t libs < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
  for path in "${libs[@]}"; do candidates+=("$path" "$(realpath "$path")"); done
  # One dpkg call for all of them (it is slow per call): "package:arch: /path" lines.
  owners=$(dpkg -S "${candidates[@]}" 2>/dev/null || true)
  for path in "${libs[@]}"; do
    real=$(realpath "$path")
    package=$(awk -v a="$path" -v b="$real" '$NF == a || $NF == b { sub(/:.*/, "", $1); print $1; exit }' <<<"$owners")
    if [ -z "$package" ]; then
      echo "image.sh: no Debian package owns $path" >&2
      missing=1
      continue
    fi
    found+=("$package")
  done
  printf '%s\n' "${found[@]}" | sort -u
  return "$missing"
}

cmd_start() {
  local here
  here=$(cd "$(dirname "$0")" && pwd)
  [ $# -gt 0 ] || set -- serve
  exec "$here/construction" "$@"
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
  build) [ $# -eq 1 ] || usage; cmd_build "$@" ;;
  install) [ $# -eq 2 ] || usage; cmd_install "$@" ;;
  runtime-packages) [ $# -eq 1 ] || usage; cmd_runtime_packages "$@" ;;
  start) cmd_start "$@" ;;
  *) usage ;;
esac
