#include "documents/priced_lines.hpp"

#include "domain/money.hpp"
#include "domain/quantity.hpp"

namespace construction::documents {

Table priced_lines_table(const std::vector<std::pair<std::string, std::string>>& totals,
                         std::string empty) {
  Table table{{{"Description", 6},
               {"Quantity", 1.3, Align::right},
               {"Unit", 1},
               {"Amount", 1.8, Align::right}},
              {},
              {},
              std::move(empty)};
  for (const auto& [label, amount] : totals) table.totals.push_back({label, "", "", amount});
  return table;
}

void add_priced_line(Table& table, const sql::LineFields& line) {
  // The quantity as the pages show it ("12.5"): its canonical text.
  auto quantity = domain::Quantity::parse(line.quantity);
  table.rows.push_back({line.description, quantity ? quantity->to_string() : line.quantity,
                        line.unit, domain::format_cents(line.price_cents)});
}

}  // namespace construction::documents
