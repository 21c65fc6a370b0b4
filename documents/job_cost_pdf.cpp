#include "documents/job_cost_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

std::string job_cost_number(const sql::ProjectRecord& project) {
  return project.fields.number + " Job cost report";
}

std::string job_cost_pdf(const Letterhead& letterhead, const domain::BudgetReport& report) {
  std::string number = job_cost_number(letterhead.project);
  DocumentLayout layout(
      {number, letterhead.organisation, letterhead.project.updated_at},
      page_header(letterhead, "Job cost report", letterhead.project.fields.number));
  layout.fields({{"Projected cost", domain::format_cents(report.profit.projected_cost)}});
  return layout.pdf();
}

}  // namespace construction::documents
