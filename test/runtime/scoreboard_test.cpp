// The scoreboard's table of request counters is shared by every worker and
// claimed without a lock. A worker can die anywhere, also halfway through
// claiming an entry for a new series: the others must never wait on it.
#include "runtime/scoreboard.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <functional>

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
