#include "sql/budget_store.hpp"

#include "sql/counted_vendor_bills.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define TRANSFER_COLUMNS                                                         \
  "id, project_id, from_cost_code, from_cost_type, to_cost_code, to_cost_type, " \
  "amount_cents, reason, version, " SQL_UNIX_SECONDS(                            \
      "created_at") " AS created_at, " SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsertTransfer =
    "INSERT INTO budget_transfers (org_id, project_id, from_cost_code, from_cost_type, "
    "to_cost_code, to_cost_type, amount_cents, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "RETURNING " TRANSFER_COLUMNS;
constexpr std::string_view kListTransfers = "SELECT " TRANSFER_COLUMNS
                                            " FROM budget_transfers WHERE org_id = $1 AND "
                                            "project_id = $2 AND id > $3 ORDER BY id LIMIT $4";

#undef TRANSFER_COLUMNS

// One statement: the project row (none when it is not the organisation's)
// left-joined to its budget lines, so an empty budget still answers one row.
// Each source contributes to one column of `parts`; a cost code that appears
// only on a commitment or a bill gets its line like any other.
constexpr std::string_view kBudgetSums = R"SQL(WITH project AS (
  SELECT p.original_contract_sum_cents
         + coalesce((SELECT sum(c.amount_cents) FROM change_orders c
                     WHERE c.org_id = p.org_id AND c.project_id = p.id
                       AND c.status = 'approved'), 0) AS contract_sum_cents,
         coalesce((SELECT e.margin_bps FROM estimates e
                   WHERE e.org_id = p.org_id AND e.project_id = p.id
                     AND e.status = 'accepted'), 0) AS original_margin_bps
  FROM projects p WHERE p.org_id = $1 AND p.id = $2
), parts (cost_code, cost_type, original, transfers, changes, committed, actual) AS (
  SELECT l.cost_code, l.cost_type, l.cost_cents, 0, 0, 0, 0
  FROM estimates e JOIN estimate_lines l ON l.org_id = e.org_id AND l.estimate_id = e.id
  WHERE e.org_id = $1 AND e.project_id = $2 AND e.status = 'accepted'
  UNION ALL
  SELECT t.to_cost_code, t.to_cost_type, 0, t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = $1 AND t.project_id = $2
  UNION ALL
  SELECT t.from_cost_code, t.from_cost_type, 0, -t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = $1 AND t.project_id = $2
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, l.cost_cents, 0, 0
  FROM change_orders c JOIN change_order_lines l
    ON l.org_id = c.org_id AND l.change_order_id = c.id
  WHERE c.org_id = $1 AND c.project_id = $2 AND c.status = 'approved'
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, 0, l.amount_cents, 0
  FROM commitments c JOIN commitment_lines l ON l.org_id = c.org_id AND l.commitment_id = c.id
  WHERE c.org_id = $1 AND c.project_id = $2 AND c.status IN ('approved', 'closed')
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, 0, 0, l.amount_cents
  FROM vendor_bills b JOIN vendor_bill_lines l ON l.org_id = b.org_id AND l.vendor_bill_id = b.id
  WHERE b.org_id = $1 AND b.project_id = $2 AND )SQL" SQL_COUNTED_VENDOR_BILL("b") R"SQL(
), lines AS (
  SELECT cost_code, cost_type, sum(original)::bigint AS original_cents,
         sum(transfers)::bigint AS transfers_cents, sum(changes)::bigint AS changes_cents,
         sum(committed)::bigint AS committed_cents, sum(actual)::bigint AS actual_cents
  FROM parts GROUP BY cost_code, cost_type
)
SELECT project.contract_sum_cents::bigint AS contract_sum_cents,
       project.original_margin_bps::bigint AS original_margin_bps, lines.*
FROM project LEFT JOIN lines ON true
ORDER BY lines.cost_code,
         array_position(ARRAY['labor', 'material', 'equipment', 'subcontract', 'other'],
                        lines.cost_type)
)SQL";

// The dashboard's margin check (DESIGN.md, "The dashboard's margin check,
// kept per project"): the active projects with an accepted estimate, the
// first $2 by id, with their change counters, which a worker compares with
// the counters it summed under; a steady dashboard reads only these. Each
// project's accepted estimate is looked up by its own index entry (a join or
// EXISTS read every accepted estimate of the organisation to find fifty; the
// LIMIT, one anyway, keeps the planner from turning the lookup back into
// that join).
constexpr std::string_view kActiveCostsVersions = R"SQL(SELECT p.id AS project_id,
  p.number AS project_number, p.name AS project_name, p.costs_version
FROM projects p CROSS JOIN LATERAL (
  SELECT FROM estimates e
  WHERE e.org_id = p.org_id AND e.project_id = p.id AND e.status = 'accepted' LIMIT 1) e
WHERE p.org_id = $1 AND p.status = 'active' ORDER BY p.id LIMIT $2
)SQL";

// The sums of kBudgetSums for the projects of the array $2 that have an
// accepted estimate (those whose counter moved): one row per project and
// line, the project's figures and counter repeated, a project without lines
// once with null keys. The counter comes from the same snapshot as the sums,
// so figures kept under it are the report's for it. Only the listed
// projects' rows are read, whatever the organisation's age: the parts take
// the projects' ids as an array, which an index scan reads for those
// projects alone (`IN (SELECT id FROM project)` let the planner read the
// organisation's whole table; DESIGN.md, "Cost at scale").
constexpr std::string_view kBudgetSumsOf = R"SQL(WITH project AS (
  SELECT p.id, p.number, p.name, p.costs_version,
         p.original_contract_sum_cents
         + coalesce((SELECT sum(c.amount_cents) FROM change_orders c
                     WHERE c.org_id = p.org_id AND c.project_id = p.id
                       AND c.status = 'approved'), 0) AS contract_sum_cents,
         e.margin_bps AS original_margin_bps
  FROM projects p CROSS JOIN LATERAL (
    SELECT e.margin_bps FROM estimates e
    WHERE e.org_id = p.org_id AND e.project_id = p.id AND e.status = 'accepted' LIMIT 1) e
  WHERE p.org_id = $1 AND p.id = ANY ($2::bigint[])
), parts (project_id, cost_code, cost_type, original, transfers, changes, committed, actual) AS (
  SELECT e.project_id, l.cost_code, l.cost_type, l.cost_cents, 0, 0, 0, 0
  FROM estimates e JOIN estimate_lines l ON l.org_id = e.org_id AND l.estimate_id = e.id
  WHERE e.org_id = $1 AND e.project_id = ANY (ARRAY(SELECT id FROM project)) AND e.status = 'accepted'
  UNION ALL
  SELECT t.project_id, t.to_cost_code, t.to_cost_type, 0, t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = $1 AND t.project_id = ANY (ARRAY(SELECT id FROM project))
  UNION ALL
  SELECT t.project_id, t.from_cost_code, t.from_cost_type, 0, -t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = $1 AND t.project_id = ANY (ARRAY(SELECT id FROM project))
  UNION ALL
  SELECT c.project_id, l.cost_code, l.cost_type, 0, 0, l.cost_cents, 0, 0
  FROM change_orders c JOIN change_order_lines l
    ON l.org_id = c.org_id AND l.change_order_id = c.id
  WHERE c.org_id = $1 AND c.project_id = ANY (ARRAY(SELECT id FROM project)) AND c.status = 'approved'
  UNION ALL
  SELECT c.project_id, l.cost_code, l.cost_type, 0, 0, 0, l.amount_cents, 0
  FROM commitments c JOIN commitment_lines l ON l.org_id = c.org_id AND l.commitment_id = c.id
  WHERE c.org_id = $1 AND c.project_id = ANY (ARRAY(SELECT id FROM project))
    AND c.status IN ('approved', 'closed')
  UNION ALL
  SELECT b.project_id, l.cost_code, l.cost_type, 0, 0, 0, 0, l.amount_cents
  FROM vendor_bills b JOIN vendor_bill_lines l ON l.org_id = b.org_id AND l.vendor_bill_id = b.id
  WHERE b.org_id = $1 AND b.project_id = ANY (ARRAY(SELECT id FROM project))
    AND )SQL" SQL_COUNTED_VENDOR_BILL("b") R"SQL(
), lines AS (
  SELECT project_id, cost_code, cost_type, sum(original)::bigint AS original_cents,
         sum(transfers)::bigint AS transfers_cents, sum(changes)::bigint AS changes_cents,
         sum(committed)::bigint AS committed_cents, sum(actual)::bigint AS actual_cents
  FROM parts GROUP BY project_id, cost_code, cost_type
)
SELECT project.id AS project_id, project.number AS project_number, project.name AS project_name,
       project.costs_version, project.contract_sum_cents::bigint AS contract_sum_cents,
       project.original_margin_bps::bigint AS original_margin_bps, lines.cost_code,
       lines.cost_type, lines.original_cents, lines.transfers_cents, lines.changes_cents,
       lines.committed_cents, lines.actual_cents
FROM project LEFT JOIN lines ON lines.project_id = project.id
ORDER BY project.id, lines.cost_code,
         array_position(ARRAY['labor', 'material', 'equipment', 'subcontract', 'other'],
                        lines.cost_type)
)SQL";

void add_line(BudgetSumsRecord& budget, const Row& row) {
  if (row["cost_code"].is_null()) return;  // the project alone: no budget yet
  budget.lines.push_back({{row["cost_code"].string(), row["cost_type"].string()},
                          row["original_cents"].cents(),
                          row["transfers_cents"].cents(),
                          row["changes_cents"].cents(),
                          row["committed_cents"].cents(),
                          row["actual_cents"].cents()});
}

BudgetTransferRecord transfer_from(const Row& row) {
  BudgetTransferRecord t;
  t.id = row["id"].int64();
  t.project_id = row["project_id"].int64();
  t.fields = {{row["from_cost_code"].string(), row["from_cost_type"].string()},
              {row["to_cost_code"].string(), row["to_cost_type"].string()},
              row["amount_cents"].cents(),
              row["reason"].string()};
  t.version = row["version"].int32();
  t.created_at = row["created_at"].timestamp();
  t.updated_at = row["updated_at"].timestamp();
  return t;
}

}  // namespace

BudgetTransferRecord insert_budget_transfer(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id,
                                            const BudgetTransferFields& f) {
  return transfer_from(db.exec(kInsertTransfer, org_id, project_id, f.from.cost_code,
                               f.from.cost_type, f.to.cost_code, f.to.cost_type, f.amount_cents,
                               f.reason)
                           .single_row());
}

PageOf<BudgetTransferRecord> list_budget_transfers(Connection& db, std::int64_t org_id,
                                                   std::int64_t project_id, const Page& page) {
  std::vector<BudgetTransferRecord> rows;
  for (Row row :
       db.exec(kListTransfers, org_id, project_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(transfer_from(row));
  return trim_page(std::move(rows), page);
}

Query<std::optional<BudgetSumsRecord>> budget_sums_query(std::int64_t org_id,
                                                         std::int64_t project_id) {
  return make_query<std::optional<BudgetSumsRecord>>(
      kBudgetSums,
      [](const Result& result) -> std::optional<BudgetSumsRecord> {
        if (result.empty()) return std::nullopt;
        BudgetSumsRecord budget;
        budget.contract_sum_to_date_cents = result[0]["contract_sum_cents"].cents();
        budget.original_margin_bps = result[0]["original_margin_bps"].int64();
        for (Row row : result) add_line(budget, row);
        return budget;
      },
      org_id, project_id);
}

std::optional<BudgetSumsRecord> load_budget_sums(Connection& db, std::int64_t org_id,
                                                 std::int64_t project_id) {
  return fetch(db, budget_sums_query(org_id, project_id));
}

Query<std::vector<ProjectCostsVersion>> active_costs_versions_query(std::int64_t org_id,
                                                                    int limit) {
  return make_query<std::vector<ProjectCostsVersion>>(
      kActiveCostsVersions,
      [](const Result& result) {
        std::vector<ProjectCostsVersion> projects;
        projects.reserve(static_cast<std::size_t>(result.rows()));
        for (Row row : result)
          projects.push_back({project_name_from(row), row["costs_version"].int64()});
        return projects;
      },
      org_id, limit);
}

Query<std::vector<ProjectBudgetSums>> budget_sums_of_query(
    std::int64_t org_id, const std::vector<std::int64_t>& project_ids) {
  std::string ids = "{";
  for (std::int64_t id : project_ids) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
  ids += "}";
  return make_query<std::vector<ProjectBudgetSums>>(
      kBudgetSumsOf,
      [](const Result& result) {
        std::vector<ProjectBudgetSums> projects;
        for (Row row : result) {
          if (projects.empty() || projects.back().project.id != row["project_id"].int64()) {
            projects.push_back({project_name_from(row), row["costs_version"].int64(), {}});
            projects.back().budget.contract_sum_to_date_cents = row["contract_sum_cents"].cents();
            projects.back().budget.original_margin_bps = row["original_margin_bps"].int64();
          }
          add_line(projects.back().budget, row);
        }
        return projects;
      },
      org_id, ids);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements budget_store_statements() {
  return {"budget_store",
          {SQL_NAMED(kInsertTransfer), SQL_NAMED(kListTransfers), SQL_NAMED(kBudgetSums),
           SQL_NAMED(kActiveCostsVersions), SQL_NAMED(kBudgetSumsOf)}};
}

}  // namespace construction::sql
