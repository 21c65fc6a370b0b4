// The invoice: what it asks for, the payments received against it and the
// balance due (domain::invoice_balance, as the invoice's page shows it).
#pragma once

#include <string>
#include <vector>

#include "documents/letterhead.hpp"
#include "sql/invoice_store.hpp"

namespace construction::documents {

std::string invoice_pdf(const Letterhead& letterhead, const sql::InvoiceRecord& invoice,
                        const std::vector<sql::PaymentRecord>& payments);

}  // namespace construction::documents
