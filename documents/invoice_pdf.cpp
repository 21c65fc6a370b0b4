#include "documents/invoice_pdf.hpp"

#include "domain/enum_names.hpp"
#include "domain/invoice.hpp"
#include "domain/money.hpp"

namespace construction::documents {

std::string invoice_pdf(const Letterhead& letterhead, const sql::InvoiceRecord& invoice,
                        const std::vector<sql::PaymentRecord>& payments) {
  using domain::format_cents;
  const std::string& number = invoice.fields.number;
  std::vector<std::string> dates{"Issued " + domain::display_date(invoice.issued_on)};
  if (invoice.fields.due_date)
    dates.push_back("Due " + domain::display_date(*invoice.fields.due_date));
  DocumentLayout layout({"Invoice " + number, letterhead.organisation, invoice.updated_at},
                        page_header(letterhead, "Invoice", number, dates));
  layout.columns({"Bill to\n" + client_block(letterhead.client),
                  "Project\n" + project_block(letterhead.project)});
  layout.space(6);
  Table charges{{{"Description", 6}, {"Amount", 1.8, Align::right}},
                {{domain::display_label(to_string(invoice.fields.kind)) + " invoice",
                  format_cents(invoice.fields.total_cents)}},
                {{"Total", format_cents(invoice.fields.total_cents)}},
                {}};
  layout.table(std::move(charges));
  if (!invoice.fields.notes.empty()) layout.text(invoice.fields.notes);
  layout.text("Payments received", TextStyle::bold);
  Table received{
      {{"Received", 1.5}, {"Method", 1.2}, {"Reference", 3}, {"Amount", 1.8, Align::right}},
      {},
      {{"Total paid", "", "", format_cents(invoice.paid_cents)}},
      "No payments yet."};
  for (const auto& payment : payments)
    received.rows.push_back({domain::display_date(payment.fields.received_on),
                             domain::payment_method_label(to_string(payment.fields.method)),
                             payment.fields.reference, format_cents(payment.fields.amount_cents)});
  layout.table(std::move(received));
  layout.fields({{"Balance due", format_cents(domain::invoice_balance(invoice.fields.total_cents,
                                                                      invoice.paid_cents))}},
                0.6, TextStyle::total);
  return layout.pdf();
}

}  // namespace construction::documents
