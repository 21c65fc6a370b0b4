#!/usr/bin/env bash
# What deploy/Dockerfile does, outside Docker: deploy/image.sh installs the
# Release build (the one ./scripts/test.sh made with `image.sh build`) into a
# prefix as the runtime stage holds it, and its start step serves from there,
# as an unprivileged user, with no source tree; the image's HEALTHCHECK
# command and the smoke test pass.
source "$CONSTRUCTION_SOURCE_DIR/test/support/proctest.sh"

build=${CONSTRUCTION_BUILD_DIR:?run through ctest}
grep -qx 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" ||
  fail "$build is not the Release build (./scripts/test.sh builds with deploy/image.sh build)"

prefix=$TMP/opt/construction
"$SRC/deploy/image.sh" install "$build" "$prefix" || fail "image.sh install failed"
for f in bin/construction bin/image.sh share/construction/runtime-packages; do
  [ -e "$prefix/$f" ] || fail "the image lacks $f"
done
packages=$(cat "$prefix/share/construction/runtime-packages")
# cairo and pango make the PDFs; poppler-glib draws a signed PDF into its sealed record.
for p in libpq5 libsodium23 libssl3 libstdc++6 libcurl4 libcairo2 libpango-1.0-0 libpoppler-glib8; do
  grep -qx "$p" <<<"$packages" || fail "runtime-packages lacks $p: $packages"
done
libs=$(ldd "$prefix/bin/construction")
! grep -q 'not found' <<<"$libs" || fail "unresolved libraries: $(ldd "$prefix/bin/construction")"
note "runtime packages: $(paste -sd' ' <<<"$packages")"
note "binary: $(stat -c %s "$prefix/bin/construction") bytes, $(file -b "$prefix/bin/construction" 2>/dev/null | grep -o 'stripped\|not stripped' || echo '?')"

# The runtime stage's user: nobody, when we may switch to it.
as_app_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_app_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

DATABASE_URL=$(scratch_database image)
export DATABASE_URL APP_ENV=development
cd "$prefix"
"${as_app_user[@]}" "$prefix/bin/image.sh" start migrate up || fail "image.sh start migrate failed"
port=$(free_port)
start_bg image-server "${as_app_user[@]}" env GUNICORN_BIND="127.0.0.1:$port" "$prefix/bin/image.sh" start
wait_serving "http://127.0.0.1:$port/health" || fail "image.sh start did not serve"
[ "$(curl -fsS "http://127.0.0.1:$port/health")" = ok ] || fail "the HEALTHCHECK command fails"
# No mailer yet: the smoke test says so. Then the image's mailer (development:
# .eml files) connects, and it passes.
smoke=$("$SRC/scripts/smoke-test.sh" "http://127.0.0.1:$port" 2>&1) &&
  fail "the smoke test passed with no mailer running"
grep -q 'no mailer is connected' <<<"$smoke" || fail "the smoke test did not name the missing mailer: $smoke"
mkdir -p "$TMP/mail" && chmod 777 "$TMP/mail"
start_bg image-mailer "${as_app_user[@]}" env MAIL_DIR="$TMP/mail" "$prefix/bin/image.sh" start mailer
wait_until 20 grep -q 'Mailer ready' "$TMP/image-mailer.log" ||
  fail "image.sh start mailer did not start: $(cat "$TMP/image-mailer.log")"
"$SRC/scripts/smoke-test.sh" "http://127.0.0.1:$port" || fail "the smoke test fails against the image layout"
if [ ${#as_app_user[@]} -gt 0 ]; then
  # setsid, setpriv, env and image.sh all exec: the group leader is the master.
  [ "$(stat -c %U "/proc/$BG_PID")" = nobody ] || fail "the server does not run as the unprivileged user"
fi
note "image layout serves as $( [ ${#as_app_user[@]} -gt 0 ] && echo nobody || id -un) from $prefix"
