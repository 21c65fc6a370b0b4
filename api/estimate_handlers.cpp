// /projects/{id}/estimates and /estimates/{id}: owners and managers only
// (prices and margins are not for field crews). Only a draft may be
// changed or deleted (409 invalid_state otherwise). A new estimate may bring
// its lines along ("lines": [...]), all written in one transaction.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/estimate_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/estimate.hpp"
#include "operations/estimate_document.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

void read_estimate_fields(FieldReader& in, sql::EstimateFields& e) {
  if (auto v = in.text("number", {50, false})) e.number = *v;
  if (auto v = in.text("title", {200, false})) e.title = *v;
  auto valid_until = in.nullable_date("valid_until");
  if (valid_until.present) e.valid_until = valid_until.value;
  if (auto v = in.integer("tax_bps", 0, domain::kMaxTaxBps)) e.tax_bps = *v;
  if (auto v = in.text("notes", {10000})) e.notes = *v;
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_estimates(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [](JsonWriter& w, const sql::EstimateRecord& e) {
    w.begin_object();
    write_estimate_fields(w, e);
    w.end_object();
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_estimate(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"title"});
    operations::NewEstimate input;
    read_estimate_fields(in, input.fields);
    input.lines = read_new_lines(in);
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return input;
  });
  return created(estimate_json(saved.estimate, saved.lines),
                 std::string(kApiBase) + "/estimates/" + std::to_string(saved.estimate.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_estimate(db, caller.org_id, path_id(ctx));
  return ok(estimate_json(document.estimate, document.lines));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::change_estimate(db, caller.org_id, path_id(ctx), if_match(ctx),
                                           [&](const sql::EstimateFields& stored) {
                                             domain::FieldErrors errors;
                                             FieldReader in(body, errors);
                                             sql::EstimateFields fields = stored;
                                             read_estimate_fields(in, fields);
                                             in.finish();
                                             if (!errors.empty())
                                               throw validation_failed(std::move(errors));
                                             return fields;
                                           });
  return ok(estimate_json(saved.estimate, saved.lines));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::delete_estimate(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

}  // namespace

void add_estimate_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/estimates", domain::Permission::read_commercial, list,
             "List a project's estimates");
  routes.add(http::Verb::post, "/projects/{id}/estimates", domain::Permission::write_commercial,
             create, "Create a draft estimate, optionally with its lines");
  routes.add(http::Verb::get, "/estimates/{id}", domain::Permission::read_commercial, show,
             "One estimate with its lines and totals");
  routes.add(http::Verb::patch, "/estimates/{id}", domain::Permission::write_commercial, update,
             "Change a draft estimate's number, title, valid_until, tax_bps or notes");
  routes.add(http::Verb::delete_, "/estimates/{id}", domain::Permission::write_commercial, remove,
             "Delete a draft estimate");
  add_estimate_transition_routes(routes);
}

}  // namespace construction::api
