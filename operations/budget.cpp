#include "operations/budget.hpp"

#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

domain::BudgetReport budget_report(const sql::BudgetSumsRecord& budget) {
  std::vector<domain::BudgetLineSums> lines;
  lines.reserve(budget.lines.size());
  for (const auto& row : budget.lines)
    lines.push_back({row.key.cost_code,
                     row.key.cost_type,
                     {row.original_cents, row.transfers_cents, row.approved_changes_cents,
                      row.committed_cents, row.actual_cents}});
  return domain::budget_report(lines, budget.contract_sum_to_date_cents,
                               domain::BasisPoints{budget.original_margin_bps});
}

domain::BudgetReport budget_report(sql::Connection& db, std::int64_t org_id,
                                   std::int64_t project_id) {
  auto budget = sql::load_budget_sums(db, org_id, project_id);
  if (!budget) throw not_found();
  return budget_report(*budget);
}

sql::BudgetTransferRecord transfer_budget(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t project_id,
                                          const std::function<sql::BudgetTransferFields()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id, true);
  if (!project) throw not_found();
  sql::BudgetTransferFields fields = read();
  domain::BudgetReport report = budget_report(*sql::load_budget_sums(db, org_id, project->id));
  domain::Cents from_revised{0};
  for (const auto& line : report.lines)
    if (line.cost_code == fields.from.cost_code && line.cost_type == fields.from.cost_type)
      from_revised = line.columns.revised;
  if (auto refused = domain::refuse_transfer(from_revised, fields.amount_cents,
                                             fields.from.cost_code + " " + fields.from.cost_type))
    throw invalid_fields(std::move(*refused));
  sql::BudgetTransferRecord saved = sql::insert_budget_transfer(db, org_id, project->id, fields);
  tx.commit();
  return saved;
}

}  // namespace construction::operations
