// /estimates/{id}/lines and /estimates/{id}/lines/{line_id}. The server
// prices each line (domain/cost_line.hpp) and, in the same transaction,
// recomputes the estimate's totals from its stored lines, which makes a new
// version of the estimate too. Only a draft's lines change (409 otherwise).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/estimate_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/estimate_document.hpp"
#include "operations/estimate_lines.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

std::string line_json(const sql::LineRecord& line) {
  JsonWriter w;
  write_line(w, line);
  return std::move(w).text();
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
  auto document = operations::load_estimate(db, caller.org_id, path_id(ctx));
  sql::PageOf<sql::LineRecord> all{std::move(document.lines), false};
  return ok(list_json(all, write_line));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto change = operations::add_line(
      db, caller.org_id, path_id(ctx),
      [&](const sql::LineFields& base) { return read_line_body(body, base, true); });
  return created(line_json(change.line), std::string(kApiBase) + "/estimates/" +
                                             std::to_string(change.estimate.id) + "/lines/" +
                                             std::to_string(change.line.id));
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
  auto change = operations::change_line(
      db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"), if_match(ctx),
      [&](const sql::LineFields& stored) { return read_line_body(body, stored, false); });
  return ok(line_json(change.line));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::remove_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
  return no_content();
}

}  // namespace

void add_estimate_line_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/lines", domain::Permission::read_commercial, list,
             "An estimate's lines, in order");
  routes.add(http::Verb::post, "/estimates/{id}/lines", domain::Permission::write_commercial,
             create, "Add a line to a draft estimate; the server prices it");
  routes.add(http::Verb::get, "/estimates/{id}/lines/{line_id}",
             domain::Permission::read_commercial, show, "One estimate line");
  routes.add(http::Verb::patch, "/estimates/{id}/lines/{line_id}",
             domain::Permission::write_commercial, update, "Change a line of a draft estimate");
  routes.add(http::Verb::delete_, "/estimates/{id}/lines/{line_id}",
             domain::Permission::write_commercial, remove, "Remove a line from a draft estimate");
}

}  // namespace construction::api
