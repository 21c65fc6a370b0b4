// /projects/{id}/vendor-bills, /vendor-bills/{id} and the transitions
// POST /vendor-bills/{id}/approve|pay|void: owners and managers only. A new
// bill may bring its lines along ("lines": [...], credits allowed); only a
// draft is changed or deleted (409 invalid_state otherwise). A bill that
// would take its commitment past its amount is refused 422, naming the line.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/job_cost_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/vendor_bill_transitions.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using domain::VendorBillAction;
using http::RequestContext;
using http::Response;

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_vendor_bills(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [](JsonWriter& w, const sql::VendorBillRecord& b) {
    w.begin_object();
    write_vendor_bill_fields(w, b);
    w.end_object();
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_vendor_bill(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"number", "party_id", "bill_date"});
    operations::NewVendorBill input;
    read_vendor_bill_fields(in, input.fields);
    input.lines = read_new_amount_lines(in, domain::AmountSign::credit_allowed);
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return input;
  });
  return created(vendor_bill_json(saved.bill, saved.lines),
                 std::string(kApiBase) + "/vendor-bills/" + std::to_string(saved.bill.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_vendor_bill(db, caller.org_id, path_id(ctx));
  return ok(vendor_bill_json(document.bill, document.lines));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::change_vendor_bill(db, caller.org_id, path_id(ctx), if_match(ctx),
                                              [&](const sql::VendorBillFields& stored) {
                                                domain::FieldErrors errors;
                                                FieldReader in(body, errors);
                                                sql::VendorBillFields fields = stored;
                                                read_vendor_bill_fields(in, fields);
                                                in.finish();
                                                if (!errors.empty())
                                                  throw validation_failed(std::move(errors));
                                                return fields;
                                              });
  return ok(vendor_bill_json(saved.bill, saved.lines));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::delete_vendor_bill(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

ApiHandler transition_handler(VendorBillAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    auto document = operations::transition_vendor_bill(db, caller.org_id, path_id(ctx), action);
    return ok(vendor_bill_json(document.bill, document.lines));
  };
}

}  // namespace

void add_vendor_bill_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/vendor-bills", domain::Permission::read_commercial,
             list, "List a project's vendor bills");
  routes.add(http::Verb::post, "/projects/{id}/vendor-bills", domain::Permission::write_commercial,
             create,
             "Enter a draft vendor bill, against a commitment or direct, optionally with lines");
  routes.add(http::Verb::get, "/vendor-bills/{id}", domain::Permission::read_commercial, show,
             "One vendor bill with its lines");
  routes.add(http::Verb::patch, "/vendor-bills/{id}", domain::Permission::write_commercial, update,
             "Change a draft bill's number, party, commitment or dates");
  routes.add(http::Verb::delete_, "/vendor-bills/{id}", domain::Permission::write_commercial,
             remove, "Delete a draft vendor bill");
  routes.add(http::Verb::post, "/vendor-bills/{id}/approve", domain::Permission::write_commercial,
             transition_handler(VendorBillAction::approve),
             "Approve a draft bill: it becomes actual cost (not past its commitment's amount)");
  routes.add(http::Verb::post, "/vendor-bills/{id}/pay", domain::Permission::write_commercial,
             transition_handler(VendorBillAction::pay), "Record that an approved bill was paid");
  routes.add(http::Verb::post, "/vendor-bills/{id}/void", domain::Permission::write_commercial,
             transition_handler(VendorBillAction::void_), "Void a draft or approved bill");
}

}  // namespace construction::api
