// Past capacity: a request that waited for a worker longer than
// --max-queue-wait is answered 503 with Retry-After at once, a burst past
// the listen backlog still gets an answer on every connection, and the
// server serves normally right after. The worker is held busy by the test
// server's /sleep; how long anything took is the bench's business
// (bench/tail.sh), not these tests'.
#include <catch2/catch.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {
const std::string kHealth = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

// Holds the server's one worker for a second, from a thread of its own.
struct BusyWorker {
  explicit BusyWorker(int port)
      : thread([this, port] { answer = http_get(port, "/sleep?seconds=1", 8000); }) {
    std::this_thread::sleep_for(200ms);  // the worker is in the handler
  }
  HttpResult finish() {
    thread.join();
    return answer;
  }
  HttpResult answer;
  std::thread thread;
};

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE(
    "a request that waited past --max-queue-wait gets 503 with Retry-After, then all is normal",
    "[process]") {
  ServerProcess server({.args = {"-w", "1", "--max-queue-wait", "100"}});
  BusyWorker busy(server.port());
  std::vector<std::unique_ptr<OpenConnection>> queued;
  for (int i = 0; i < 4; ++i) {
    queued.push_back(std::make_unique<OpenConnection>(server.port()));
    REQUIRE(queued.back()->send(kHealth));
  }
  auto api = std::make_unique<OpenConnection>(server.port());
  REQUIRE(api->send("GET /api/v1/projects HTTP/1.1\r\nHost: x\r\n\r\n"));

  CHECK(busy.finish().status == 200);  // the request being served is served
  for (auto& c : queued) {
    HttpResult r = c->read_response(5000);
    CHECK(r.status == 503);
    CHECK(r.header("retry-after") == "1");
    CHECK(r.header("connection") == "close");
    CHECK(r.body.find("The server is busy; try again in a moment.") != std::string::npos);
  }
  HttpResult from_api = api->read_response(5000);
  CHECK(from_api.status == 503);
  CHECK(from_api.body.find(R"("code":"server_busy")") != std::string::npos);

  HttpResult after = http_get(server.port(), "/health");
  CHECK(after.status == 200);
  CHECK(after.body == "ok");
  CHECK(server.wait_for_log("waited in the listen queue longer than max-queue-wait (100 ms", 5s));
  CHECK(count(server.access_log(), "\"GET /health HTTP/1.1\" 503") == 4);
}

TEST_CASE("with --max-queue-wait 0 a queued request waits for its turn and is served",
          "[process]") {
  ServerProcess server({.args = {"-w", "1", "--max-queue-wait", "0"}});
  BusyWorker busy(server.port());
  OpenConnection queued(server.port());
  REQUIRE(queued.send(kHealth));
  CHECK(busy.finish().status == 200);
  CHECK(queued.read_response(5000).status == 200);
}

TEST_CASE("a burst past the listen backlog gets an answer on every connection, never a reset",
          "[process]") {
  // A backlog of 4: the kernel drops the SYNs of the rest, and their
  // clients send them again (after 1 s, then 3 s), as they would to a
  // server whose queue is full. Those already queued have waited past the
  // bound by then and are answered 503 at once; the late ones are served.
  ServerProcess server({.args = {"-w", "1", "--backlog", "4", "--max-queue-wait", "100"}});
  BusyWorker busy(server.port());
  constexpr int kClients = 24;
  std::vector<HttpResult> answers(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      OpenConnection c(server.port());
      if (c.send(kHealth)) answers[i] = c.read_response(15000);
    });
  for (auto& c : clients) c.join();
  CHECK(busy.finish().status == 200);

  int served = 0, refused = 0;
  for (const auto& a : answers) {
    INFO("no answer: " << a.error);
    CHECK((a.status == 200 || a.status == 503));
    served += a.status == 200;
    refused += a.status == 503;
  }
  CHECK(served + refused == kClients);
  CHECK(refused > 0);  // the ones that queued behind the busy worker
  CHECK(http_get(server.port(), "/health").status == 200);
}
