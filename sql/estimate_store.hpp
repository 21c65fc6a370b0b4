// Estimates: the document, its stored totals (recomputed from the lines by
// the API layer whenever a line or the tax rate changes, in the same
// transaction) and its revisions. `revised_by_id` is derived: the draft that
// revised this estimate, if any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/estimate.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"

namespace construction::sql {

struct EstimateFields {
  std::string number;
  std::string title;
  std::optional<domain::Date> valid_until;
  std::int64_t tax_bps = 0;
  std::string notes;
};

struct EstimateRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  EstimateFields fields;
  int revision = 1;
  std::optional<std::int64_t> revised_from_id;
  std::optional<std::int64_t> revised_by_id;
  domain::EstimateStatus status = domain::EstimateStatus::draft;
  domain::EstimateTotals totals;  // as stored, from the lines (domain::total_estimate)
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

EstimateRecord insert_estimate(Connection& db, std::int64_t org_id, std::int64_t project_id,
                               const EstimateFields& fields);
// The revision of `from`: same fields and totals, revision + 1, in draft.
EstimateRecord insert_revision(Connection& db, std::int64_t org_id, const EstimateRecord& from);
std::optional<EstimateRecord> find_estimate(Connection& db, std::int64_t org_id, std::int64_t id,
                                            bool for_update = false);
PageOf<EstimateRecord> list_estimates(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                      const Page& page);
EstimateRecord update_estimate(Connection& db, std::int64_t org_id, std::int64_t id,
                               const EstimateFields& fields);
// `new_version`: false when the totals follow a change already counted (the
// estimate's creation, or an update of its tax rate).
EstimateRecord set_estimate_totals(Connection& db, std::int64_t org_id, std::int64_t id,
                                   const domain::EstimateTotals& totals, bool new_version);
EstimateRecord set_estimate_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                   domain::EstimateStatus status);
void delete_estimate(Connection& db, std::int64_t org_id, std::int64_t id);
// "EST-001", "EST-002", …: one more than the project's estimate numbers so far.
std::string next_estimate_number(Connection& db, std::int64_t org_id, std::int64_t project_id);
bool project_has_accepted_estimate(Connection& db, std::int64_t org_id, std::int64_t project_id);

}  // namespace construction::sql
