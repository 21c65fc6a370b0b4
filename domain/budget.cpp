#include "domain/budget.hpp"

#include <algorithm>

namespace construction::domain {

BudgetColumns budget_columns(const BudgetSums& s) {
  BudgetColumns c;
  c.original = s.original;
  c.transfers = s.transfers;
  c.approved_changes = s.approved_changes;
  c.revised = s.original + s.transfers + s.approved_changes;
  c.committed = s.committed;
  c.actual = s.actual;
  c.uncommitted = std::max(c.revised - c.committed, Cents{0});
  c.projected = std::max({c.revised, c.committed, c.actual});
  c.variance = c.revised - c.projected;
  c.percent_spent = c.revised > Cents{0} ? ratio_bps(c.actual, c.revised) : BasisPoints{0};
  return c;
}

namespace {

void add_to(BudgetColumns& total, const BudgetColumns& line) {
  total.original += line.original;
  total.transfers += line.transfers;
  total.approved_changes += line.approved_changes;
  total.revised += line.revised;
  total.committed += line.committed;
  total.actual += line.actual;
  total.uncommitted += line.uncommitted;
  total.projected += line.projected;
  total.variance += line.variance;
}

}  // namespace

BudgetReport budget_report(const std::vector<BudgetLineSums>& lines, Cents contract_sum_to_date,
                           BasisPoints original_margin) {
  BudgetReport report;
  for (const auto& line : lines) {
    report.lines.push_back({line.cost_code, line.cost_type, budget_columns(line.sums)});
    add_to(report.totals, report.lines.back().columns);
  }
  BudgetColumns& t = report.totals;
  t.percent_spent = t.revised > Cents{0} ? ratio_bps(t.actual, t.revised) : BasisPoints{0};
  ProfitBlock& p = report.profit;
  p.contract_sum_to_date = contract_sum_to_date;
  p.projected_cost = t.projected;
  p.projected_profit = contract_sum_to_date - t.projected;
  p.projected_margin = ratio_bps(p.projected_profit, contract_sum_to_date);
  p.original_margin = original_margin;
  return report;
}

std::optional<FieldErrors> refuse_transfer(Cents from_revised, Cents amount,
                                           const std::string& from_label) {
  FieldErrors errors;
  if (amount <= Cents{0}) {
    errors.add("amount_cents", "must be more than 0");
  } else if (from_revised - amount < Cents{0}) {
    errors.add("amount_cents", "would take " + from_label + " below zero: its budget is " +
                                   format_cents(from_revised));
  }
  if (errors.empty()) return std::nullopt;
  return errors;
}

}  // namespace construction::domain
