#include "api/invoice_json.hpp"

#include "api/rfc3339.hpp"
#include "operations/invoice_document.hpp"

namespace construction::api {

namespace {

std::optional<std::string> optional_date(const std::optional<domain::Date>& date) {
  if (!date) return std::nullopt;
  return domain::iso_date(*date);
}

}  // namespace

void write_payment(JsonWriter& w, const sql::PaymentRecord& p) {
  w.begin_object()
      .num("id", p.id)
      .num("invoice_id", p.invoice_id)
      .num("amount_cents", p.fields.amount_cents.value)
      .str("received_on", domain::iso_date(p.fields.received_on))
      .str("method", to_string(p.fields.method))
      .str("reference", p.fields.reference)
      .num("version", p.version)
      .str("created_at", rfc3339(p.created_at))
      .str("updated_at", rfc3339(p.updated_at))
      .end_object();
}

void write_invoice_fields(JsonWriter& w, const sql::InvoiceRecord& i) {
  w.num("id", i.id)
      .num("project_id", i.project_id)
      .str("number", i.fields.number)
      .str("kind", to_string(i.fields.kind))
      .opt_num("pay_application_id", i.fields.pay_application_id)
      .str("status", to_string(i.status))
      .flag("overdue", operations::is_overdue(i))
      .str("issued_on", domain::iso_date(i.issued_on))
      .opt_str("due_date", optional_date(i.fields.due_date))
      .num("total_cents", i.fields.total_cents.value)
      .num("paid_cents", i.paid_cents.value)
      .num("balance_cents", domain::invoice_balance(i.fields.total_cents, i.paid_cents).value)
      .str("notes", i.fields.notes)
      .num("version", i.version)
      .str("created_at", rfc3339(i.created_at))
      .str("updated_at", rfc3339(i.updated_at));
}

std::string invoice_json(const sql::InvoiceRecord& invoice,
                         const std::vector<sql::PaymentRecord>& payments) {
  JsonWriter w;
  w.begin_object();
  write_invoice_fields(w, invoice);
  w.key("payments").begin_array();
  for (const auto& payment : payments) write_payment(w, payment);
  w.end_array().end_object();
  return std::move(w).text();
}

}  // namespace construction::api
