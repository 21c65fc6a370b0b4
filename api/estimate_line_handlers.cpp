// /estimates/{id}/lines and /estimates/{id}/lines/{line_id}. The server
// prices each line (domain/cost_line.hpp) and, in the same transaction,
// recomputes the estimate's totals from its stored lines, which makes a new
// version of the estimate too. Only a draft's lines change (409 otherwise).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/estimate_document.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/estimate.hpp"
#include "sql/transaction.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

std::string line_json(const sql::LineRecord& line) {
  JsonWriter w;
  write_line(w, line);
  return w.text();
}

// The estimate, locked, when its lines may change.
sql::EstimateRecord draft_estimate(const RequestContext& ctx, sql::Connection& db,
                                   const Caller& caller) {
  auto estimate = sql::find_estimate(db, caller.org_id, path_id(ctx), true);
  if (!estimate) throw not_found();
  if (auto refusal = domain::refuse_edit(*domain::parse_estimate_status(estimate->status)))
    throw invalid_state(refusal->message);
  return *estimate;
}

sql::LineFields read_line_body(const JsonValue& body, sql::LineFields base, bool creating) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  auto line = read_line(in, std::move(base), creating);
  if (!line) throw validation_failed(std::move(errors));
  return *line;
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto estimate = sql::find_estimate(db, caller.org_id, path_id(ctx));
  if (!estimate) throw not_found();
  sql::PageOf<sql::LineRecord> all{sql::list_lines(db, caller.org_id, estimate->id), false};
  return ok(list_json(all, write_line));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  sql::Transaction tx(db);
  sql::EstimateRecord estimate = draft_estimate(ctx, db, caller);
  sql::LineFields base;
  base.position = sql::next_line_position(db, caller.org_id, estimate.id);
  sql::LineFields fields = read_line_body(body, base, true);
  sql::LineRecord line = sql::insert_line(db, caller.org_id, estimate.id, fields);
  save_totals(db, caller.org_id, estimate, true);
  tx.commit();
  return created(line_json(line), std::string(kApiBase) + "/estimates/" +
                                      std::to_string(estimate.id) + "/lines/" +
                                      std::to_string(line.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto line = sql::find_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
  if (!line) throw not_found();
  return ok(line_json(*line));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  sql::Transaction tx(db);
  auto estimate = sql::find_estimate(db, caller.org_id, path_id(ctx), true);
  auto line = estimate ? sql::find_line(db, caller.org_id, estimate->id, path_id(ctx, "line_id"))
                       : std::nullopt;
  if (!line) throw not_found();
  check_if_match(ctx, line->version);
  draft_estimate(ctx, db, caller);
  sql::LineFields fields = read_line_body(body, line->fields, false);
  sql::LineRecord saved = sql::update_line(db, caller.org_id, line->id, fields);
  save_totals(db, caller.org_id, *estimate, true);
  tx.commit();
  return ok(line_json(saved));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  sql::Transaction tx(db);
  auto estimate = sql::find_estimate(db, caller.org_id, path_id(ctx), true);
  auto line = estimate ? sql::find_line(db, caller.org_id, estimate->id, path_id(ctx, "line_id"))
                       : std::nullopt;
  if (!line) throw not_found();
  draft_estimate(ctx, db, caller);
  sql::delete_line(db, caller.org_id, line->id);
  save_totals(db, caller.org_id, *estimate, true);
  tx.commit();
  return no_content();
}

}  // namespace

void add_estimate_line_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/lines", list, "An estimate's lines, in order");
  routes.add(http::Verb::post, "/estimates/{id}/lines", create,
             "Add a line to a draft estimate; the server prices it");
  routes.add(http::Verb::get, "/estimates/{id}/lines/{line_id}", show, "One estimate line");
  routes.add(http::Verb::patch, "/estimates/{id}/lines/{line_id}", update,
             "Change a line of a draft estimate");
  routes.add(http::Verb::delete_, "/estimates/{id}/lines/{line_id}", remove,
             "Remove a line from a draft estimate");
}

}  // namespace construction::api
