// Estimates and their lines in JSON: a line's fields read from a body (over
// the stored line or a new one) and priced by operations/estimate_document,
// and how an estimate and a line are written.
#pragma once

#include <optional>
#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "domain/cost_line.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::api {

// Reads a line over `base` (the stored line, or defaults); prices it; errors
// under the reader's prefix. Nothing when refused.
// A change order's line may be a credit (`sign`).
std::optional<sql::LineFields> read_line(
    FieldReader& in, sql::LineFields base, bool creating,
    domain::UnitCostSign sign = domain::UnitCostSign::non_negative);
// "lines": [...] of a new document, each read and priced (errors under
// "lines[i]."), at most operations::kMaxLinesPerRequest.
std::vector<sql::LineFields> read_new_lines(
    FieldReader& in, domain::UnitCostSign sign = domain::UnitCostSign::non_negative);
// The priced-line fields of an estimate's or a change order's line.
void write_line_fields(JsonWriter& w, const sql::LineFields& fields);

void write_line(JsonWriter& w, const sql::LineRecord& line);
void write_estimate_fields(JsonWriter& w, const sql::EstimateRecord& estimate);
// The estimate with its lines.
std::string estimate_json(const sql::EstimateRecord& estimate,
                          const std::vector<sql::LineRecord>& lines);

}  // namespace construction::api
