// The budget-vs-actual report of one project (spec/api.md, "Job costing"):
// one line per (cost code, cost type), its columns from five sums the
// database gives (sql/budget_store.cpp, one query), the totals and the
// profit block. All in cents and basis points:
//
//   revised     = original + transfers + approved changes
//   uncommitted = max(revised - committed, 0)
//   projected   = max(revised, committed, actual)
//   variance    = revised - projected           (negative: over budget)
//   percent     = round(actual x 10000 / revised), 0 when revised <= 0
//
//   projected cost   = Σ projected
//   projected profit = contract sum to date - projected cost
//   projected margin = round(profit x 10000 / contract sum), 0 when it is 0
//
// The totals are the sums of the lines' columns, except the percent, which
// is computed from the totals' own actual and revised.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

// What the database sums for one (cost code, cost type).
struct BudgetSums {
  Cents original;          // Σ cost of the accepted estimate's lines
  Cents transfers;         // Σ in - Σ out of budget transfers
  Cents approved_changes;  // Σ cost of approved change orders' lines
  Cents committed;         // Σ lines of approved and closed commitments
  Cents actual;            // Σ lines of approved and paid vendor bills
};

struct BudgetColumns {
  Cents original;
  Cents transfers;
  Cents approved_changes;
  Cents revised;
  Cents committed;
  Cents actual;
  Cents uncommitted;
  Cents projected;
  Cents variance;
  BasisPoints percent_spent;
  friend bool operator==(const BudgetColumns&, const BudgetColumns&) = default;
};

struct BudgetLine {
  std::string cost_code;
  std::string cost_type;
  BudgetColumns columns;
};

struct ProfitBlock {
  Cents contract_sum_to_date;
  Cents projected_cost;
  Cents projected_profit;
  BasisPoints projected_margin;
  BasisPoints original_margin;
  friend bool operator==(const ProfitBlock&, const ProfitBlock&) = default;
};

struct BudgetReport {
  std::vector<BudgetLine> lines;
  BudgetColumns totals;
  ProfitBlock profit;
};

BudgetColumns budget_columns(const BudgetSums& sums);

struct BudgetLineSums {
  std::string cost_code;
  std::string cost_type;
  BudgetSums sums;
};

// `lines` in report order already (cost code, then cost type).
BudgetReport budget_report(const std::vector<BudgetLineSums>& lines, Cents contract_sum_to_date,
                           BasisPoints original_margin);

// A transfer of `amount` out of a line whose revised budget is `from_revised`:
// refused (field "amount_cents") when it would take the line below zero, or
// when the amount is not positive.
std::optional<FieldErrors> refuse_transfer(Cents from_revised, Cents amount,
                                           const std::string& from_label);

}  // namespace construction::domain
