#include "worker/queue_wait.hpp"

#include <ctime>

#include "runtime/log.hpp"
#include "runtime/scoreboard.hpp"

namespace construction::http {

namespace {
constexpr int64_t kLogEveryNs = 1000000000;
}

int64_t realtime_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

bool QueueWaitLimit::exceeded(int64_t arrival_ns) {
  if (max_wait_ns_ == 0 || arrival_ns == 0 || arrival_ns < started_ns_) return false;
  // A clock stepped back makes the wait negative: not a reason to refuse.
  int64_t waited = realtime_ns() - arrival_ns;
  if (waited <= max_wait_ns_) return false;
  ++counted_;
  if (waited > longest_ns_) longest_ns_ = waited;
  int64_t now = monotonic_ns();
  if (now - logged_at_ns_ >= kLogEveryNs) log_counted(now);
  return true;
}

void QueueWaitLimit::flush() {
  if (counted_) log_counted(monotonic_ns());
}

// One line a second at most, however many requests are refused: under
// overload the error log must not become the next bottleneck.
void QueueWaitLimit::log_counted(int64_t now_ns) {
  log::warning("Answered ", counted_, counted_ == 1 ? " request" : " requests",
               " 503: waited in the listen queue longer than max-queue-wait (",
               max_wait_ns_ / 1000000, " ms; longest ", longest_ns_ / 1000000, " ms)");
  counted_ = 0;
  longest_ns_ = 0;
  logged_at_ns_ = now_ns;
}

}  // namespace construction::http
