#include "operations/estimate_lines.hpp"

#include "operations/refusal.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

struct LockedLine {
  sql::EstimateRecord estimate;
  sql::LineRecord line;
};

// Another estimate's line, or another organisation's, is not found; a line
// of an estimate that is no longer a draft is invalid_state.
LockedLine lock_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                     std::int64_t line_id) {
  auto estimate = sql::find_estimate(db, org_id, estimate_id, true);
  auto line = estimate ? sql::find_line(db, org_id, estimate->id, line_id) : std::nullopt;
  if (!line) throw not_found();
  return {*estimate, *line};
}

}  // namespace

LineChange add_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                    const LineEdit& edit) {
  sql::Transaction tx(db);
  sql::EstimateRecord estimate = lock_draft_estimate(db, org_id, estimate_id);
  sql::LineFields base;
  base.position = sql::next_line_position(db, org_id, estimate.id);
  sql::LineRecord line = sql::insert_line(db, org_id, estimate.id, edit(base));
  sql::EstimateRecord saved = save_totals(db, org_id, estimate, true);
  tx.commit();
  return {line, saved};
}

LineChange change_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                       std::int64_t line_id, std::optional<int> expected_version,
                       const LineEdit& edit) {
  sql::Transaction tx(db);
  LockedLine locked = lock_line(db, org_id, estimate_id, line_id);
  check_version(expected_version, locked.line.version);
  lock_draft_estimate(db, org_id, estimate_id);
  sql::LineRecord saved = sql::update_line(db, org_id, line_id, edit(locked.line.fields));
  sql::EstimateRecord estimate = save_totals(db, org_id, locked.estimate, true);
  tx.commit();
  return {saved, estimate};
}

sql::EstimateRecord remove_line(sql::Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                                std::int64_t line_id) {
  sql::Transaction tx(db);
  LockedLine locked = lock_line(db, org_id, estimate_id, line_id);
  lock_draft_estimate(db, org_id, estimate_id);
  sql::delete_line(db, org_id, line_id);
  sql::EstimateRecord estimate = save_totals(db, org_id, locked.estimate, true);
  tx.commit();
  return estimate;
}

}  // namespace construction::operations
