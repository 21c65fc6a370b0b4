// The master's record of the workers it forked: only these pids are ever
// interpreted when reaped. Each record remembers what the master did to the
// worker, so an exit can be told apart: asked to stop, killed by the
// watchdog, or died on its own.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <vector>

namespace construction {

struct WorkerRecord {
  pid_t pid = 0;
  size_t slot = 0;
  unsigned number = 0;
  uint32_t generation = 0;
  int64_t spawned_ns = 0;
  bool booted = false;        // has reached idle at least once
  int64_t term_sent_ns = 0;   // asked to stop (TERM, or QUIT in a quick shutdown)
  int64_t abort_sent_ns = 0;  // watchdog: ABRT sent
  bool kill_sent = false;     // the master sent SIGKILL
  bool leaving() const { return term_sent_ns || abort_sent_ns || kill_sent; }
};

class WorkerTable {
 public:
  void add(const WorkerRecord& record) { workers_[record.pid] = record; }
  WorkerRecord* find(pid_t pid) {
    auto it = workers_.find(pid);
    return it == workers_.end() ? nullptr : &it->second;
  }
  void remove(pid_t pid) { workers_.erase(pid); }
  bool empty() const { return workers_.empty(); }
  size_t size() const { return workers_.size(); }

  // Workers of a generation that are not on their way out, oldest first.
  std::vector<WorkerRecord*> serving(uint32_t generation);
  std::vector<WorkerRecord*> all();
  // The smallest worker number not in use by a serving worker of the generation.
  unsigned free_number(uint32_t generation);

 private:
  std::map<pid_t, WorkerRecord> workers_;
};

}  // namespace construction
