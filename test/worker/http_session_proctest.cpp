// A worker facing clients: what it answers to well-formed, malformed,
// oversized and slow requests, always staying alive to serve the next.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <regex>
#include <thread>

#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {
// The same worker must answer before and after: no crash, no restart.
void check_worker_alive(ServerProcess& server, pid_t worker) {
  HttpResult r = http_get(server.port(), "/pid");
  CHECK(r.status == 200);
  CHECK(r.body == std::to_string(worker));
}
}  // namespace

TEST_CASE("every response carries Date, Content-Length, Content-Type and X-Request-ID",
          "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  HttpResult r = http_get(server.port(), "/health");
  REQUIRE(r.status == 200);
  CHECK(r.body == "ok");
  CHECK(r.header("content-length") == "2");
  CHECK(r.header("content-type") == "text/plain; charset=utf-8");
  CHECK(std::regex_match(r.header("date"),
                         std::regex(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)")));
  CHECK(std::regex_match(r.header("x-request-id"), std::regex("[0-9a-f]{32}")));
  CHECK(r.header("connection") == "close");

  HttpResult echoed = http_request(server.port(), "GET", "/health", "", {{"X-Request-ID", "abc-123"}});
  CHECK(echoed.header("x-request-id") == "abc-123");
  HttpResult insane =
      http_request(server.port(), "GET", "/health", "", {{"X-Request-ID", "no spaces <allowed>"}});
  CHECK(std::regex_match(insane.header("x-request-id"), std::regex("[0-9a-f]{32}")));
}

TEST_CASE("the access log uses Gunicorn's format plus duration and request id", "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  http_request(server.port(), "GET", "/health?x=1", "",
               {{"User-Agent", "tester/1.0"}, {"Referer", "http://example.test/"},
                {"X-Request-ID", "req-42"}});
  REQUIRE(wait_until([&] { return server.access_log().find("req-42") != std::string::npos; }, 2s));
  std::regex line(
      R"(127\.0\.0\.1 - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET /health\?x=1 HTTP/1\.1" 200 2 "http://example\.test/" "tester/1\.0" \d+ req-42\n)");
  CHECK(std::regex_search(server.access_log(), line));
}

TEST_CASE("unknown paths are 404, wrong methods 405 with Allow, a throwing handler 500",
          "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  pid_t worker = server.worker_pids().front();
  CHECK(http_get(server.port(), "/no/such/page").status == 404);
  HttpResult wrong = http_request(server.port(), "DELETE", "/health");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("allow") == "GET, HEAD");
  HttpResult thrown = http_get(server.port(), "/throw");
  CHECK(thrown.status == 500);
  CHECK(server.wait_for_log("thrown on purpose by /throw", 2s));
  HttpResult head = http_request(server.port(), "HEAD", "/health");
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == "2");
  CHECK(head.body.empty());
  check_worker_alive(server, worker);
}

TEST_CASE("a client that sends half a header and stalls is cut off while others are served",
          "[process]") {
  ServerProcess server({.args = {"-w", "1", "--client-timeout", "2"}});
  pid_t worker = server.worker_pids().front();
  OpenConnection stalled(server.port());
  REQUIRE(stalled.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  auto started = std::chrono::steady_clock::now();
  // A second client waits behind it (one worker) and is served once it is cut off.
  HttpResult other;
  std::thread second([&] { other = http_get(server.port(), "/health", 10000); });
  bool closed = false;
  std::string answer = stalled.read_until_closed(8000, &closed);
  auto waited = std::chrono::steady_clock::now() - started;
  CHECK(closed);
  CHECK(waited < 4s);
  CHECK(answer.starts_with("HTTP/1.1 408 "));
  second.join();
  CHECK(other.status == 200);
  check_worker_alive(server, worker);
}

TEST_CASE("a client that trickles bytes cannot hold the worker past the read deadline",
          "[process]") {
  ServerProcess server({.args = {"-w", "1", "--client-timeout", "2"}});
  OpenConnection trickle(server.port());
  auto started = std::chrono::steady_clock::now();
  bool cut = false;
  for (int i = 0; i < 40 && !cut; ++i) {
    cut = !trickle.send("X");  // a byte every 200 ms: never silent, never done
    std::this_thread::sleep_for(200ms);
    bool closed = false;
    trickle.read_until_closed(1, &closed);
    cut = cut || closed;
  }
  CHECK(cut);
  CHECK(std::chrono::steady_clock::now() - started < 4s);
}

TEST_CASE("requests that break a limit or are not HTTP get their 4xx and the worker lives",
          "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  pid_t worker = server.worker_pids().front();
  auto status_of = [&](const std::string& raw) { return parse_response(raw_exchange(server.port(), raw)).status; };

  SECTION("request line longer than 4094 bytes: 414") {
    CHECK(status_of("GET /" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n") == 414);
    CHECK(status_of("GET /" + std::string(2000000, 'a')) == 414);
  }
  SECTION("more than 100 header fields: 431") {
    std::string req = "GET /health HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 101; ++i) req += "X-Field-" + std::to_string(i) + ": v\r\n";
    CHECK(status_of(req + "\r\n") == 431);
  }
  SECTION("a header field longer than 8190 bytes: 431") {
    CHECK(status_of("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'b') +
                    "\r\n\r\n") == 431);
  }
  SECTION("a body larger than 1 MB: 413") {
    CHECK(status_of("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n" +
                    std::string(1000, 'x')) == 413);
  }
  SECTION("a body within the limit is read whole") {
    HttpResult r = http_request(server.port(), "POST", "/echo", std::string(500000, 'y'));
    CHECK(r.status == 200);
    CHECK(r.body == "500000");
  }
  SECTION("garbage bytes: 400") {
    CHECK(status_of(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n", 28)) == 400);
    CHECK(status_of("HELLO WORLD\r\n\r\n") == 400);
    CHECK(status_of("GET /health HTTP/9.9\r\n\r\n") == 400);
  }
  SECTION("a connection closed without a byte is no error") {
    OpenConnection idle(server.port());
  }
  check_worker_alive(server, worker);
}

TEST_CASE("the request line and body limits follow their flags", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--limit-request-line", "100",
                                 "--limit-request-body", "10"}});
  CHECK(parse_response(raw_exchange(server.port(), "GET /" + std::string(120, 'a') +
                                                       " HTTP/1.1\r\nHost: x\r\n\r\n"))
            .status == 414);
  CHECK(http_request(server.port(), "POST", "/echo", "0123456789").body == "10");
  CHECK(http_request(server.port(), "POST", "/echo", "0123456789A").status == 413);
}

TEST_CASE("with --keep-alive a connection carries several requests", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--keep-alive", "2"}});
  std::string two = "GET /pid HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string raw = raw_exchange(server.port(), two, 5000);
  CHECK(raw.find("Connection: keep-alive") != std::string::npos);
  auto second = raw.find("HTTP/1.1 200", 10);
  REQUIRE(second != std::string::npos);
  CHECK(raw.substr(raw.size() - 2) == "ok");
}

TEST_CASE("X-Forwarded-For is trusted only from forwarded-allow-ips", "[process]") {
  SECTION("from 127.0.0.1 (allowed by default) the client is the forwarded address") {
    ServerProcess server({.args = {"-w", "1"}});
    http_request(server.port(), "GET", "/health", "", {{"X-Forwarded-For", "203.0.113.7, 10.0.0.1"}});
    CHECK(wait_until([&] { return server.access_log().starts_with("203.0.113.7 - - ["); }, 2s));
  }
  SECTION("from a peer not in the list the header is ignored") {
    ServerProcess server({.args = {"-w", "1", "--forwarded-allow-ips", "10.9.9.9"}});
    http_request(server.port(), "GET", "/health", "", {{"X-Forwarded-For", "203.0.113.7"}});
    CHECK(wait_until([&] { return server.access_log().starts_with("127.0.0.1 - - ["); }, 2s));
  }
}

TEST_CASE("/metrics reports requests by route and status and the workers' states", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  for (int i = 0; i < 3; ++i) http_get(server.port(), "/health");
  http_get(server.port(), "/missing");
  std::string m = http_get(server.port(), "/metrics").body;
  CHECK(m.find("construction_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 3") !=
        std::string::npos);
  CHECK(m.find("construction_http_requests_total{method=\"GET\",route=\"(unmatched)\",status=\"404\"} 1") !=
        std::string::npos);
  CHECK(m.find("construction_http_request_duration_seconds_count 4") != std::string::npos);
  CHECK(m.find("construction_workers{state=\"busy\"} 1") != std::string::npos);  // the one answering
  CHECK(m.find("construction_workers{state=\"idle\"} 1") != std::string::npos);
}

TEST_CASE("a keep-alive client gives way to a waiting one on a busy sync worker", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--keep-alive", "10"}});
  OpenConnection idle(server.port());
  REQUIRE(idle.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(200ms);  // answered; now idle, kept alive
  auto started = std::chrono::steady_clock::now();
  HttpResult other = http_get(server.port(), "/health", 5000);
  CHECK(other.status == 200);
  CHECK(std::chrono::steady_clock::now() - started < 2s);  // not after the 10 s keep-alive
  bool closed = false;
  std::string first = idle.read_until_closed(2000, &closed);
  CHECK(first.find("Connection: keep-alive") != std::string::npos);
  CHECK(closed);  // the idle connection was let go
}

TEST_CASE("while others queue, a busy keep-alive connection is closed after its slice",
          "[process]") {
  ServerProcess server({.args = {"-w", "1", "--keep-alive", "10"}});
  // 1 slow request, then 149 pipelined ones on the same connection.
  std::string pipeline = "GET /sleep?seconds=1 HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 149; ++i) pipeline += "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string raw;
  std::thread busy([&] { raw = raw_exchange(server.port(), pipeline, 8000); });
  std::this_thread::sleep_for(300ms);  // the worker sleeps; the next client queues
  auto started = std::chrono::steady_clock::now();
  HttpResult other = http_get(server.port(), "/health", 8000);
  busy.join();
  CHECK(other.status == 200);
  CHECK(std::chrono::steady_clock::now() - started < 3s);
  size_t answered = 0;
  for (size_t at = raw.find("HTTP/1.1 200"); at != std::string::npos; at = raw.find("HTTP/1.1 200", at + 1))
    ++answered;
  CHECK(answered == 20);  // the slice, then the connection gave way
  CHECK(raw.rfind("Connection: close") > raw.rfind("Connection: keep-alive"));
}

TEST_CASE("a busy keep-alive client is never cut off mid-slice while another queues", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--keep-alive", "10"}});
  OpenConnection busy(server.port());
  REQUIRE(busy.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(busy.read_response(2000).status == 200);
  HttpResult queued;
  std::thread other;
  int answered = 1;
  for (int i = 0; i < 18; ++i) {  // within its slice of 20; 0.2 ms between requests
    if (i == 5)  // another client joins the listen queue while this one is busy
      other = std::thread([&] { queued = http_get(server.port(), "/health", 8000); });
    std::this_thread::sleep_for(200us);
    if (!busy.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")) break;
    HttpResult r = busy.read_response(2000);
    INFO("request " << i << ": " << r.error);
    if (r.status != 200) break;
    ++answered;
  }
  CHECK(answered == 19);
  other.join();  // once the busy client goes quiet, the queued one is served
  CHECK(queued.status == 200);
}
