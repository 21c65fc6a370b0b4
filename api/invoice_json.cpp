#include "api/invoice_json.hpp"

#include "operations/invoice_document.hpp"

namespace construction::api {

void write_payment(JsonWriter& w, const sql::PaymentRecord& p) {
  w.begin_object()
      .num("id", p.id)
      .num("invoice_id", p.invoice_id)
      .num("amount_cents", p.fields.amount_cents)
      .str("received_on", p.fields.received_on)
      .str("method", p.fields.method)
      .str("reference", p.fields.reference)
      .num("version", p.version)
      .str("created_at", p.created_at)
      .str("updated_at", p.updated_at)
      .end_object();
}

void write_invoice_fields(JsonWriter& w, const sql::InvoiceRecord& i) {
  w.num("id", i.id)
      .num("project_id", i.project_id)
      .str("number", i.fields.number)
      .str("kind", i.fields.kind)
      .opt_num("pay_application_id", i.fields.pay_application_id)
      .str("status", i.status)
      .flag("overdue", operations::is_overdue(i))
      .str("issued_on", i.issued_on)
      .opt_str("due_date", i.fields.due_date)
      .num("total_cents", i.fields.total_cents)
      .num("paid_cents", i.paid_cents)
      .num("balance_cents", i.fields.total_cents - i.paid_cents)
      .str("notes", i.fields.notes)
      .num("version", i.version)
      .str("created_at", i.created_at)
      .str("updated_at", i.updated_at);
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
