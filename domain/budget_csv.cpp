#include "domain/budget_csv.hpp"

#include <cstdint>

namespace construction::domain {

namespace {

// 4520 -> "45.20", -5 -> "-0.05": hundredths with two decimals.
std::string hundredths(std::int64_t value) {
  std::string sign = value < 0 ? "-" : "";
  std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : value;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return sign + std::to_string(magnitude / 100) + "." + cents;
}

void append_columns(std::string& out, const BudgetColumns& c) {
  for (Cents amount : {c.original, c.transfers, c.approved_changes, c.revised, c.committed,
                       c.actual, c.uncommitted, c.projected, c.variance})
    out += "," + csv_dollars(amount);
  out += "," + hundredths(c.percent_spent.value) + "\r\n";
}

}  // namespace

std::string csv_dollars(Cents amount) {
  return hundredths(amount.value);
}

std::string csv_text(std::string_view text) {
  std::string field(text);
  if (!field.empty() && std::string_view("=+-@").find(field.front()) != std::string_view::npos)
    field.insert(0, "'");
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string budget_csv(const BudgetReport& report) {
  std::string out =
      "cost_code,cost_type,original_budget,transfers,approved_changes,revised_budget,committed,"
      "actual,uncommitted,projected,variance,percent_spent\r\n";
  for (const auto& line : report.lines) {
    out += csv_text(line.cost_code) + "," + csv_text(line.cost_type);
    append_columns(out, line.columns);
  }
  out += "Total,";
  append_columns(out, report.totals);
  return out;
}

}  // namespace construction::domain
