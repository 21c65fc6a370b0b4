// Invoices and payments in JSON. balance_cents and overdue are derived when
// written (domain/invoice.hpp): overdue is never stored.
#pragma once

#include <string>
#include <vector>

#include "api/json_writer.hpp"
#include "sql/invoice_store.hpp"

namespace construction::api {

void write_payment(JsonWriter& w, const sql::PaymentRecord& payment);
void write_invoice_fields(JsonWriter& w, const sql::InvoiceRecord& invoice);
std::string invoice_json(const sql::InvoiceRecord& invoice,
                         const std::vector<sql::PaymentRecord>& payments);

}  // namespace construction::api
