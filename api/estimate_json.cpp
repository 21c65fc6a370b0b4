#include "api/estimate_json.hpp"

#include "api/json_date.hpp"
#include "api/rfc3339.hpp"
#include "domain/estimate.hpp"
#include "operations/estimate_document.hpp"

namespace construction::api {

std::optional<sql::LineFields> read_line(FieldReader& in, sql::LineFields line, bool creating,
                                         domain::UnitCostSign sign) {
  std::size_t errors_before = in.errors().size();
  if (creating)
    in.require({"cost_code", "cost_type", "description", "quantity", "unit_cost_cents"});
  if (auto v = in.text("cost_code", {20})) line.cost_code = *v;
  if (auto v = in.text("cost_type", {20})) line.cost_type = *v;
  if (auto v = in.text("description", {domain::kMaxDescriptionLength})) line.description = *v;
  if (auto v = in.decimal("quantity")) line.quantity = *v;
  if (auto v = in.text("unit", {domain::kMaxUnitLength})) line.unit = *v;
  std::int64_t least_unit_cost =
      sign == domain::UnitCostSign::credit_allowed ? -domain::kMaxCents : 0;
  if (auto v = in.integer("unit_cost_cents", least_unit_cost, domain::kMaxCents))
    line.unit_cost_cents = domain::Cents{*v};
  if (auto v = in.integer("markup_bps", 0, domain::kMaxMarkupBps)) line.markup_bps = *v;
  if (auto v = in.boolean("taxable")) line.taxable = *v;
  if (auto v = in.integer("position", 1, 100000)) line.position = *v;
  in.finish();
  // The domain's rules run even after a refusal above, so every bad field
  // is named at once; the first message given for a field is the one kept.
  auto refused = operations::price_line(line, sign);
  if (refused) in.errors().merge(*refused, in.prefix());
  if (refused || in.errors().size() != errors_before) return std::nullopt;
  return line;
}

std::vector<sql::LineFields> read_new_lines(FieldReader& in, domain::UnitCostSign sign) {
  return read_objects<sql::LineFields>(in, "lines", operations::kMaxLinesPerRequest,
                                       [&](FieldReader& line_in, std::size_t i) {
                                         sql::LineFields base;
                                         base.position = static_cast<std::int64_t>(i) + 1;
                                         return read_line(line_in, base, true, sign);
                                       });
}

void write_line_fields(JsonWriter& w, const sql::LineFields& f) {
  auto quantity = domain::Quantity::parse(f.quantity);
  w.num("position", f.position)
      .str("cost_code", f.cost_code)
      .str("cost_type", f.cost_type)
      .str("description", f.description)
      .str("quantity", quantity ? quantity->to_string() : f.quantity)
      .str("unit", f.unit)
      .num("unit_cost_cents", f.unit_cost_cents.value)
      .num("markup_bps", f.markup_bps)
      .flag("taxable", f.taxable)
      .num("cost_cents", f.cost_cents.value)
      .num("price_cents", f.price_cents.value);
}

void write_line(JsonWriter& w, const sql::LineRecord& line) {
  w.begin_object().num("id", line.id).num("estimate_id", line.estimate_id);
  write_line_fields(w, line.fields);
  w.num("version", line.version)
      .str("created_at", rfc3339(line.created_at))
      .str("updated_at", rfc3339(line.updated_at))
      .end_object();
}

void write_estimate_fields(JsonWriter& w, const sql::EstimateRecord& e) {
  w.num("id", e.id)
      .num("project_id", e.project_id)
      .str("number", e.fields.number)
      .num("revision", e.revision)
      .opt_num("revised_from_id", e.revised_from_id)
      .opt_num("revised_by_id", e.revised_by_id)
      .str("title", e.fields.title)
      .str("status", to_string(e.status))
      .opt_str("valid_until", iso_date(e.fields.valid_until))
      .num("tax_bps", e.fields.tax_bps)
      .str("notes", e.fields.notes)
      .num("cost_cents", e.totals.cost.value)
      .num("subtotal_cents", e.totals.subtotal.value)
      .num("tax_cents", e.totals.tax.value)
      .num("total_cents", e.totals.total.value)
      .num("margin_bps", e.totals.margin.value)
      .num("version", e.version)
      .str("created_at", rfc3339(e.created_at))
      .str("updated_at", rfc3339(e.updated_at));
}

std::string estimate_json(const sql::EstimateRecord& estimate,
                          const std::vector<sql::LineRecord>& lines) {
  JsonWriter w;
  w.begin_object();
  write_estimate_fields(w, estimate);
  w.key("lines").begin_array();
  for (const auto& line : lines) write_line(w, line);
  w.end_array().end_object();
  return std::move(w).text();
}

}  // namespace construction::api
