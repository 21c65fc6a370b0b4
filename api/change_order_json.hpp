// Change orders and their lines in JSON: the fields read from a body, and
// how an order and a line are written.
#pragma once

#include <string>
#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "sql/change_order_line_store.hpp"
#include "sql/change_order_store.hpp"

namespace construction::api {

void read_change_order_fields(FieldReader& in, sql::ChangeOrderFields& fields);
// Lines are estimate lines whose unit cost may be negative; priced, or
// nothing when refused (errors under the reader's prefix).
std::optional<sql::LineFields> read_change_order_line(FieldReader& in, sql::LineFields base,
                                                      bool creating);

void write_change_order_line(JsonWriter& w, const sql::ChangeOrderLineRecord& line);
void write_change_order_fields(JsonWriter& w, const sql::ChangeOrderRecord& order);
std::string change_order_json(const sql::ChangeOrderRecord& order,
                              const std::vector<sql::ChangeOrderLineRecord>& lines);

}  // namespace construction::api
