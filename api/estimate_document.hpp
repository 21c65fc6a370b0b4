// What estimate handlers share: a line's fields read from JSON and priced by
// the domain, the stored lines turned back into domain lines, the totals
// recomputed from them, and how an estimate and a line look in JSON.
#pragma once

#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "domain/cost_line.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::api {

inline constexpr std::size_t kMaxLinesPerRequest = 500;

// Reads a line over `base` (the stored line, or defaults); prices it with
// the domain; errors under the reader's prefix. Nothing when refused.
std::optional<sql::LineFields> read_line(FieldReader& in, sql::LineFields base, bool creating);

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
