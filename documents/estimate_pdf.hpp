// The estimate as the client receives it: prices only, never a cost, a
// markup or a margin (the lines' price and the totals the estimate stores).
#pragma once

#include <string>
#include <vector>

#include "documents/letterhead.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::documents {

// "EST-001 rev 1": the number the PDF's name and header show.
std::string estimate_number(const sql::EstimateRecord& estimate);
std::string estimate_pdf(const Letterhead& letterhead, const sql::EstimateRecord& estimate,
                         const std::vector<sql::LineRecord>& lines);

}  // namespace construction::documents
