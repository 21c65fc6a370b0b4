// The dashboard's margin check: the active projects whose projected margin
// (the job cost report's, operations::budget_report) fell below their
// accepted estimate's. Each worker keeps, per project, the figures the
// report drew and the project's change counter they were summed under
// (projects.costs_version, moved by PostgreSQL in the transaction of every
// write that can change them: migration 0019), and sums again only the
// projects whose counter moved since; DESIGN.md, "The dashboard's margin
// check, kept per project".
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "domain/budget.hpp"
#include "sql/budget_store.hpp"

namespace construction::operations {

struct MarginAlert {
  sql::ProjectName project;
  domain::ProfitBlock profit;
};

class MarginChecks {
 public:
  // About 100 bytes a project: 4 096 is under half a megabyte a worker.
  // When a view's sums would pass it the map is emptied first, so it holds
  // at most `capacity` projects, or the one view's (50) after emptying.
  explicit MarginChecks(std::size_t capacity = 4096) : capacity_(capacity) {}

  // The projects of `active` (active_costs_versions_query) whose projected
  // margin is below their estimate's, in `active`'s order. Reads the sums of
  // the projects not kept under their current counter, in one round trip;
  // none when every counter is the one kept.
  std::vector<MarginAlert> below_estimate(sql::Connection& db, std::int64_t org_id,
                                          const std::vector<sql::ProjectCostsVersion>& active);

 private:
  struct Kept {
    std::int64_t costs_version = 0;
    domain::ProfitBlock profit;
  };
  std::size_t capacity_;
  std::map<std::pair<std::int64_t, std::int64_t>, Kept> kept_;  // (org, project)
};

// The worker's own (a worker serves one request at a time).
MarginChecks& worker_margin_checks();

}  // namespace construction::operations
