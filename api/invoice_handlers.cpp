// /projects/{id}/invoices, /invoices/{id}, POST /invoices/{id}/void and
// /invoices/{id}/payments (send, which emails the invoice, is in
// document_sending_handlers.cpp). Owners and managers only. A client creates
// deposit and other invoices; progress and retainage release invoices come
// from certifying a pay application.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/invoice_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/money.hpp"
#include "operations/invoice_document.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::InvoiceAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

void read_invoice_fields(FieldReader& in, sql::InvoiceFields& f) {
  if (auto v = in.text("number", {50, false})) f.number = *v;
  auto due = in.nullable_date("due_date");
  if (due.present) f.due_date = due.value;
  if (auto v = in.integer("total_cents", 0, domain::kMaxCents)) f.total_cents = domain::Cents{*v};
  if (auto v = in.text("notes", {10000})) f.notes = *v;
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_invoices(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [](JsonWriter& w, const sql::InvoiceRecord& i) {
    w.begin_object();
    write_invoice_fields(w, i);
    w.end_object();
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_invoice(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"kind", "total_cents"});
    sql::InvoiceFields fields;
    if (auto v = in.choice("kind", {"deposit", "other"}))
      fields.kind = *domain::parse_invoice_kind(*v);
    read_invoice_fields(in, fields);
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return fields;
  });
  return created(invoice_json(saved.invoice, saved.payments),
                 std::string(kApiBase) + "/invoices/" + std::to_string(saved.invoice.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_invoice(db, caller.org_id, path_id(ctx));
  return ok(invoice_json(document.invoice, document.payments));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::change_invoice(db, caller.org_id, path_id(ctx), if_match(ctx),
                                          [&](const sql::InvoiceFields& stored) {
                                            domain::FieldErrors errors;
                                            FieldReader in(body, errors);
                                            sql::InvoiceFields fields = stored;
                                            read_invoice_fields(in, fields);
                                            in.finish();
                                            if (!errors.empty())
                                              throw validation_failed(std::move(errors));
                                            return fields;
                                          });
  return ok(invoice_json(saved.invoice, saved.payments));
}

ApiHandler transition_handler(InvoiceAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    auto document = operations::transition_invoice(db, caller.org_id, path_id(ctx), action);
    return ok(invoice_json(document.invoice, document.payments));
  };
}

Response list_payments(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_invoice(db, caller.org_id, path_id(ctx));
  sql::PageOf<sql::PaymentRecord> all{std::move(document.payments), false};
  return ok(list_json(all, write_payment));
}

Response create_payment(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  // If-Match: the invoice's version whose balance the caller saw (two
  // people entering one check), 412 when stale.
  auto received = operations::record_payment(db, caller.org_id, path_id(ctx), if_match(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"amount_cents", "received_on"});
    sql::PaymentFields fields;
    if (auto v = in.integer("amount_cents", -domain::kMaxCents, domain::kMaxCents))
      fields.amount_cents = domain::Cents{*v};
    if (auto v = in.nullable_date("received_on"); v.value) fields.received_on = *v.value;
    if (auto v = in.choice("method", domain::payment_method_names()))
      fields.method = *domain::parse_payment_method(*v);
    if (auto v = in.text("reference", {200})) fields.reference = *v;
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return fields;
  });
  JsonWriter w;
  write_payment(w, received.payment);
  return created(std::move(w).text(), std::string(kApiBase) + "/invoices/" +
                                          std::to_string(received.invoice.id) + "/payments");
}

}  // namespace

void add_invoice_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/invoices", domain::Permission::read_commercial, list,
             "List a project's invoices");
  routes.add(http::Verb::post, "/projects/{id}/invoices", domain::Permission::write_commercial,
             create, "Create a deposit or other invoice in draft");
  routes.add(http::Verb::get, "/invoices/{id}", domain::Permission::read_commercial, show,
             "One invoice with its payments");
  routes.add(http::Verb::patch, "/invoices/{id}", domain::Permission::write_commercial, update,
             "Change a draft invoice's number, due_date, notes or (not certified) total");
  routes.add(http::Verb::post, "/invoices/{id}/void", domain::Permission::write_commercial,
             transition_handler(InvoiceAction::void_),
             "Void a draft or sent invoice that has no payments");
  routes.add(http::Verb::get, "/invoices/{id}/payments", domain::Permission::read_commercial,
             list_payments, "The payments received on an invoice");
  routes.add(http::Verb::post, "/invoices/{id}/payments", domain::Permission::write_commercial,
             create_payment, "Record a payment of at most the balance");
}

}  // namespace construction::api
