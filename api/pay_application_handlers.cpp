// /projects/{id}/pay-applications, /pay-applications/{id}, a draft's lines
// (PATCH /pay-applications/{id}/lines/{line_id}: this_period_cents,
// stored_cents) and the transitions submit, certify ({"certified_cents"})
// and return. Owners and managers only: billing is commercial.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/pay_application_json.hpp"
#include "api/project_documents.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/money.hpp"
#include "operations/pay_application_transitions.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::PayApplicationAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

Response list(RequestContext& ctx, sql::Connection& db) {
  return list_project_documents(ctx, db, sql::list_pay_applications, write_pay_application_fields);
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_pay_application(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"period_to"});
    auto period_to = in.nullable_date("period_to");
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return *period_to.value;
  });
  return created(
      pay_application_json(saved.application, saved.lines),
      std::string(kApiBase) + "/pay-applications/" + std::to_string(saved.application.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_pay_application(db, caller.org_id, path_id(ctx));
  return ok(pay_application_json(document.application, document.lines));
}

Response update_line(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto change = operations::change_pay_application_line(
      db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"), if_match(ctx),
      [&](const operations::LineAmounts& stored) {
        domain::FieldErrors errors;
        FieldReader in(body, errors);
        operations::LineAmounts amounts = stored;
        if (auto v = in.integer("this_period_cents", -domain::kMaxCents, domain::kMaxCents))
          amounts.this_period_cents = *v;
        if (auto v = in.integer("stored_cents", -domain::kMaxCents, domain::kMaxCents))
          amounts.stored_cents = *v;
        in.finish();
        if (!errors.empty()) throw validation_failed(std::move(errors));
        return amounts;
      });
  JsonWriter w;
  write_pay_application_line(w, change.line);
  return ok(std::move(w).text());
}

std::int64_t read_certified(const JsonValue& body) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  in.require({"certified_cents"});
  auto amount = in.integer("certified_cents", -domain::kMaxCents, domain::kMaxCents);
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return *amount;
}

ApiHandler transition_handler(PayApplicationAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    std::optional<JsonValue> body;
    if (action == PayApplicationAction::certify)
      body = json_body(ctx);
    else
      refuse_body(ctx);
    // If-Match: the version whose figures the caller decided on (a
    // certificate's amount is read off them), 412 when stale.
    auto document =
        operations::transition_pay_application(db, caller.org_id, path_id(ctx), action,
                                               if_match(ctx), [&] { return read_certified(*body); });
    return ok(pay_application_json(document.application, document.lines));
  };
}

}  // namespace

void add_pay_application_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/pay-applications",
             domain::Permission::read_commercial, list,
             "List a project's pay applications (without their lines)");
  routes.add(http::Verb::post, "/projects/{id}/pay-applications",
             domain::Permission::write_commercial, create,
             "Create the next pay application ({period_to}): one G703 line per SOV line");
  routes.add(http::Verb::get, "/pay-applications/{id}", domain::Permission::read_commercial, show,
             "One pay application: its G702 summary and G703 lines");
  routes.add(http::Verb::patch, "/pay-applications/{id}/lines/{line_id}",
             domain::Permission::write_commercial, update_line,
             "Change a draft's line: this_period_cents, stored_cents");
  routes.add(http::Verb::post, "/pay-applications/{id}/submit",
             domain::Permission::write_commercial, transition_handler(PayApplicationAction::submit),
             "Submit a draft pay application: its figures freeze");
  routes.add(http::Verb::post, "/pay-applications/{id}/certify",
             domain::Permission::write_commercial,
             transition_handler(PayApplicationAction::certify),
             "Certify a submitted application ({certified_cents} up to the payment due)");
  routes.add(
      http::Verb::post, "/pay-applications/{id}/return", domain::Permission::write_commercial,
      transition_handler(PayApplicationAction::return_), "Return a submitted application to draft");
}

}  // namespace construction::api
