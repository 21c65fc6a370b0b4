// How long a request waited in the listen queue before a worker took it,
// and the bound past which it is answered 503 at once instead of served
// (--max-queue-wait). Past capacity the queue grows without end: every
// client waits longer than the last, and once the load drops the workers
// still owe the whole backlog. A request that has already waited past the
// bound is answered in microseconds (503, Retry-After, Connection: close),
// so the queue never holds more than the bound's worth of work, a client
// always hears back, and the server is back to normal within the bound once
// the load drops (DESIGN.md, "Tail latency and past capacity").
//
// The wait is the kernel's: a TCP listener has SO_TIMESTAMPNS set
// (runtime/listener.cpp), which accepted sockets inherit, and the first
// read of a connection carries the time its bytes reached the kernel
// (SocketStream::first_arrival_ns). With TCP_DEFER_ACCEPT that is also when
// the connection entered the accept queue.
#pragma once

#include <cstdint>

namespace construction::http {

// The CLOCK_REALTIME of now, in ns: what the kernel's receive stamps use.
int64_t realtime_ns();

class QueueWaitLimit {
 public:
  explicit QueueWaitLimit(int max_wait_ms) : max_wait_ns_(int64_t{max_wait_ms} * 1000000) {}

  // The worker has booted and accepts from now on.
  void start() { started_ns_ = realtime_ns(); }
  // True when a request whose first bytes reached the kernel at
  // `arrival_ns` (CLOCK_REALTIME; 0: unknown, as on a unix socket) has
  // waited longer than the bound for this worker; such a request is counted
  // and, at most once a second, logged. One that came before the worker
  // started waited for a restart or a boot, not behind busy workers, and is
  // served: a restart under socket activation loses nothing.
  bool exceeded(int64_t arrival_ns);
  // Logs what was counted and not yet logged (the worker calls it when idle).
  void flush();

 private:
  void log_counted(int64_t now_ns);

  int64_t max_wait_ns_;  // 0: no bound
  int64_t started_ns_ = 0;
  uint64_t counted_ = 0;
  int64_t longest_ns_ = 0;
  int64_t logged_at_ns_ = 0;
};

}  // namespace construction::http
