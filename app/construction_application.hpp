// The production application: the composition root that gives each worker
// its routes (API, pages) and, as later layers land, its database pool.
#pragma once

#include "worker/application.hpp"

namespace construction {

class ConstructionApplication : public Application {
 public:
  void boot_worker(WorkerInfo& worker, http::Router& router) override;
};

}  // namespace construction
