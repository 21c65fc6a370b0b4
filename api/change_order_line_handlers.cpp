// /change-orders/{id}/lines and /change-orders/{id}/lines/{line_id}: priced
// like an estimate's lines, except that unit_cost_cents may be negative (a
// credit). Each change recomputes the order's amount in the same
// transaction; only a draft's lines change (409 otherwise).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/change_order_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/change_order_document.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

std::string line_json(const sql::ChangeOrderLineRecord& line) {
  JsonWriter w;
  write_change_order_line(w, line);
  return std::move(w).text();
}

sql::LineFields read_line_body(const JsonValue& body, sql::LineFields base, bool creating) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  auto line = read_change_order_line(in, std::move(base), creating);
  if (!line) throw validation_failed(std::move(errors));
  return *line;
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_change_order(db, caller.org_id, path_id(ctx));
  sql::PageOf<sql::ChangeOrderLineRecord> all{std::move(document.lines), false};
  return ok(list_json(all, write_change_order_line));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto change = operations::add_change_order_line(
      db, caller.org_id, path_id(ctx),
      [&](const sql::LineFields& base) { return read_line_body(body, base, true); });
  return created(line_json(change.line), std::string(kApiBase) + "/change-orders/" +
                                             std::to_string(change.order.id) + "/lines/" +
                                             std::to_string(change.line.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto line = sql::find_change_order_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
  if (!line) throw not_found();
  return ok(line_json(*line));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto change = operations::change_change_order_line(
      db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"), if_match(ctx),
      [&](const sql::LineFields& stored) { return read_line_body(body, stored, false); });
  return ok(line_json(change.line));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::remove_change_order_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
  return no_content();
}

}  // namespace

void add_change_order_line_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/change-orders/{id}/lines", domain::Permission::read_commercial,
             list, "A change order's lines, in order");
  routes.add(http::Verb::post, "/change-orders/{id}/lines", domain::Permission::write_commercial,
             create,
             "Add a line (a credit when unit_cost_cents is negative) to a draft change order");
  routes.add(http::Verb::get, "/change-orders/{id}/lines/{line_id}",
             domain::Permission::read_commercial, show, "One change order line");
  routes.add(http::Verb::patch, "/change-orders/{id}/lines/{line_id}",
             domain::Permission::write_commercial, update, "Change a line of a draft change order");
  routes.add(http::Verb::delete_, "/change-orders/{id}/lines/{line_id}",
             domain::Permission::write_commercial, remove,
             "Remove a line from a draft change order");
}

}  // namespace construction::api
