#!/usr/bin/env bash
# Installs every Debian package the project needs to build, test and run.
# Idempotent: packages already present are skipped, and nothing is fetched
# unless something is missing. Runs apt-get as root, or through sudo.
set -euo pipefail

build_packages=(
  build-essential cmake pkg-config git curl ca-certificates procps
  libboost1.81-dev libpq-dev rapidjson-dev catch2 libkainjow-mustache-dev
  libsodium-dev libssl-dev libcurl4-openssl-dev
  postgresql-15 postgresql-client-15
  # The PDFs (documents/): cairo and pango, and the two font families they
  # name (DejaVu; Droid Sans Fallback for Chinese, Japanese, Korean, 4 MB);
  # poppler-utils' pdftotext reads them back in the tests. poppler-glib draws
  # a signed PDF's pages into its sealed record (documents/signed_pages.hpp).
  libcairo2-dev libpango1.0-dev fontconfig fonts-dejavu-core fonts-droid-fallback poppler-utils
  libpoppler-glib-dev
)
browser_packages=(chromium)
# The edge and pooler tests run Debian's own nginx and PgBouncer (test/deploy).
# The mailer's tests send to a real SMTP server (test/support/smtp_sink.py).
test_packages=(nginx pgbouncer openssl python3-aiosmtpd)
bench_packages=(wrk gunicorn python3-fastapi python3-uvicorn python3-psycopg2 python3-sqlalchemy python3-jinja2
  python3-reportlab)

want=("${build_packages[@]}")
case "${1:-}" in
  --with-browser) want+=("${browser_packages[@]}" "${test_packages[@]}") ;;
  --all) want+=("${browser_packages[@]}" "${test_packages[@]}" "${bench_packages[@]}") ;;
  --bench) want+=("${bench_packages[@]}") ;;
  "") ;;
  *) echo "usage: $0 [--with-browser|--bench|--all]" >&2; exit 2 ;;
esac
# Node.js and npm install htmx and playwright-core from the npm registry.
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm >/dev/null 2>&1 || want+=(npm)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# The pages' assets and the browser test's tools, pinned in package-lock.json.
# npm ci runs when node_modules is absent or was installed from another
# lock file (npm writes what it installed to node_modules/.package-lock.json),
# so a checkout whose node_modules predates a new package gets it.
npm_ci() {
  local root installed
  root="$(dirname "$0")/.."
  installed="$root/node_modules/.package-lock.json"
  [ -f "$installed" ] && node -e '
    const [lock, installed] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")).packages);
    const wanted = Object.entries(lock).filter(([path, p]) => path.startsWith("node_modules/") && !p.optional);
    process.exit(wanted.every(([path, p]) => installed[path]?.version === p.version) ? 0 : 1);
  ' "$root/package-lock.json" "$installed" && return 0
  npm ci --prefix "$root" --no-audit --no-fund
}
[ ${#missing[@]} -eq 0 ] && { npm_ci; exit 0; }

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_ci
