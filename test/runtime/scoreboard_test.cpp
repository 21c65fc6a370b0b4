// The scoreboard's table of request counters is shared by every worker and
// claimed without a lock. A worker can die anywhere, also halfway through
// claiming an entry for a new series: the others must never wait on it.
#include "runtime/scoreboard.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <functional>

#include "worker/metrics.hpp"

using namespace construction;

namespace {

// Runs `work` in a child process (the scoreboard is shared memory: the child
// writes the parent's) and says whether it finished; a child that spins is
// stopped by an alarm after five seconds.
bool finishes_in_child(const std::function<void()>& work) {
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::alarm(5);
    work();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// What a worker that died in the middle of a claim leaves: every entry
// taken, none of them named.
void plant_half_claimed_entries(Scoreboard& board) {
  for (auto& entry : board.data().routes) entry.ready.store(1);
}

}  // namespace

TEST_CASE("a series half-claimed by a dead worker never makes another wait", "[unit]") {
  Scoreboard board;
  plant_half_claimed_entries(board);
  CHECK(finishes_in_child([&] { board.record_request("GET", "/health", 200, 10); }));
}

TEST_CASE("beside half-claimed entries a series is counted in a free one", "[unit]") {
  Scoreboard board;
  plant_half_claimed_entries(board);
  board.data().routes[7].ready.store(0);
  for (int i = 0; i < 3; ++i)
    CHECK(finishes_in_child([&] { board.record_request("GET", "/health", 200, 10); }));
  std::string metrics = http::render_metrics(board);
  CHECK(metrics.find("construction_http_requests_total{method=\"GET\",route=\"/health\",status="
                     "\"200\"} 3\n") != std::string::npos);
  CHECK(metrics.find("construction_http_requests_unrecorded_total 0\n") != std::string::npos);
}

TEST_CASE("two entries of one series, named by two workers at once, are one line", "[unit]") {
  Scoreboard board;
  board.record_request("GET", "/health", 200, 10);
  // Another worker found that entry still being named and named a second
  // one for the same series, where it counted three requests.
  auto& routes = board.data().routes;
  auto first = std::find_if(std::begin(routes), std::end(routes),
                            [](const RouteCounter& e) { return e.ready.load() == 2; });
  REQUIRE(first != std::end(routes));
  RouteCounter& second = first == std::begin(routes) ? routes[1] : routes[0];
  second.status = first->status;
  std::memcpy(second.method, first->method, sizeof second.method);
  std::memcpy(second.route, first->route, sizeof second.route);
  second.count.store(3);
  second.ready.store(2);
  std::string metrics = http::render_metrics(board);
  std::string line =
      "construction_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}";
  CHECK(metrics.find(line + " 4\n") != std::string::npos);
  CHECK(metrics.find(line) == metrics.rfind(line));
}
