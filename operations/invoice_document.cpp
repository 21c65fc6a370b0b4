#include "operations/invoice_document.hpp"

#include <chrono>

#include "domain/date_window.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::Cents;

sql::InvoiceRecord lock_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto invoice = sql::find_invoice(db, org_id, id, true);
  if (!invoice) throw not_found();
  return *invoice;
}

std::chrono::sys_days today_utc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

// A deposit or other invoice is typed as one total, with no lines to add to
// it later: a total of nothing is a mistake, refused where it is typed.
void check_total(const sql::InvoiceFields& fields) {
  if (auto refused = domain::refuse_invoice_total(fields.total_cents))
    throw field_error("total_cents", *refused);
}

// Net 30: due 30 days after the day (UTC) of the certificate.
domain::Date net_30(domain::Timestamp certified_at) {
  return std::chrono::floor<std::chrono::days>(certified_at) + std::chrono::days{30};
}

}  // namespace

InvoiceDocument create_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                               const std::function<sql::InvoiceFields()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  sql::InvoiceFields fields = read();
  check_total(fields);
  if (fields.number.empty()) fields.number = sql::next_invoice_number(db, org_id, project->id);
  sql::InvoiceRecord invoice = sql::insert_invoice(db, org_id, project->id, fields);
  tx.commit();
  return {invoice, {}};
}

InvoiceDocument load_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto found = sql::find_invoice_with_payments(db, org_id, id);
  if (!found) throw not_found();
  return {std::move(found->invoice), std::move(found->payments)};
}

InvoiceDocument change_invoice(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::InvoiceFields(const sql::InvoiceFields&)>& edit) {
  sql::Transaction tx(db);
  sql::InvoiceRecord invoice = lock_invoice(db, org_id, id);
  check_version(expected_version, invoice.version);
  if (auto refusal = domain::refuse_edit(invoice.status)) throw invalid_state(refusal->message);
  sql::InvoiceFields fields = edit(invoice.fields);
  if (invoice.fields.pay_application_id && fields.total_cents != invoice.fields.total_cents)
    throw field_error("total_cents", "is the amount certified on its pay application");
  check_total(fields);
  sql::InvoiceRecord saved = sql::update_invoice(db, org_id, invoice.id, fields);
  tx.commit();
  return {saved, {}};
}

InvoiceDocument transition_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                   domain::InvoiceAction action) {
  sql::Transaction tx(db);
  sql::InvoiceRecord invoice = lock_invoice(db, org_id, id);
  auto next = domain::transition(invoice.status, action);
  if (!next) throw invalid_state(next.error().message);
  if (action == domain::InvoiceAction::send && invoice.fields.total_cents <= Cents{})
    throw invalid_state("An invoice for " + domain::format_cents(invoice.fields.total_cents) +
                        " asks for nothing: change its total before sending it");
  auto payments = sql::list_payments(db, org_id, invoice.id);
  if (action == domain::InvoiceAction::void_ && !payments.empty())
    throw invalid_state("An invoice with payments cannot be voided");
  sql::InvoiceRecord saved = sql::set_invoice_status(db, org_id, invoice.id, next.value());
  tx.commit();
  return {saved, payments};
}

PaymentReceived record_payment(sql::Connection& db, std::int64_t org_id, std::int64_t invoice_id,
                               std::optional<int> expected_version,
                               const std::function<sql::PaymentFields()>& read) {
  sql::Transaction tx(db);
  sql::InvoiceRecord invoice = lock_invoice(db, org_id, invoice_id);
  check_version(expected_version, invoice.version);
  if (auto refusal = domain::refuse_payment(invoice.status)) throw invalid_state(refusal->message);
  sql::PaymentFields fields = read();
  domain::FieldErrors errors;
  auto window = domain::payment_date_window(today_utc());
  if (auto refused = domain::refuse_outside(window, fields.received_on))
    errors.add("received_on", *refused);
  auto outcome = domain::apply_payment(invoice.fields.total_cents, invoice.paid_cents,
                                       fields.amount_cents.value);
  if (!outcome) errors.merge(outcome.error());
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  sql::PaymentRecord payment = sql::insert_payment(db, org_id, invoice.id, fields);
  sql::InvoiceRecord saved = sql::set_invoice_payment_state(
      db, org_id, invoice.id, outcome.value().paid, outcome.value().status);
  tx.commit();
  return {payment, saved};
}

std::optional<sql::InvoiceRecord> invoice_certificate(sql::Connection& db, std::int64_t org_id,
                                                      const sql::PayApplicationRecord& application,
                                                      Cents previous_retainage) {
  Cents amount = application.certified_cents.value_or(Cents{});
  if (amount <= Cents{}) return std::nullopt;
  bool releases = application.g702.retainage_cents == Cents{} && previous_retainage > Cents{};
  sql::InvoiceFields fields;
  fields.number = sql::next_invoice_number(db, org_id, application.project_id);
  fields.kind = releases ? domain::InvoiceKind::retainage_release : domain::InvoiceKind::progress;
  fields.pay_application_id = application.id;
  fields.due_date = net_30(application.certified_at.value_or(application.updated_at));
  fields.total_cents = amount;
  fields.notes = "Pay application " + std::to_string(application.number) + ", period to " +
                 domain::iso_date(application.period_to);
  return sql::insert_invoice(db, org_id, application.project_id, fields);
}

bool is_overdue(const sql::InvoiceRecord& invoice) {
  auto today = std::chrono::year_month_day{today_utc()};
  std::optional<std::chrono::year_month_day> due;
  if (invoice.fields.due_date) due = std::chrono::year_month_day{*invoice.fields.due_date};
  return domain::is_overdue(
      invoice.status, due, today,
      domain::invoice_balance(invoice.fields.total_cents, invoice.paid_cents));
}

}  // namespace construction::operations
