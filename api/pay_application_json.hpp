// Pay applications in JSON: the application with its `g702` block and its
// G703 `lines` (columns C to I under the spec's names).
#pragma once

#include <string>
#include <vector>

#include "api/json_writer.hpp"
#include "sql/pay_application_store.hpp"

namespace construction::api {

void write_pay_application_line(JsonWriter& w, const sql::PayApplicationLineRecord& line);
void write_pay_application_fields(JsonWriter& w, const sql::PayApplicationRecord& application);
std::string pay_application_json(const sql::PayApplicationRecord& application,
                                 const std::vector<sql::PayApplicationLineRecord>& lines);

}  // namespace construction::api
