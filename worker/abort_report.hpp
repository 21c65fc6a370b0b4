// The last words of a worker the watchdog aborts: one error-log line saying
// which request it was stuck on. Runs inside the ABRT handler, so it is
// async-signal-safe: no allocation, no stdio, no locale; plain arithmetic
// and a single write(2).
#pragma once

#include "runtime/scoreboard.hpp"

namespace construction {

void write_abort_report(int fd, const WorkerSlot* slot);

}  // namespace construction
