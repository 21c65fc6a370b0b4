// The lines of a draft estimate: add, change, remove. Each change runs in one
// transaction with the estimate locked, and recomputes the estimate's totals
// from its stored lines, which makes a new version of the estimate. Only a
// draft's lines change (Refusal invalid_state otherwise).
#pragma once

#include <functional>
#include <optional>

#include "operations/estimate_document.hpp"

namespace construction::operations {

// `edit` gets the fields to start from (the stored line, or a new line at
// the next position) and gives the priced fields, or throws a Refusal.
using LineEdit = std::function<sql::LineFields(const sql::LineFields&)>;

// The line and its estimate, totals recomputed.
struct LineChange {
  sql::LineRecord line;
  sql::EstimateRecord estimate;
};

LineChange add_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                    const LineEdit& edit);
LineChange change_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                       std::int64_t line_id, std::optional<int> expected_version,
                       const LineEdit& edit);
sql::EstimateRecord remove_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                                std::int64_t line_id);

}  // namespace construction::operations
