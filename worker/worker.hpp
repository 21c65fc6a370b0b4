// One worker process's life, after the master forked it: boot the
// application, then wait for a connection, serve it, beat the heartbeat,
// again, until told to stop, recycled, or orphaned. A sync worker: one
// request at a time. Signals only set flags, read between requests.
#pragma once

#include <sys/types.h>

#include <vector>

#include "runtime/config.hpp"
#include "runtime/listener.hpp"
#include "runtime/scoreboard.hpp"
#include "worker/application.hpp"

namespace construction {

struct WorkerLaunch {
  const Config& config;
  std::vector<Listener>& listeners;
  Scoreboard& scoreboard;
  size_t slot;
  unsigned number;
  pid_t master;
  Application& application;
};

// Runs in the forked child; returns the process's exit status.
int run_worker(WorkerLaunch launch);

}  // namespace construction
