// The scoreboard: one block of shared memory, mapped by the master before it
// forks, that every process of the server reads and writes with atomics.
//
// Each worker owns a slot: its heartbeat (the watchdog's clock, no temp files),
// its state, the request it is serving and when that began, its request count
// and its open database connections. Beside the slots live the counters that
// /metrics reports, so any worker can answer for all of them.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace construction {

enum class WorkerState : uint32_t { free = 0, booting, idle, busy, stopping };

// Why the master replaced a worker; indexes Scoreboard::restarts.
enum class RestartCause : uint32_t {
  timeout = 0,    // killed by the watchdog
  killed,         // SIGKILL the master did not send (likely the OOM killer)
  crashed,        // any other signal
  failed,         // exit status other than 0
  boot_error,     // exit status 3
  recycled,       // max-requests or max-worker-memory
  count
};
std::string_view restart_cause_name(RestartCause cause);

inline constexpr size_t kMaxSlots = 512;
inline constexpr size_t kRequestLineBytes = 160;
inline constexpr size_t kRouteEntries = 512;
inline constexpr size_t kLatencyBuckets = 12;
// Upper bounds of the latency histogram's buckets, in microseconds.
inline constexpr uint64_t kLatencyBoundsUs[kLatencyBuckets] = {
    1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 10000000};

struct WorkerSlot {
  std::atomic<pid_t> pid;
  std::atomic<uint32_t> number;  // the worker's number in its process title
  std::atomic<uint32_t> generation;
  std::atomic<WorkerState> state;
  std::atomic<int64_t> heartbeat_ns;  // CLOCK_MONOTONIC of the last beat
  std::atomic<int64_t> request_started_ns;
  std::atomic<uint64_t> requests;
  std::atomic<uint32_t> db_connections;
  std::atomic<uint32_t> recycling;  // set before a planned exit
  char request_line[kRequestLineBytes];
};

struct RouteCounter {
  std::atomic<uint32_t> ready;  // 0 empty, 1 being named by its claimer, 2 usable
  uint16_t status;
  char method[10];
  char route[92];
  std::atomic<uint64_t> count;
};

struct ScoreboardData {
  WorkerSlot slots[kMaxSlots];
  std::atomic<uint64_t> restarts[static_cast<size_t>(RestartCause::count)];
  std::atomic<uint64_t> latency_buckets[kLatencyBuckets + 1];  // last: +Inf
  std::atomic<uint64_t> latency_sum_us;
  std::atomic<uint64_t> latency_count;
  std::atomic<uint64_t> route_overflow;  // requests whose route found no free entry
  RouteCounter routes[kRouteEntries];
};

class Scoreboard {
 public:
  // Maps a fresh, zeroed block (MAP_SHARED | MAP_ANONYMOUS).
  Scoreboard();
  Scoreboard(const Scoreboard&) = delete;
  Scoreboard& operator=(const Scoreboard&) = delete;
  ~Scoreboard();

  ScoreboardData& data() { return *data_; }
  WorkerSlot& slot(size_t index) { return data_->slots[index]; }

  // Master side: claims a free slot for a worker about to be forked.
  // Returns kMaxSlots when every slot is taken.
  size_t claim_slot(uint32_t number, uint32_t generation);
  void release_slot(size_t index);

  // Worker side.
  static void beat(WorkerSlot& slot);
  static void begin_request(WorkerSlot& slot, std::string_view request_line);
  static void end_request(WorkerSlot& slot);
  std::string request_line(size_t index) const;

  void count_restart(RestartCause cause);
  void record_request(std::string_view method, std::string_view route, unsigned status,
                      uint64_t duration_us);

 private:
  ScoreboardData* data_;
};

int64_t monotonic_ns();

}  // namespace construction
