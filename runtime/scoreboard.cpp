#include "runtime/scoreboard.hpp"

#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <cstring>

#include "runtime/syscall.hpp"

namespace construction {

static_assert(std::atomic<int64_t>::is_always_lock_free, "the scoreboard needs lock-free atomics");
static_assert(std::atomic<uint64_t>::is_always_lock_free, "the scoreboard needs lock-free atomics");

int64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::string_view restart_cause_name(RestartCause cause) {
  switch (cause) {
    case RestartCause::timeout: return "timeout";
    case RestartCause::killed: return "killed";
    case RestartCause::crashed: return "crashed";
    case RestartCause::failed: return "failed";
    case RestartCause::boot_error: return "boot_error";
    case RestartCause::recycled: return "recycled";
    case RestartCause::count: break;
  }
  return "unknown";
}

Scoreboard::Scoreboard() {
  void* block = ::mmap(nullptr, sizeof(ScoreboardData), PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) throw_errno("mmap scoreboard");
  // Anonymous mappings are zero-filled, which is every atomic's initial value.
  data_ = static_cast<ScoreboardData*>(block);
}

Scoreboard::~Scoreboard() { ::munmap(data_, sizeof(ScoreboardData)); }

size_t Scoreboard::claim_slot(uint32_t number, uint32_t generation) {
  for (size_t i = 0; i < kMaxSlots; ++i) {
    WorkerSlot& s = data_->slots[i];
    if (s.state.load() != WorkerState::free) continue;
    s.pid = 0;
    s.number = number;
    s.generation = generation;
    s.heartbeat_ns = monotonic_ns();
    s.request_started_ns = 0;
    s.requests = 0;
    s.db_connections = 0;
    s.recycling = 0;
    s.request_line[0] = '\0';
    s.state = WorkerState::booting;
    return i;
  }
  return kMaxSlots;
}

void Scoreboard::release_slot(size_t index) {
  data_->slots[index].pid = 0;
  data_->slots[index].state = WorkerState::free;
}

void Scoreboard::beat(WorkerSlot& slot) {
  slot.heartbeat_ns.store(monotonic_ns(), std::memory_order_relaxed);
}

void Scoreboard::begin_request(WorkerSlot& slot, std::string_view request_line) {
  size_t n = std::min(request_line.size(), kRequestLineBytes - 1);
  std::memcpy(slot.request_line, request_line.data(), n);
  slot.request_line[n] = '\0';
  int64_t now = monotonic_ns();
  slot.heartbeat_ns.store(now, std::memory_order_relaxed);
  slot.request_started_ns.store(now, std::memory_order_relaxed);
  slot.state.store(WorkerState::busy, std::memory_order_release);
}

void Scoreboard::end_request(WorkerSlot& slot) {
  slot.requests.fetch_add(1, std::memory_order_relaxed);
  slot.heartbeat_ns.store(monotonic_ns(), std::memory_order_relaxed);
  slot.state.store(WorkerState::idle, std::memory_order_release);
}

std::string Scoreboard::request_line(size_t index) const {
  const WorkerSlot& s = data_->slots[index];
  char copy[kRequestLineBytes];
  std::memcpy(copy, s.request_line, kRequestLineBytes);
  copy[kRequestLineBytes - 1] = '\0';
  return copy;
}

void Scoreboard::count_restart(RestartCause cause) {
  data_->restarts[static_cast<size_t>(cause)].fetch_add(1, std::memory_order_relaxed);
}

namespace {
uint64_t route_hash(std::string_view method, std::string_view route, unsigned status) {
  uint64_t h = 1469598103934665603ull ^ status;
  for (char c : method) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  for (char c : route) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

void copy_text(char* dst, size_t size, std::string_view text) {
  size_t n = std::min(text.size(), size - 1);
  std::memcpy(dst, text.data(), n);
  dst[n] = '\0';
}

bool same_key(const RouteCounter& e, std::string_view method, std::string_view route,
              unsigned status) {
  return e.status == status && method.substr(0, sizeof e.method - 1) == e.method &&
         route.substr(0, sizeof e.route - 1) == e.route;
}
}  // namespace

// Open addressing over a fixed table; an entry is claimed once with a
// compare-exchange and never moves, so readers need no lock. An entry being
// named by another worker is passed over, never waited on: that worker may
// have died between its claim and its name, and nobody would ever finish
// the entry. Passing over costs at most a second entry for the same series
// (two workers naming one series at the same moment), which /metrics adds
// together; an entry left half-claimed by a dead worker stays unused.
void Scoreboard::record_request(std::string_view method, std::string_view route, unsigned status,
                                uint64_t duration_us) {
  size_t bucket = 0;
  while (bucket < kLatencyBuckets && duration_us > kLatencyBoundsUs[bucket]) ++bucket;
  data_->latency_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  data_->latency_sum_us.fetch_add(duration_us, std::memory_order_relaxed);
  data_->latency_count.fetch_add(1, std::memory_order_relaxed);

  size_t start = route_hash(method, route, status) % kRouteEntries;
  for (size_t probe = 0; probe < kRouteEntries; ++probe) {
    RouteCounter& e = data_->routes[(start + probe) % kRouteEntries];
    uint32_t state = e.ready.load(std::memory_order_acquire);
    if (state == 0) {
      uint32_t expected = 0;
      if (e.ready.compare_exchange_strong(expected, 1)) {
        e.status = static_cast<uint16_t>(status);
        copy_text(e.method, sizeof e.method, method);
        copy_text(e.route, sizeof e.route, route);
        e.count.fetch_add(1, std::memory_order_relaxed);
        e.ready.store(2, std::memory_order_release);
        return;
      }
      state = expected;
    }
    if (state == 2 && same_key(e, method, route, status)) {
      e.count.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  data_->route_overflow.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace construction
