// What estimate handlers (and seed-demo) share: a line's fields read from
// JSON and priced by the domain, a new estimate written with its lines, the
// stored lines turned back into domain lines, the totals recomputed from
// them, and how an estimate and a line look in JSON.
#pragma once

#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "domain/cost_line.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::api {

inline constexpr std::size_t kMaxLinesPerRequest = 500;

struct EstimateDocument {
  sql::EstimateRecord estimate;
  std::vector<sql::LineRecord> lines;
};

// Reads a line over `base` (the stored line, or defaults); prices it with
// the domain; errors under the reader's prefix. Nothing when refused.
std::optional<sql::LineFields> read_line(FieldReader& in, sql::LineFields base, bool creating);
// A line as a client would send it, priced by the domain as read_line does,
// at `position`; the domain's refusal when it is not a valid estimate line.
domain::Validated<sql::LineFields> price_line_fields(const domain::CostLineInput& input,
                                                     std::int64_t position);
// A new draft estimate with its lines (priced already) and their totals,
// version 1: what POST /projects/{id}/estimates writes.
EstimateDocument insert_estimate_document(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t project_id,
                                          const sql::EstimateFields& fields,
                                          const std::vector<sql::LineFields>& lines);

std::vector<domain::PricedLine> priced_lines(const std::vector<sql::LineRecord>& lines);
// The estimate's totals from its stored lines; 422 (field "lines") beyond
// the largest amount.
sql::EstimateTotalsRecord totals_of(const std::vector<sql::LineRecord>& lines,
                                    std::int64_t tax_bps);
// Recomputes and saves the totals after a change to lines or tax rate.
sql::EstimateRecord save_totals(sql::Connection& db, std::int64_t org_id,
                                const sql::EstimateRecord& estimate, bool new_version);

void write_line(JsonWriter& w, const sql::LineRecord& line);
void write_estimate_fields(JsonWriter& w, const sql::EstimateRecord& estimate);
// The estimate with its lines.
std::string estimate_json(const sql::EstimateRecord& estimate,
                          const std::vector<sql::LineRecord>& lines);

}  // namespace construction::api
