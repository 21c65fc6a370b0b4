#include "documents/estimate_pdf.hpp"

#include "documents/priced_lines.hpp"
#include "domain/money.hpp"

namespace construction::documents {

std::string estimate_number(const sql::EstimateRecord& estimate) {
  return estimate.fields.number + " rev " + std::to_string(estimate.revision);
}

std::string estimate_pdf(const Letterhead& letterhead, const sql::EstimateRecord& estimate,
                         const std::vector<sql::LineRecord>& lines) {
  using domain::format_cents;
  std::string number = estimate_number(estimate);
  std::vector<std::string> dates{"Dated " + domain::display_date(estimate.created_at)};
  if (estimate.fields.valid_until)
    dates.push_back("Valid until " + domain::display_date(*estimate.fields.valid_until));
  DocumentLayout layout({"Estimate " + number, letterhead.organisation, estimate.updated_at},
                        page_header(letterhead, "Estimate", number, dates));
  layout.columns({"Prepared for\n" + client_block(letterhead.client),
                  "Project\n" + project_block(letterhead.project)});
  layout.space(6);
  if (!estimate.fields.title.empty()) layout.text(estimate.fields.title, TextStyle::bold);
  // Prices only: a client never sees the cost, the markup or the margin.
  Table table = priced_lines_table(
      {{"Subtotal", format_cents(estimate.totals.subtotal)},
       {"Tax (" + domain::format_bps(domain::BasisPoints{estimate.fields.tax_bps}) + ")",
        format_cents(estimate.totals.tax)},
       {"Total", format_cents(estimate.totals.total)}},
      "No items.");
  for (const auto& line : lines) add_priced_line(table, line.fields);
  layout.table(std::move(table));
  if (!estimate.fields.notes.empty()) {
    layout.text("Notes", TextStyle::bold);
    layout.text(estimate.fields.notes);
  }
  layout.space(18);
  layout.text("Accepted by the client: ______________________________   Date: ______________");
  return layout.pdf();
}

}  // namespace construction::documents
