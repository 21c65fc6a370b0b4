#include "documents/estimate_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

std::string estimate_number(const sql::EstimateRecord& estimate) {
  return estimate.fields.number + " rev " + std::to_string(estimate.revision);
}

std::string estimate_pdf(const Letterhead& letterhead, const sql::EstimateRecord& estimate,
                         const std::vector<sql::LineRecord>& lines) {
  std::string number = estimate_number(estimate);
  DocumentLayout layout({"Estimate " + number, letterhead.organisation, estimate.updated_at},
                        page_header(letterhead, "Estimate", number));
  (void)lines;
  layout.fields({{"Total", domain::format_cents(estimate.totals.total)}});
  return layout.pdf();
}

}  // namespace construction::documents
