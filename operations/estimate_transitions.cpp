#include "operations/estimate_transitions.hpp"

#include "domain/schedule_of_values.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::EstimateAction;

void build_schedule_of_values(sql::Connection& db, std::int64_t org_id,
                              const sql::EstimateRecord& estimate,
                              const std::vector<sql::LineRecord>& lines) {
  auto schedule = domain::schedule_from_estimate(priced_lines(lines), estimate.totals.tax);
  for (const domain::SovLine& line : schedule)
    sql::insert_estimate_sov_line(db, org_id, estimate.project_id, estimate.id, line.item_no,
                                  line.description, line.scheduled_value);
}

// The estimate, locked, and the status the state machine allows `action` to.
std::pair<sql::EstimateRecord, domain::EstimateStatus> start(sql::Connection& db,
                                                             std::int64_t org_id, std::int64_t id,
                                                             EstimateAction action) {
  auto estimate = sql::find_estimate(db, org_id, id, true);
  if (!estimate) throw not_found();
  if (estimate->revised_by_id)
    throw invalid_state("This estimate was revised: act on its revision, estimate " +
                        std::to_string(*estimate->revised_by_id));
  auto next = domain::transition(estimate->status, action);
  if (!next) throw invalid_state(next.error().message);
  if (action == EstimateAction::send && sql::list_lines(db, org_id, estimate->id).empty())
    throw invalid_state("An estimate without lines cannot be sent");
  return {*estimate, next.value()};
}

// Nothing when the project already has an accepted estimate.
std::optional<EstimateDocument> accept_estimate(sql::Connection& db, std::int64_t org_id,
                                                const sql::EstimateRecord& estimate) {
  auto project = sql::find_project(db, org_id, estimate.project_id, true);
  if (sql::project_has_accepted_estimate(db, org_id, project->id)) return std::nullopt;
  auto lines = sql::list_lines(db, org_id, estimate.id);
  build_schedule_of_values(db, org_id, estimate, lines);
  sql::set_original_contract_sum(db, org_id, project->id, estimate.totals.total);
  sql::EstimateRecord saved =
      sql::set_estimate_status(db, org_id, estimate.id, domain::EstimateStatus::accepted);
  return EstimateDocument{std::move(saved), std::move(lines)};
}

EstimateDocument accept(sql::Connection& db, std::int64_t org_id,
                        const sql::EstimateRecord& estimate) {
  auto accepted = accept_estimate(db, org_id, estimate);
  if (!accepted) throw conflict("The project already has an accepted estimate");
  return *accepted;
}

EstimateDocument revise(sql::Connection& db, std::int64_t org_id,
                        const sql::EstimateRecord& estimate) {
  sql::EstimateRecord revision = sql::insert_revision(db, org_id, estimate);
  sql::copy_lines(db, org_id, estimate.id, revision.id);
  return {revision, sql::list_lines(db, org_id, revision.id)};
}

}  // namespace

EstimateDocument transition_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                     EstimateAction action) {
  sql::Transaction tx(db);
  auto [estimate, next] = start(db, org_id, id, action);
  EstimateDocument document;
  if (action == EstimateAction::accept) {
    document = accept(db, org_id, estimate);
  } else if (action == EstimateAction::revise) {
    document = revise(db, org_id, estimate);
  } else {
    sql::EstimateRecord saved = sql::set_estimate_status(db, org_id, estimate.id, next);
    document = {saved, sql::list_lines(db, org_id, saved.id)};
  }
  tx.commit();
  return document;
}

}  // namespace construction::operations
