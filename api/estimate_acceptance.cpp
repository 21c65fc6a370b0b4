#include "api/estimate_acceptance.hpp"

#include "domain/estimate.hpp"
#include "domain/schedule_of_values.hpp"
#include "sql/project_store.hpp"
#include "sql/schedule_of_values_store.hpp"

namespace construction::api {

namespace {

void build_schedule_of_values(sql::Connection& db, std::int64_t org_id,
                              const sql::EstimateRecord& estimate,
                              const std::vector<sql::LineRecord>& lines) {
  auto schedule =
      domain::schedule_from_estimate(priced_lines(lines), domain::Cents{estimate.totals.tax_cents});
  for (const domain::SovLine& line : schedule)
    sql::insert_estimate_sov_line(db, org_id, estimate.project_id, estimate.id, line.item_no,
                                  line.description, line.scheduled_value.value);
}

}  // namespace

std::optional<EstimateDocument> accept_estimate(sql::Connection& db, std::int64_t org_id,
                                                const sql::EstimateRecord& estimate) {
  auto project = sql::find_project(db, org_id, estimate.project_id, true);
  if (sql::project_has_accepted_estimate(db, org_id, project->id)) return std::nullopt;
  auto lines = sql::list_lines(db, org_id, estimate.id);
  build_schedule_of_values(db, org_id, estimate, lines);
  sql::set_original_contract_sum(db, org_id, project->id, estimate.totals.total_cents);
  sql::EstimateRecord saved = sql::set_estimate_status(
      db, org_id, estimate.id, std::string(to_string(domain::EstimateStatus::accepted)));
  return EstimateDocument{std::move(saved), std::move(lines)};
}

}  // namespace construction::api
