#include "operations/estimate_document.hpp"

#include "domain/estimate.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

domain::CostLineInput input_from(const sql::LineFields& f) {
  return {f.cost_code,  f.cost_type, f.description, f.quantity, f.unit, f.unit_cost_cents.value,
          f.markup_bps, f.taxable};
}

// The amounts the domain worked out, and the quantity in its canonical text.
void set_amounts(sql::LineFields& line, const domain::PricedLine& priced) {
  line.quantity = priced.line.quantity.to_string();
  line.cost_cents = priced.amounts.cost;
  line.price_cents = priced.amounts.price;
}

}  // namespace

domain::PricedLine stored_priced_line(const sql::LineFields& fields, std::int64_t id,
                                      domain::UnitCostSign sign) {
  auto line = domain::validate_cost_line(input_from(fields), sign);
  if (!line) throw std::logic_error("stored line " + std::to_string(id) + " no longer validates");
  return {line.value(), {fields.cost_cents, fields.price_cents}};
}

std::optional<domain::FieldErrors> price_line(sql::LineFields& line, domain::UnitCostSign sign) {
  auto priced = domain::price_line_input(input_from(line), sign);
  if (!priced) return priced.error();
  set_amounts(line, priced.value());
  return std::nullopt;
}

domain::Validated<sql::LineFields> price_line_fields(const domain::CostLineInput& input,
                                                     std::int64_t position,
                                                     domain::UnitCostSign sign) {
  sql::LineFields line{position,
                       input.cost_code,
                       input.cost_type,
                       input.description,
                       input.quantity,
                       input.unit,
                       domain::Cents{input.unit_cost_cents},
                       input.markup_bps,
                       input.taxable};
  if (auto errors = price_line(line, sign)) return *errors;
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
  for (const auto& line : lines)
    priced.push_back(stored_priced_line(line.fields, line.id, domain::UnitCostSign::non_negative));
  return priced;
}

domain::EstimateTotals totals_of(const std::vector<sql::LineRecord>& lines, std::int64_t tax_bps) {
  auto totals = domain::total_estimate(priced_lines(lines), domain::BasisPoints{tax_bps});
  if (!totals) throw invalid_fields(totals.error());
  return totals.value();
}

sql::EstimateRecord save_totals(sql::Connection& db, std::int64_t org_id,
                                const sql::EstimateRecord& estimate, bool new_version) {
  auto totals = totals_of(sql::list_lines(db, org_id, estimate.id), estimate.fields.tax_bps);
  return sql::set_estimate_totals(db, org_id, estimate.id, totals, new_version);
}

EstimateDocument create_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                                 const std::function<NewEstimate()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  NewEstimate input = read();
  if (input.fields.number.empty())
    input.fields.number = sql::next_estimate_number(db, org_id, project->id);
  EstimateDocument saved =
      insert_estimate_document(db, org_id, project->id, input.fields, input.lines);
  tx.commit();
  return saved;
}

EstimateDocument load_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto estimate = sql::find_estimate(db, org_id, id);
  if (!estimate) throw not_found();
  return {*estimate, sql::list_lines(db, org_id, estimate->id)};
}

sql::EstimateRecord lock_draft_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto estimate = sql::find_estimate(db, org_id, id, true);
  if (!estimate) throw not_found();
  if (auto refusal = domain::refuse_edit(estimate->status)) throw invalid_state(refusal->message);
  return *estimate;
}

namespace {
// The estimate, locked, at the expected version, when it may be edited.
sql::EstimateRecord editable_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                      std::optional<int> expected_version) {
  auto estimate = sql::find_estimate(db, org_id, id, true);
  if (!estimate) throw not_found();
  check_version(expected_version, estimate->version);
  return lock_draft_estimate(db, org_id, id);
}
}  // namespace

EstimateDocument change_estimate(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::EstimateFields(const sql::EstimateFields&)>& edit) {
  sql::Transaction tx(db);
  sql::EstimateRecord estimate = editable_estimate(db, org_id, id, expected_version);
  sql::EstimateFields fields = edit(estimate.fields);
  sql::EstimateRecord saved = sql::update_estimate(db, org_id, estimate.id, fields);
  if (fields.tax_bps != estimate.fields.tax_bps) saved = save_totals(db, org_id, saved, false);
  auto lines = sql::list_lines(db, org_id, saved.id);
  tx.commit();
  return {saved, lines};
}

void delete_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                     std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::EstimateRecord estimate = editable_estimate(db, org_id, id, expected_version);
  sql::delete_estimate(db, org_id, estimate.id);
  tx.commit();
}

}  // namespace construction::operations
