// Estimates and their lines in JSON: a line's fields read from a body (over
// the stored line or a new one) and priced by operations/estimate_document,
// and how an estimate and a line are written.
#pragma once

#include <optional>
#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "sql/estimate_line_store.hpp"
#include "sql/estimate_store.hpp"

namespace construction::api {

// Reads a line over `base` (the stored line, or defaults); prices it; errors
// under the reader's prefix. Nothing when refused.
std::optional<sql::LineFields> read_line(FieldReader& in, sql::LineFields base, bool creating);

void write_line(JsonWriter& w, const sql::LineRecord& line);
void write_estimate_fields(JsonWriter& w, const sql::EstimateRecord& estimate);
// The estimate with its lines.
std::string estimate_json(const sql::EstimateRecord& estimate,
                          const std::vector<sql::LineRecord>& lines);

}  // namespace construction::api
