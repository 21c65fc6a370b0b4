#include "api/estimate_document.hpp"

#include "api/api_error.hpp"
#include "domain/estimate.hpp"

namespace construction::api {

namespace {

domain::CostLineInput input_from(const sql::LineFields& f) {
  return {f.cost_code, f.cost_type,       f.description, f.quantity,
          f.unit,      f.unit_cost_cents, f.markup_bps,  f.taxable};
}

// A stored line is one the domain priced before: refusing it now is a bug.
domain::PricedLine stored_line(const sql::LineRecord& record) {
  auto line =
      domain::validate_cost_line(input_from(record.fields), domain::UnitCostSign::non_negative);
  if (!line)
    throw std::logic_error("stored estimate line " + std::to_string(record.id) +
                           " no longer validates");
  return {line.value(),
          {domain::Cents{record.fields.cost_cents}, domain::Cents{record.fields.price_cents}}};
}

// The amounts the domain worked out, and the quantity in its canonical text.
void set_amounts(sql::LineFields& line, const domain::PricedLine& priced) {
  line.quantity = priced.line.quantity.to_string();
  line.cost_cents = priced.amounts.cost.value;
  line.price_cents = priced.amounts.price.value;
}

}  // namespace

std::optional<sql::LineFields> read_line(FieldReader& in, sql::LineFields line, bool creating) {
  std::size_t errors_before = in.errors().size();
  if (creating)
    in.require({"cost_code", "cost_type", "description", "quantity", "unit_cost_cents"});
  if (auto v = in.text("cost_code", {20})) line.cost_code = *v;
  if (auto v = in.text("cost_type", {20})) line.cost_type = *v;
  if (auto v = in.text("description", {domain::kMaxDescriptionLength})) line.description = *v;
  if (auto v = in.decimal("quantity")) line.quantity = *v;
  if (auto v = in.text("unit", {domain::kMaxUnitLength})) line.unit = *v;
  if (auto v = in.integer("unit_cost_cents", 0, domain::kMaxCents)) line.unit_cost_cents = *v;
  if (auto v = in.integer("markup_bps", 0, domain::kMaxMarkupBps)) line.markup_bps = *v;
  if (auto v = in.boolean("taxable")) line.taxable = *v;
  if (auto v = in.integer("position", 1, 100000)) line.position = *v;
  in.finish();
  // The domain's rules run even after a refusal above, so every bad field
  // is named at once; the first message given for a field is the one kept.
  auto priced = domain::price_estimate_line(input_from(line));
  if (!priced) in.errors().merge(priced.error(), in.prefix());
  if (!priced || in.errors().size() != errors_before) return std::nullopt;
  set_amounts(line, priced.value());
  return line;
}

domain::Validated<sql::LineFields> price_line_fields(const domain::CostLineInput& input,
                                                     std::int64_t position) {
  auto priced = domain::price_estimate_line(input);
  if (!priced) return priced.error();
  sql::LineFields line{position,   input.cost_code,       input.cost_type,  input.description, {},
                       input.unit, input.unit_cost_cents, input.markup_bps, input.taxable};
  set_amounts(line, priced.value());
  return line;
}

EstimateDocument insert_estimate_document(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t project_id,
                                          const sql::EstimateFields& fields,
                                          const std::vector<sql::LineFields>& lines) {
  EstimateDocument document{sql::insert_estimate(db, org_id, project_id, fields), {}};
  for (const auto& line : lines)
    document.lines.push_back(sql::insert_line(db, org_id, document.estimate.id, line));
  if (!document.lines.empty())
    document.estimate = save_totals(db, org_id, document.estimate, false);
  return document;
}

std::vector<domain::PricedLine> priced_lines(const std::vector<sql::LineRecord>& lines) {
  std::vector<domain::PricedLine> priced;
  priced.reserve(lines.size());
  for (const auto& line : lines) priced.push_back(stored_line(line));
  return priced;
}

sql::EstimateTotalsRecord totals_of(const std::vector<sql::LineRecord>& lines,
                                    std::int64_t tax_bps) {
  auto totals = domain::total_estimate(priced_lines(lines), domain::BasisPoints{tax_bps});
  if (!totals) throw validation_failed(totals.error());
  const domain::EstimateTotals& t = totals.value();
  return {t.cost.value, t.subtotal.value, t.tax.value, t.total.value, t.margin.value};
}

sql::EstimateRecord save_totals(sql::Connection& db, std::int64_t org_id,
                                const sql::EstimateRecord& estimate, bool new_version) {
  auto totals = totals_of(sql::list_lines(db, org_id, estimate.id), estimate.fields.tax_bps);
  return sql::set_estimate_totals(db, org_id, estimate.id, totals, new_version);
}

void write_line(JsonWriter& w, const sql::LineRecord& line) {
  const sql::LineFields& f = line.fields;
  auto quantity = domain::Quantity::parse(f.quantity);
  w.begin_object()
      .num("id", line.id)
      .num("estimate_id", line.estimate_id)
      .num("position", f.position)
      .str("cost_code", f.cost_code)
      .str("cost_type", f.cost_type)
      .str("description", f.description)
      .str("quantity", quantity ? quantity->to_string() : f.quantity)
      .str("unit", f.unit)
      .num("unit_cost_cents", f.unit_cost_cents)
      .num("markup_bps", f.markup_bps)
      .flag("taxable", f.taxable)
      .num("cost_cents", f.cost_cents)
      .num("price_cents", f.price_cents)
      .num("version", line.version)
      .str("created_at", line.created_at)
      .str("updated_at", line.updated_at)
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
      .str("status", e.status)
      .opt_str("valid_until", e.fields.valid_until)
      .num("tax_bps", e.fields.tax_bps)
      .str("notes", e.fields.notes)
      .num("cost_cents", e.totals.cost_cents)
      .num("subtotal_cents", e.totals.subtotal_cents)
      .num("tax_cents", e.totals.tax_cents)
      .num("total_cents", e.totals.total_cents)
      .num("margin_bps", e.totals.margin_bps)
      .num("version", e.version)
      .str("created_at", e.created_at)
      .str("updated_at", e.updated_at);
}

std::string estimate_json(const sql::EstimateRecord& estimate,
                          const std::vector<sql::LineRecord>& lines) {
  JsonWriter w;
  w.begin_object();
  write_estimate_fields(w, estimate);
  w.key("lines").begin_array();
  for (const auto& line : lines) write_line(w, line);
  w.end_array().end_object();
  return w.text();
}

}  // namespace construction::api
