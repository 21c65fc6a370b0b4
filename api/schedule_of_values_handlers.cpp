// GET /projects/{id}/schedule-of-values: the lines billed against, built
// when the project's estimate was accepted.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "sql/project_store.hpp"
#include "sql/schedule_of_values_store.hpp"

namespace construction::api {

namespace {

http::Response show(http::RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, domain::Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  JsonWriter w;
  w.begin_object().key("data").begin_array();
  domain::Cents total;
  for (const auto& line : sql::list_sov_lines(db, caller.org_id, project->id)) {
    total += line.scheduled_value_cents;
    w.begin_object()
        .num("id", line.id)
        .num("item_no", line.item_no)
        .str("description", line.description)
        .num("scheduled_value_cents", line.scheduled_value_cents.value)
        .opt_num("estimate_id", line.estimate_id)
        .opt_num("change_order_id", line.change_order_id)
        .num("version", line.version)
        .str("created_at", rfc3339(line.created_at))
        .str("updated_at", rfc3339(line.updated_at))
        .end_object();
  }
  w.end_array().num("total_cents", total.value).end_object();
  return ok(std::move(w).text());
}

}  // namespace

void add_schedule_of_values_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/schedule-of-values",
             domain::Permission::read_commercial, show, "The project's schedule of values");
}

}  // namespace construction::api
