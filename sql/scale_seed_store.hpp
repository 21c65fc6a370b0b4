// The history of one organisation at scale, written in plain SQL (INSERT …
// SELECT over generate_series) for `construction seed-scale` and the tests and
// benches that need thousands of projects: the same documents a user would
// have made through the API, with the figures the domain's rules give, in a
// few statements rather than a million round trips.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

// What one organisation's history holds: `projects` in all, `active` of them
// under way. Every value derives from a project's number and `seed` (no
// random()), so the same shape gives the same rows; dates run up to `as_of`.
struct ScaleShape {
  std::int64_t org_id = 0;
  int projects = 0;
  int active = 0;
  std::int64_t seed = 1;
  domain::Date as_of;
};

// Writes the organisation's parties, projects and their history in the
// caller's transaction. The organisation must hold no projects yet.
void insert_scale_history(Connection& db, const ScaleShape& shape);

struct TableCount {
  std::string table;
  std::int64_t rows = 0;
};
// The rows of each table the generator writes, for organisations `org_ids`.
std::vector<TableCount> count_scale_rows(Connection& db, const std::vector<std::int64_t>& org_ids);

// Whether an organisation of this name (any case) exists.
bool organisation_exists(Connection& db, const std::string& name);

// Fresh planner statistics for the tables just filled (autovacuum would get
// there, but a bench started at once would plan on empty-table estimates).
void analyze_scale_tables(Connection& db);

}  // namespace construction::sql
