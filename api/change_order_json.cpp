#include "api/change_order_json.hpp"

#include "api/estimate_json.hpp"
#include "api/rfc3339.hpp"

namespace construction::api {

void read_change_order_fields(FieldReader& in, sql::ChangeOrderFields& c) {
  if (auto v = in.text("number", {50, false})) c.number = *v;
  if (auto v = in.text("title", {200, false})) c.title = *v;
  if (auto v = in.text("reason", {10000})) c.reason = *v;
  if (auto v = in.integer("days_delta", -3650, 3650)) c.days_delta = *v;
}

std::optional<sql::LineFields> read_change_order_line(FieldReader& in, sql::LineFields base,
                                                      bool creating) {
  return read_line(in, std::move(base), creating, domain::UnitCostSign::credit_allowed);
}

void write_change_order_line(JsonWriter& w, const sql::ChangeOrderLineRecord& line) {
  w.begin_object().num("id", line.id).num("change_order_id", line.change_order_id);
  write_line_fields(w, line.fields);
  w.num("version", line.version)
      .str("created_at", rfc3339(line.created_at))
      .str("updated_at", rfc3339(line.updated_at))
      .end_object();
}

void write_change_order_fields(JsonWriter& w, const sql::ChangeOrderRecord& c) {
  w.num("id", c.id)
      .num("project_id", c.project_id)
      .str("number", c.fields.number)
      .str("title", c.fields.title)
      .str("reason", c.fields.reason)
      .str("status", to_string(c.status))
      .num("days_delta", c.fields.days_delta)
      .num("amount_cents", c.amount_cents.value)
      .opt_str("approved_at", rfc3339(c.approved_at))
      .num("version", c.version)
      .str("created_at", rfc3339(c.created_at))
      .str("updated_at", rfc3339(c.updated_at));
}

std::string change_order_json(const sql::ChangeOrderRecord& order,
                              const std::vector<sql::ChangeOrderLineRecord>& lines) {
  JsonWriter w;
  w.begin_object();
  write_change_order_fields(w, order);
  w.key("lines").begin_array();
  for (const auto& line : lines) write_change_order_line(w, line);
  w.end_array().end_object();
  return std::move(w).text();
}

}  // namespace construction::api
