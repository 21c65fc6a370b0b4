// /invoices/{id}: the invoice, its payments and a record-payment form; void
// where domain/invoice.hpp allows it, "Send…" (the form that emails it,
// views/document_sending_pages.cpp) and what was sent; "Overdue" when
// operations::is_overdue says so. A payment goes through the operation the
// API uses (at most the balance, only on a sent or partially paid invoice).
#include "domain/invoice.hpp"
#include "domain/validation.hpp"
#include "operations/invoice_document.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "views/action_buttons.hpp"
#include "views/document_sending.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

using domain::InvoiceAction;
using operations::InvoiceDocument;

std::int64_t invoice_id(const PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return *id;
}

std::string path_of(const sql::InvoiceRecord& invoice) {
  return "/invoices/" + std::to_string(invoice.id);
}

domain::Cents balance_of(const sql::InvoiceRecord& invoice) {
  return domain::invoice_balance(invoice.fields.total_cents, invoice.paid_cents);
}

bool takes_payments(const PageContext& page, const sql::InvoiceRecord& invoice) {
  return !domain::refuse_payment(invoice.status) && page.may(domain::Permission::write_commercial);
}

// The form carries the invoice's version: the amount proposed, and typed, is
// decided on the balance shown.
std::string payment_form(const PageContext& page, const sql::InvoiceRecord& invoice, bool typed,
                         const domain::FieldErrors& errors) {
  auto value = [&](std::string_view name, std::string fallback) {
    return typed ? page.field(name) : fallback;
  };
  std::string method = value("method", "check");
  List methods;
  for (std::string_view m : domain::payment_method_names()) {
    Object option{{"value", std::string(m)}, {"label", domain::payment_method_label(m)}};
    if (m == method) option["selected"] = true;
    methods.push_back(option);
  }
  return page.render("invoices/payment_form",
                     Object{{"path", path_of(invoice)},
                            {"csrf", page.csrf()},
                            {"version", value("version", std::to_string(invoice.version))},
                            {"balance", money(balance_of(invoice))},
                            {"amount", value("amount", hundredths_text(balance_of(invoice).value))},
                            {"received_on", value("received_on", today())},
                            {"reference", value("reference", "")},
                            {"methods", methods},
                            {"errors", error_data(errors, {{"amount_cents", "amount"}})}});
}

List actions(const PageContext& page, const sql::InvoiceRecord& invoice) {
  if (!page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<InvoiceAction> buttons[] = {
      {InvoiceAction::void_, "Void", "outline contrast", "Void this invoice?"}};
  // Payments recorded against it keep an invoice: they would be voided with it.
  return action_buttons(invoice.status, buttons, path_of(invoice), [&](InvoiceAction action) {
    return action != InvoiceAction::void_ || invoice.paid_cents == domain::Cents{};
  });
}

// ---- the page

struct InvoiceView {
  InvoiceDocument document;
  sql::ProjectRecord project;
  std::vector<sql::MessageRecord> sent;
};

// Everything the page shows, loaded in one place, in one round trip: the
// invoice, its payments, its project, what was sent of it. (The invoice's notes name its pay
// application's number.)
InvoiceView load(PageContext& page) {
  std::int64_t id = invoice_id(page);
  auto [found, project, sent] =
      sql::fetch_together(page.db, sql::invoice_with_payments_query(page.org_id(), id),
                          sql::project_of_invoice_query(page.org_id(), id),
                          sent_messages_query(page, {operations::DocumentKind::invoice, id}));
  if (!found || !project) throw operations::not_found();
  return InvoiceView{{std::move(found->invoice), std::move(found->payments)},
                     std::move(*project),
                     std::move(sent)};
}

http::Response show_invoice(PageContext& page, const InvoiceView& view, bool typed,
                            const domain::FieldErrors& errors, unsigned status) {
  const sql::InvoiceRecord& invoice = view.document.invoice;
  List payments;
  for (const auto& p : view.document.payments)
    payments.push_back(Object{{"received_on", date(p.fields.received_on)},
                              {"method", domain::payment_method_label(to_string(p.fields.method))},
                              {"reference", p.fields.reference},
                              {"amount", money(p.fields.amount_cents)}});
  Data data = Object{{"id", std::to_string(invoice.id)},
                     {"number", invoice.fields.number},
                     {"kind", status_label(to_string(invoice.fields.kind))},
                     {"status", std::string(to_string(invoice.status))},
                     {"status_label", status_label(to_string(invoice.status))},
                     {"project_id", std::to_string(view.project.id)},
                     {"project", view.project.fields.number + " · " + view.project.fields.name},
                     {"issued", date(invoice.issued_on)},
                     {"total", money(invoice.fields.total_cents)},
                     {"paid", money(invoice.paid_cents)},
                     {"balance", money(balance_of(invoice))},
                     {"csrf", page.csrf()},
                     {"actions", actions(page, invoice)},
                     {"payments", payments}};
  if (!payments.empty()) data.set("has_payments", true);
  if (invoice.fields.due_date) data.set("due", date(*invoice.fields.due_date));
  if (operations::is_overdue(invoice)) data.set("overdue", true);
  set_text(data, "notes", invoice.fields.notes);
  if (invoice.fields.pay_application_id)
    data.set("pay_application_id", std::to_string(*invoice.fields.pay_application_id));
  if (invoice.status == domain::InvoiceStatus::draft) data.set("draft", true);
  if (takes_payments(page, invoice))
    data.set("payment_form", payment_form(page, invoice, typed, errors));
  operations::SentRecord record{operations::DocumentKind::invoice, invoice.id};
  set_text(data, "send_link", send_link(page, record, invoice.status));
  data.set("sent_messages", sent_messages_section(page, view.sent));
  return page.page("Invoice " + invoice.fields.number + " " + view.project.fields.number,
                   page.render("invoices/show", data), status);
}

http::Response show(PageContext& page) {
  return show_invoice(page, load(page), false, {}, 200);
}

http::Response record_payment(PageContext& page) {
  std::int64_t id = invoice_id(page);
  auto submit = [&] {
    std::optional<int> version = form_version(page);
    auto received = operations::record_payment(page.db, page.org_id(), id, version, [&] {
      domain::FieldErrors errors;
      sql::PaymentFields fields;
      auto amount = typed_amount(page.field("amount"), "amount_cents", errors);
      if (amount) fields.amount_cents = domain::Cents{*amount};
      if (auto received_on = domain::parse_date(page.field("received_on")))
        fields.received_on = *received_on;
      else
        errors.add("received_on", "must be a date such as 2026-12-02");
      if (auto method = domain::parse_payment_method(page.field("method")))
        fields.method = *method;
      else
        errors.add("method", "must be one of the choices");
      fields.reference = page.field("reference");
      if (domain::count_characters(fields.reference) > 200)
        errors.add("reference", "must be at most 200 characters");
      if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
      return fields;
    });
    const sql::InvoiceRecord& invoice = received.invoice;
    return page.redirect(path_of(invoice),
                         "Payment of " + money(received.payment.fields.amount_cents) +
                             " recorded; balance " + money(balance_of(invoice)) + ".");
  };
  return submit_form(
      submit,
      {.invalid =
           [&](const domain::FieldErrors& errors) {
             InvoiceView view = load(page);
             if (!page.hx) return show_invoice(page, view, true, errors, 422);
             return page.fragment(payment_form(page, view.document.invoice, true, errors), 422);
           },
       .stale =
           [&] {
             return stale_page(page, "invoice",
                               [&] { return show_invoice(page, load(page), false, {}, 409); });
           }});
}

http::Response transition(PageContext& page, InvoiceAction action) {
  InvoiceDocument document =
      operations::transition_invoice(page.db, page.org_id(), invoice_id(page), action);
  const sql::InvoiceRecord& invoice = document.invoice;
  return page.redirect(path_of(invoice), "Invoice " + invoice.fields.number + " void.");
}

}  // namespace

void add_invoice_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/invoices/{id}", kCommercial, show,
             "An invoice with its payments and a record-payment form");
  routes.add(http::Verb::post, "/invoices/{id}/payments", kWriteCommercial, record_payment,
             "Record a payment on an invoice");
  routes.add(
      http::Verb::post, "/invoices/{id}/void", kWriteCommercial,
      [](PageContext& page) { return transition(page, InvoiceAction::void_); }, "Invoice: void");
}

}  // namespace construction::views
