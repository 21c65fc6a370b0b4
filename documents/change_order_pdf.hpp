// The change order as the client receives it: its lines at their prices and
// the amount it adds to (or takes from) the contract, never a cost or a markup.
#pragma once

#include <string>
#include <vector>

#include "documents/letterhead.hpp"
#include "sql/change_order_line_store.hpp"
#include "sql/change_order_store.hpp"

namespace construction::documents {

std::string change_order_pdf(const Letterhead& letterhead, const sql::ChangeOrderRecord& order,
                             const std::vector<sql::ChangeOrderLineRecord>& lines);

}  // namespace construction::documents
