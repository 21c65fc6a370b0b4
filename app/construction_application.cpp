#include "app/construction_application.hpp"

#include "api/routes.hpp"
#include "app/database_config.hpp"
#include "app/error_pages.hpp"
#include "app/outbox_metrics.hpp"
#include "runtime/log.hpp"
#include "runtime/scoreboard.hpp"
#include "sql/connection_budget.hpp"
#include "sql/error.hpp"
#include "sql/migrator.hpp"
#include "views/routes.hpp"
#include "views/signature_mail.hpp"
#include "worker/builtin_routes.hpp"

namespace construction {

std::optional<std::string> ConstructionApplication::check_capacity(const Config& config,
                                                                   int workers) {
  auto check =
      sql::check_connection_budget(database_settings(config, "construction master"), workers);
  switch (check.outcome) {
    case sql::BudgetCheck::Outcome::fits:
      log::info("Database connections: ", check.message);
      return std::nullopt;
    case sql::BudgetCheck::Outcome::database_unreachable:
      log::warning(check.message, "; starting anyway: database routes answer 503 until it is back");
      return std::nullopt;
    case sql::BudgetCheck::Outcome::too_many_connections:
      return check.message;
  }
  return std::nullopt;
}

void ConstructionApplication::boot_worker(WorkerInfo& worker, http::Router& router) {
  open_pool(worker);
  check_schema();
  add_routes(worker.config, router);
}

void ConstructionApplication::list_routes(const Config& config, Scoreboard& scoreboard,
                                          http::Router& router) {
  http::add_builtin_routes(router, scoreboard, this);
  pool_ = std::make_unique<sql::Pool>(database_settings(config, "construction routes"));
  add_routes(config, router);
}

// Readiness, the API, the pages: what a worker serves besides the core's own.
void ConstructionApplication::add_routes(const Config& config, http::Router& router) {
  router.add(
      http::Verb::get, "/ready",
      [this](http::RequestContext&) {
        try {
          pool_->exec("SELECT 1");
          return http::json_response(200, R"({"database":"ok"})");
        } catch (const sql::Error& e) {
          return http::json_response(503, R"({"database":"unavailable"})");
        }
      },
      "Readiness: 200 when PostgreSQL answers, 503 when it does not");
  add_pages(config, router);
}

// The pages' templates and assets are read once here, in each worker; a
// missing or broken template stops the boot (status 3), never a request.
// The API's routes are added here too, once the views are read: a signature
// request sent through the API emails its signers in the pages' words.
void ConstructionApplication::add_pages(const Config& config, http::Router& router) {
  try {
    views_ = load_views(config);
  } catch (const std::exception& e) {
    throw BootError(e.what());
  }
  api::add_routes(router, *pool_, config.public_url, views::signature_mail(*views_).wording);
  views::add_routes(router, *pool_, *views_);
}

std::unique_ptr<views::Views> ConstructionApplication::load_views(const Config& config) {
  return views::load_views(config);
}

void ConstructionApplication::open_pool(WorkerInfo& worker) {
  pool_ = std::make_unique<sql::Pool>(
      database_settings(worker.config, "construction worker " + std::to_string(worker.number)));
  WorkerSlot* slot = &worker.slot;
  pool_->on_open_connections_changed(
      [slot](int open) { slot->db_connections.store(static_cast<uint32_t>(open)); });
}

// A worker must not serve with a schema older than its binary. An unreachable
// database is not a boot error: the worker serves 503s until it is back.
void ConstructionApplication::check_schema() {
  try {
    sql::Lease lease = pool_->acquire();
    sql::SchemaCheck schema = sql::schema_is_current(*lease, sql::embedded_migrations());
    if (!schema.current) throw BootError(schema.message);
  } catch (const sql::DatabaseUnavailable& e) {
    log::warning("Database unreachable at boot (", e.what(), "); serving 503 until it is back");
  }
}

// The outbox's families (app/outbox_metrics.hpp). With the database down
// they are left out, and the core's series still answer.
std::string ConstructionApplication::application_metrics() {
  if (!pool_) return {};
  try {
    sql::Lease lease = pool_->acquire();
    return render_outbox_metrics(sql::count_messages(*lease));
  } catch (const sql::Error& e) {
    log::warning("Metrics without the outbox: ", e.what());
    return {};
  }
}

std::optional<http::Response> ConstructionApplication::answer_exception(const std::exception& error,
                                                                        http::RequestContext& ctx) {
  if (dynamic_cast<const sql::DatabaseUnavailable*>(&error) ||
      dynamic_cast<const sql::ConnectionLost*>(&error) ||
      dynamic_cast<const sql::PoolExhausted*>(&error)) {
    log::warning("Database unavailable for ", ctx.path, ": ", error.what());
    return database_unavailable(ctx);
  }
  return std::nullopt;
}

std::optional<http::Response> ConstructionApplication::answer_error(unsigned status,
                                                                    http::RequestContext& ctx) {
  return error_page(status, ctx);
}

}  // namespace construction
