#!/usr/bin/env bash
# deploy/nginx/construction.conf with Debian's nginx on loopback ports in
# front of the server: the client's address reaches the app's access log
# through X-Forwarded-For, HTTPS reaches the app as https, plain HTTP is sent
# to HTTPS, /static/ gets long cache lifetimes, /metrics stays behind the
# edge, and twenty slow clients through nginx do not delay a fast one
# (straight to the server, they do).
source "$CONSTRUCTION_SOURCE_DIR/test/support/proctest.sh"

NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || skip "nginx is not installed (./scripts/install-deps.sh --with-browser installs it)"
command -v openssl >/dev/null || skip "openssl is not installed"
TESTSERVER=${CONSTRUCTION_TESTSERVER:?run through ctest}

app_port=$(free_port)
start_bg server env APP_ENV=development "$TESTSERVER" serve -b "127.0.0.1:$app_port" -w 2 --client-timeout 5
app_log=$TMP/server.log
wait_serving "http://127.0.0.1:$app_port/health" || fail "the server did not start"

edge=$TMP/nginx
mkdir -p "$edge/cache"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$edge/key.pem" -out "$edge/cert.pem" 2>/dev/null || fail "openssl could not make a certificate"
http_port=$(free_port)
https_port=$(free_port)
# The site file as shipped, with this test's ports, paths and certificate.
sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e '/listen \[::\]/d' \
    -e "s|server 10.0.0.2:8000;|server 127.0.0.1:$app_port;|" \
    -e "s|/etc/letsencrypt/live/construction.example.com/fullchain.pem|$edge/cert.pem|" \
    -e "s|/etc/letsencrypt/live/construction.example.com/privkey.pem|$edge/key.pem|" \
    -e "s|/var/cache/nginx/construction|$edge/cache|" \
    -e "s|/var/log/nginx/|$edge/|" \
    "$SRC/deploy/nginx/construction.conf" >"$edge/site.conf"
grep -q "127.0.0.1:$app_port" "$edge/site.conf" && grep -q "$edge/cert.pem" "$edge/site.conf" ||
  fail "the site file's EDIT lines changed: the test cannot place it"
user_line=
[ "$(id -u)" -ne 0 ] || user_line="user root root;"
cat >"$edge/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $edge/nginx.pid;
error_log $edge/error.log;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  client_body_temp_path $edge/client_body;
  proxy_temp_path $edge/proxy;
  fastcgi_temp_path $edge/fastcgi;
  uwsgi_temp_path $edge/uwsgi;
  scgi_temp_path $edge/scgi;
  include $edge/site.conf;
}
CONF
"$NGINX" -t -p "$edge" -e "$edge/error.log" -c "$edge/nginx.conf" >"$edge/check.log" 2>&1 || fail "nginx -t: $(cat "$edge/check.log")"
start_bg nginx "$NGINX" -p "$edge" -e "$edge/error.log" -c "$edge/nginx.conf" -g 'daemon off;'
https=https://127.0.0.1:$https_port
wait_until 60 curl -fsSk --max-time 2 -o /dev/null "$https/health" || fail "nginx did not answer"

# The client (127.0.0.2) as the app sees it, over HTTPS.
seen=$(curl -fsSk --interface 127.0.0.2 "$https/client") || fail "GET /client through nginx failed"
[ "$seen" = "https 127.0.0.2" ] || fail "the app saw '$seen', not 'https 127.0.0.2'"
curl -fsSk --interface 127.0.0.2 -H "X-Request-ID: edge-test-1" -o /dev/null "$https/health"
wait_until 5 grep -q 'edge-test-1' "$app_log" || fail "the request is not in the app's access log"
grep 'edge-test-1' "$app_log" | grep '^127\.0\.0\.2 ' >/dev/null ||
  fail "the app's access log names another client: $(grep 'edge-test-1' "$app_log")"
note "app access log: $(grep 'edge-test-1' "$app_log")"

status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/projects")
[[ $status == "301 https://127.0.0.1/projects" ]] || fail "plain HTTP answered '$status', not a redirect to HTTPS"
headers=$(curl -sk -D - -o /dev/null "$https/static/app.css")
if grep -q '^HTTP/[0-9.]* 200' <<<"$headers"; then
  grep -qi '^cache-control: max-age=2592000' <<<"$headers" || fail "/static/ without a long lifetime: $headers"
fi

# /metrics is the operators' (every route's counters, the workers' states,
# the pool's figures): the edge answers 404 for it however it is spelled,
# while the app still answers it on its own port, where a scraper on the
# private network reads it.
for path in /metrics /metrics/ //metrics /%6Detrics '/metrics?x=1' /static/../metrics /metrics.txt; do
  status=$(curl -sk --path-as-is -o /dev/null -w '%{http_code}' "$https$path")
  [ "$status" = 404 ] || fail "GET $path through nginx answered $status, not 404"
done
note "/metrics through nginx: 404 in every spelling tried"
curl -fsS -o /dev/null "http://127.0.0.1:$app_port/metrics" || fail "the app itself no longer answers /metrics"
curl -fsSk -o /dev/null "$https/health" || fail "/health through nginx no longer answers"

# A client that sends its request a byte every half second, over TLS (to
# nginx) or plain TCP (to the server).
slow_request() {
  local request=$'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: yes\r\n\r\n' i
  for ((i = 0; i < ${#request}; i++)); do
    printf '%s' "${request:i:1}"
    sleep 0.5
  done
  sleep 5
}
slow_client() {
  if [ "$2" = https ]; then
    slow_request | openssl s_client -quiet -connect "127.0.0.1:$1" >/dev/null 2>&1
  else
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    slow_request >&3
  fi
}
# FAST_TIME: seconds a fast GET /health takes while twenty slow clients hold PORT.
fast_while_slow() {
  local port=$1 scheme=$2 i
  for i in $(seq 1 20); do
    start_bg "slow-$port-$i" bash -c "$(declare -f slow_request slow_client); slow_client $port $scheme"
  done
  sleep 3
  FAST_TIME=$(curl -sk -o /dev/null --max-time 10 -w '%{time_total}' "$scheme://127.0.0.1:$port/health" || echo 10)
  for pgid in "${PGROUPS[@]: -20}"; do stop_group "$pgid"; done
}
fast_while_slow "$https_port" https
through_nginx=$FAST_TIME
note "fast request through nginx beside 20 slow clients: ${through_nginx} s"
fast_while_slow "$app_port" http
direct=$FAST_TIME
note "fast request straight to the server beside 20 slow clients: ${direct} s"
awk -v t="$through_nginx" 'BEGIN { exit !(t < 2.0) }' || fail "nginx let slow clients delay a fast one (${through_nginx} s)"
awk -v t="$direct" 'BEGIN { exit !(t >= 5.0) }' ||
  fail "straight to the server the slow clients did not delay anyone (${direct} s): they are not slow"

# Past capacity and restarts: with the app gone, nginx answers what the
# app answers when a request waited too long, a 503 with Retry-After and a
# page that says to try again, not its bare 502.
stop_group "${PGROUPS[0]}"
headers=$(curl -sk -D - -o "$TMP/unavailable.html" "$https/projects")
grep -q '^HTTP/[0-9.]* 503' <<<"$headers" || fail "with the app stopped nginx answered: $(head -1 <<<"$headers")"
grep -qi '^retry-after: 5' <<<"$headers" || fail "nginx's 503 has no Retry-After: $headers"
grep -q 'try again in a moment' "$TMP/unavailable.html" || fail "nginx's 503 page: $(cat "$TMP/unavailable.html")"
note "with the app stopped: $(head -1 <<<"$headers" | tr -d '\r'), $(grep -i '^retry-after' <<<"$headers" | tr -d '\r')"

