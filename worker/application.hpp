// What the serving core asks of the application it serves. The production
// binary's application (api/, views/) and the tests' (test/support) both
// implement it, so the core never carries routes it does not need.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "worker/router.hpp"

namespace construction {

struct Config;
class Scoreboard;
struct WorkerSlot;

// Thrown by Application::boot_worker when the worker cannot serve at all
// (bad configuration, schema behind the binary): the worker exits with
// status 3 and, on the first boot, the master stops instead of looping.
struct BootError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
inline constexpr int kBootErrorExitStatus = 3;

// The worker a boot happens in.
struct WorkerInfo {
  const Config& config;
  Scoreboard& scoreboard;
  WorkerSlot& slot;
  unsigned number;  // 1, 2, … as in the process title
};

class Application {
 public:
  virtual ~Application() = default;

  // Master, before the first fork and on every TTIN and HUP: a message
  // refuses that worker count (e.g. the database connection budget).
  virtual std::optional<std::string> check_capacity(const Config&, int /*workers*/) {
    return std::nullopt;
  }

  // Worker, after fork: opens what the worker needs and adds its routes.
  virtual void boot_worker(WorkerInfo& worker, http::Router& router) = 0;

  // Worker: answers an exception a handler threw, when the application knows
  // what it means (database down → 503). nullopt: the core answers 500.
  virtual std::optional<http::Response> answer_exception(const std::exception&,
                                                         http::RequestContext&) {
    return std::nullopt;
  }

  // Worker, on GET /metrics: the application's own families in Prometheus'
  // text format, written after the core's (the outbox's messages). The core
  // reads no database; the application may. "" adds nothing.
  virtual std::string application_metrics() { return {}; }

  // Worker: answers a path no route matches, or a method it does not allow
  // (the Allow header is added by the core). nullopt: plain-text answer.
  virtual std::optional<http::Response> answer_error(unsigned /*status*/, http::RequestContext&) {
    return std::nullopt;
  }
};

}  // namespace construction
