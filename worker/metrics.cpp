#include "worker/metrics.hpp"

#include <map>

namespace construction::http {

namespace {

// Microseconds as seconds with six decimals, without floating point.
std::string seconds(uint64_t us) {
  std::string frac = std::to_string(us % 1000000);
  return std::to_string(us / 1000000) + "." + std::string(6 - frac.size(), '0') + frac;
}

std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void requests(std::string& out, ScoreboardData& d) {
  family(out, "construction_http_requests_total", "counter",
         "Requests served, by route and status.");
  // A series may have two entries (runtime/scoreboard.cpp): one line each.
  std::map<std::string, uint64_t> series;
  for (auto& e : d.routes) {
    if (e.ready.load(std::memory_order_acquire) != 2) continue;
    series["{method=\"" + escape_label(e.method) + "\",route=\"" + escape_label(e.route) +
           "\",status=\"" + std::to_string(e.status) + "\"}"] +=
        e.count.load(std::memory_order_relaxed);
  }
  for (const auto& [labels, count] : series)
    out += "construction_http_requests_total" + labels + " " + std::to_string(count) + "\n";
  family(out, "construction_http_requests_unrecorded_total", "counter",
         "Requests left out of construction_http_requests_total: its series table was full.");
  out += "construction_http_requests_unrecorded_total " +
         std::to_string(d.route_overflow.load(std::memory_order_relaxed)) + "\n";
}

void latency(std::string& out, ScoreboardData& d) {
  family(out, "construction_http_request_duration_seconds", "histogram",
         "Time from the first byte of a request to its logged response.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= kLatencyBuckets; ++i) {
    cumulative += d.latency_buckets[i].load(std::memory_order_relaxed);
    std::string le = i < kLatencyBuckets ? seconds(kLatencyBoundsUs[i]) : "+Inf";
    out += "construction_http_request_duration_seconds_bucket{le=\"" + le + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out +=
      "construction_http_request_duration_seconds_sum " + seconds(d.latency_sum_us.load()) + "\n";
  out += "construction_http_request_duration_seconds_count " +
         std::to_string(d.latency_count.load()) + "\n";
}

void restarts(std::string& out, ScoreboardData& d) {
  family(out, "construction_worker_restarts_total", "counter", "Workers replaced, by cause.");
  for (size_t i = 0; i < static_cast<size_t>(RestartCause::count); ++i)
    out += "construction_worker_restarts_total{cause=\"" +
           std::string(restart_cause_name(static_cast<RestartCause>(i))) + "\"} " +
           std::to_string(d.restarts[i].load()) + "\n";
  family(out, "construction_worker_timeouts_total", "counter",
         "Workers killed by the watchdog for being silent past the timeout.");
  out += "construction_worker_timeouts_total " +
         std::to_string(d.restarts[static_cast<size_t>(RestartCause::timeout)].load()) + "\n";
}

void workers(std::string& out, ScoreboardData& d) {
  uint64_t busy = 0, idle = 0, db = 0;
  for (auto& s : d.slots) {
    WorkerState state = s.state.load(std::memory_order_acquire);
    if (state == WorkerState::busy) ++busy;
    if (state == WorkerState::idle) ++idle;
    if (state != WorkerState::free) db += s.db_connections.load(std::memory_order_relaxed);
  }
  family(out, "construction_workers", "gauge", "Worker processes by state.");
  out += "construction_workers{state=\"busy\"} " + std::to_string(busy) + "\n";
  out += "construction_workers{state=\"idle\"} " + std::to_string(idle) + "\n";
  family(out, "construction_db_pool_connections", "gauge",
         "Open PostgreSQL connections, summed over the workers' pools.");
  out += "construction_db_pool_connections " + std::to_string(db) + "\n";
}

}  // namespace

std::string render_metrics(Scoreboard& scoreboard) {
  std::string out;
  out.reserve(8192);
  ScoreboardData& d = scoreboard.data();
  requests(out, d);
  latency(out, d);
  restarts(out, d);
  workers(out, d);
  return out;
}

}  // namespace construction::http
