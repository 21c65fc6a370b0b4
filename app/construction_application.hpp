// The production application: the composition root that gives each worker
// its database pool and its routes (health and readiness, API, pages), checks
// the connection budget for the master, and turns database outages into 503.
#pragma once

#include <memory>

#include "sql/pool.hpp"
#include "views/page_context.hpp"
#include "worker/application.hpp"

namespace construction {

class ConstructionApplication : public Application {
 public:
  std::optional<std::string> check_capacity(const Config& config, int workers) override;
  void boot_worker(WorkerInfo& worker, http::Router& router) override;
  std::string application_metrics() override;
  std::optional<http::Response> answer_exception(const std::exception& error,
                                                 http::RequestContext& ctx) override;
  std::optional<http::Response> answer_error(unsigned status, http::RequestContext& ctx) override;

  // Every route a worker serves, added as a worker adds them (the serving
  // core's health and metrics, then boot_worker's), in the order the router
  // tries them, to a pool that never connects: `construction routes` lists
  // them without a database.
  void list_routes(const Config& config, Scoreboard& scoreboard, http::Router& router);

 protected:
  sql::Pool& pool() { return *pool_; }
  // The pages' templates, assets and keys (views::load_views); the tests'
  // server wraps the templates to compare each render with kainjow's.
  virtual std::unique_ptr<views::Views> load_views(const Config& config);

 private:
  void open_pool(WorkerInfo& worker);
  void check_schema();
  void add_routes(const Config& config, http::Router& router);
  void add_pages(const Config& config, http::Router& router);

  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<views::Views> views_;
};

}  // namespace construction
