// An estimate and its lines as one document: pricing a line through the
// domain, writing a new estimate with its lines, reading the stored lines back
// as domain lines, and keeping the stored totals equal to what the domain
// makes of the lines (recomputed in the same transaction as every change).
// The use cases on a whole estimate: create, change, delete (drafts only).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "domain/cost_line.hpp"
#include "domain/validation.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::operations {

inline constexpr std::size_t kMaxLinesPerRequest = 500;

struct EstimateDocument {
  sql::EstimateRecord estimate;
  std::vector<sql::LineRecord> lines;
};

// Prices `line` from its inputs (quantity made canonical, cost and price
// set); the domain's errors when it is not a valid line. Estimate lines are
// never negative; a change order's may be (UnitCostSign::credit_allowed).
std::optional<domain::FieldErrors> price_line(
    sql::LineFields& line, domain::UnitCostSign sign = domain::UnitCostSign::non_negative);
// A stored line as the domain's priced line: it was priced when written, so
// refusing it now is a bug (std::logic_error).
domain::PricedLine stored_priced_line(const sql::LineFields& fields, std::int64_t id,
                                      domain::UnitCostSign sign);
// A line as a client would give it, priced, at `position`.
domain::Validated<sql::LineFields> price_line_fields(
    const domain::CostLineInput& input, std::int64_t position,
    domain::UnitCostSign sign = domain::UnitCostSign::non_negative);
// A new draft estimate with its lines (priced already) and their totals,
// version 1, in the caller's transaction.
EstimateDocument insert_estimate_document(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t project_id,
                                          const sql::EstimateFields& fields,
                                          const std::vector<sql::LineFields>& lines);

std::vector<domain::PricedLine> priced_lines(const std::vector<sql::LineRecord>& lines);
// The estimate's totals from its stored lines; refused (field "lines")
// beyond the largest amount.
domain::EstimateTotals totals_of(const std::vector<sql::LineRecord>& lines, std::int64_t tax_bps);
// Recomputes and saves the totals after a change to lines or tax rate.
sql::EstimateRecord save_totals(sql::Connection& db, std::int64_t org_id,
                                const sql::EstimateRecord& estimate, bool new_version);

// The use cases, each in its own transaction. Not found: Refusal not_found.
// `read` gives the new estimate's fields and priced lines (or throws a
// Refusal), once the project is found: an unknown project is not_found
// whatever the input.
struct NewEstimate {
  sql::EstimateFields fields;  // number "" for the project's next
  std::vector<sql::LineFields> lines;
};
EstimateDocument create_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                                 const std::function<NewEstimate()>& read);
EstimateDocument load_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id);
// `edit` gets the stored fields and gives the new ones (or throws a Refusal);
// only a draft changes (invalid_state), at `expected_version` when given.
EstimateDocument change_estimate(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::EstimateFields(const sql::EstimateFields&)>& edit);
void delete_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                     std::optional<int> expected_version);

// The estimate, locked, when it may be edited (a draft).
sql::EstimateRecord lock_draft_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::operations
