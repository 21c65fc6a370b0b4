// The lines a client is shown, at their prices: the estimate's and the
// change order's table (description, quantity, unit, amount), never a
// line's cost, cost code, cost type or markup.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "documents/document_layout.hpp"
#include "sql/estimate_line_store.hpp"

namespace construction::documents {

// The table with its `totals` rows (a label and an amount each) and no line
// yet; `empty` when it stays without.
Table priced_lines_table(const std::vector<std::pair<std::string, std::string>>& totals,
                         std::string empty);
void add_priced_line(Table& table, const sql::LineFields& line);

}  // namespace construction::documents
