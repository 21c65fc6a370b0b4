#include "documents/invoice_pdf.hpp"

#include "domain/invoice.hpp"
#include "domain/money.hpp"

namespace construction::documents {

std::string invoice_pdf(const Letterhead& letterhead, const sql::InvoiceRecord& invoice,
                        const std::vector<sql::PaymentRecord>& payments) {
  const std::string& number = invoice.fields.number;
  DocumentLayout layout({"Invoice " + number, letterhead.organisation, invoice.updated_at},
                        page_header(letterhead, "Invoice", number));
  (void)payments;
  layout.fields({{"Total", domain::format_cents(invoice.fields.total_cents)},
                 {"Balance due", domain::format_cents(domain::invoice_balance(
                                     invoice.fields.total_cents, invoice.paid_cents))}});
  return layout.pdf();
}

}  // namespace construction::documents
