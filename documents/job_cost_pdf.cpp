#include "documents/job_cost_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

namespace {

using domain::format_cents;

std::vector<std::string> cells(std::string code, std::string type, const domain::BudgetColumns& c) {
  return {std::move(code),
          std::move(type),
          format_cents(c.original),
          format_cents(c.transfers),
          format_cents(c.approved_changes),
          format_cents(c.revised),
          format_cents(c.committed),
          format_cents(c.actual),
          format_cents(c.projected),
          format_cents(c.variance),
          domain::format_bps(c.percent_spent),
          format_cents(c.uncommitted)};
}

}  // namespace

std::string job_cost_number(const sql::ProjectRecord& project) {
  return project.fields.number + " Job cost report";
}

std::string job_cost_pdf(const Letterhead& letterhead, const domain::BudgetReport& report) {
  const domain::ProfitBlock& profit = report.profit;
  DocumentLayout layout(
      {job_cost_number(letterhead.project), letterhead.organisation, letterhead.project.updated_at},
      page_header(letterhead, "Job cost report", letterhead.project.fields.number,
                  {"For the office: costs, commitments and margin"}),
      Orientation::landscape);
  layout.fields({{"Contract sum to date", format_cents(profit.contract_sum_to_date)},
                 {"Projected cost", format_cents(profit.projected_cost)},
                 {"Projected profit", format_cents(profit.projected_profit)},
                 {"Projected margin", domain::format_bps(profit.projected_margin)},
                 {"Estimate's margin", domain::format_bps(profit.original_margin)}},
                0.75);
  auto money = [](const char* header) { return Column{header, 1, Align::right}; };
  Table table{{{"Cost code", 0.85},
               {"Type", 0.95},
               money("Original budget"),
               money("Transfers"),
               money("Approved changes"),
               money("Revised budget"),
               money("Committed"),
               money("Actual"),
               money("Projected"),
               money("Variance"),
               {"% spent", 0.85, Align::right},
               {"Uncommitted", 1.15, Align::right}},
              {},
              {cells("Total", "", report.totals)},
              "No budget yet: accepting an estimate sets it from the estimate's costs."};
  for (const auto& line : report.lines)
    table.rows.push_back(cells(line.cost_code, line.cost_type, line.columns));
  layout.table(std::move(table));
  return layout.pdf();
}

}  // namespace construction::documents
