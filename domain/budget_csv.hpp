// The budget report as CSV (RFC 4180) for a spreadsheet: a header row, one
// row per budget line, then a "Total" row; amounts in dollars with two
// decimals and no grouping ("-1234.50"), the percent spent as a percent
// with two decimals ("45.20"). Fields are quoted when they hold a comma, a
// quote or a line break, and a field a spreadsheet would read as a formula
// (=, +, -, @ first) is prefixed with a quote mark, text fields only.
#pragma once

#include <string>
#include <string_view>

#include "domain/budget.hpp"

namespace construction::domain {

std::string budget_csv(const BudgetReport& report);

// -123450 -> "-1234.50"
std::string csv_dollars(Cents amount);
// A text field, quoted where needed.
std::string csv_text(std::string_view text);

}  // namespace construction::domain
