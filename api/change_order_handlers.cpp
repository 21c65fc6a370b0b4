// /projects/{id}/change-orders, /change-orders/{id} and the transitions
// POST /change-orders/{id}/submit|approve|reject|void: owners and managers
// only. A new order may bring its lines along ("lines": [...]); only a draft
// is changed or deleted (409 invalid_state otherwise).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/change_order_json.hpp"
#include "api/estimate_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/change_order_transitions.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::ChangeOrderAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

std::string location_of(const sql::ChangeOrderRecord& order) {
  return std::string(kApiBase) + "/change-orders/" + std::to_string(order.id);
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_change_orders(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [](JsonWriter& w, const sql::ChangeOrderRecord& c) {
    w.begin_object();
    write_change_order_fields(w, c);
    w.end_object();
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_change_order(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"title"});
    operations::NewChangeOrder input;
    read_change_order_fields(in, input.fields);
    input.lines = read_new_lines(in, domain::UnitCostSign::credit_allowed);
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return input;
  });
  return created(change_order_json(saved.order, saved.lines), location_of(saved.order));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_change_order(db, caller.org_id, path_id(ctx));
  return ok(change_order_json(document.order, document.lines));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::change_change_order(db, caller.org_id, path_id(ctx), if_match(ctx),
                                               [&](const sql::ChangeOrderFields& stored) {
                                                 domain::FieldErrors errors;
                                                 FieldReader in(body, errors);
                                                 sql::ChangeOrderFields fields = stored;
                                                 read_change_order_fields(in, fields);
                                                 in.finish();
                                                 if (!errors.empty())
                                                   throw validation_failed(std::move(errors));
                                                 return fields;
                                               });
  return ok(change_order_json(saved.order, saved.lines));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::delete_change_order(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

ApiHandler transition_handler(ChangeOrderAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    auto document = operations::transition_change_order(db, caller.org_id, path_id(ctx), action);
    return ok(change_order_json(document.order, document.lines));
  };
}

}  // namespace

void add_change_order_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/change-orders", domain::Permission::read_commercial,
             list, "List a project's change orders");
  routes.add(http::Verb::post, "/projects/{id}/change-orders", domain::Permission::write_commercial,
             create, "Create a draft change order, optionally with its lines");
  routes.add(http::Verb::get, "/change-orders/{id}", domain::Permission::read_commercial, show,
             "One change order with its lines");
  routes.add(http::Verb::patch, "/change-orders/{id}", domain::Permission::write_commercial, update,
             "Change a draft change order's number, title, reason or days_delta");
  routes.add(http::Verb::delete_, "/change-orders/{id}", domain::Permission::write_commercial,
             remove, "Delete a draft change order");
  routes.add(http::Verb::post, "/change-orders/{id}/submit", domain::Permission::write_commercial,
             transition_handler(ChangeOrderAction::submit),
             "Submit a draft change order to the owner (it must have lines)");
  routes.add(http::Verb::post, "/change-orders/{id}/approve", domain::Permission::write_commercial,
             transition_handler(ChangeOrderAction::approve),
             "Approve a pending change order: adds its schedule-of-values line");
  routes.add(http::Verb::post, "/change-orders/{id}/reject", domain::Permission::write_commercial,
             transition_handler(ChangeOrderAction::reject), "Record that the owner rejected it");
  routes.add(http::Verb::post, "/change-orders/{id}/void", domain::Permission::write_commercial,
             transition_handler(ChangeOrderAction::void_), "Void a draft or pending change order");
}

}  // namespace construction::api
