// The budget of a project: its transfers (a history, never edited) and the
// sums the budget report is made of, read in one statement: per (cost code,
// cost type), the accepted estimate's line costs, the net of transfers, the
// approved change orders' line costs, the approved and closed commitments'
// lines and the approved and paid vendor bills' lines; with the project's
// contract sum to date and the accepted estimate's margin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/project_store.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct BudgetKey {
  std::string cost_code;
  std::string cost_type;
};

struct BudgetTransferFields {
  BudgetKey from;
  BudgetKey to;
  domain::Cents amount_cents;
  std::string reason;
};

struct BudgetTransferRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  BudgetTransferFields fields;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

BudgetTransferRecord insert_budget_transfer(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id,
                                            const BudgetTransferFields& fields);
PageOf<BudgetTransferRecord> list_budget_transfers(Connection& db, std::int64_t org_id,
                                                   std::int64_t project_id, const Page& page);

struct BudgetSumsRow {
  BudgetKey key;
  domain::Cents original_cents;
  domain::Cents transfers_cents;
  domain::Cents approved_changes_cents;
  domain::Cents committed_cents;
  domain::Cents actual_cents;
};

struct BudgetSumsRecord {
  domain::Cents contract_sum_to_date_cents;  // original + approved change orders
  std::int64_t original_margin_bps = 0;      // the accepted estimate's; 0 without one
  std::vector<BudgetSumsRow> lines;          // by cost code, then cost type (spec order)
};

// Nothing when the project is not the organisation's. One statement: a
// query to fetch with others, or loaded alone.
Query<std::optional<BudgetSumsRecord>> budget_sums_query(std::int64_t org_id,
                                                         std::int64_t project_id);
std::optional<BudgetSumsRecord> load_budget_sums(Connection& db, std::int64_t org_id,
                                                 std::int64_t project_id);

// The dashboard's margin check (DESIGN.md, "The dashboard's margin check,
// kept per project"): the active projects that have an accepted estimate (at
// most `limit`, by id) with their change counters (projects.costs_version,
// moved by PostgreSQL in the transaction of every write that can change the
// project's sums or margin)…
struct ProjectCostsVersion {
  ProjectName project;
  std::int64_t costs_version = 0;
};
Query<std::vector<ProjectCostsVersion>> active_costs_versions_query(std::int64_t org_id, int limit);

// … and the sums of those of `project_ids` that have an accepted estimate,
// by id, each with its counter read in the same statement (the counter the
// sums are true for). One statement.
struct ProjectBudgetSums {
  ProjectName project;
  std::int64_t costs_version = 0;
  BudgetSumsRecord budget;
};
Query<std::vector<ProjectBudgetSums>> budget_sums_of_query(
    std::int64_t org_id, const std::vector<std::int64_t>& project_ids);

}  // namespace construction::sql
