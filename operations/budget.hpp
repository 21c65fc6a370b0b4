// A project's budget: the budget-vs-actual report (one query for the sums,
// domain::budget_report for the columns and the profit block) and budget
// transfers. A transfer runs in one transaction with the project locked, so
// two transfers out of one line cannot both pass the check that the line
// stays at or above zero.
#pragma once

#include <cstdint>
#include <functional>

#include "domain/budget.hpp"
#include "sql/budget_store.hpp"

namespace construction::operations {

// The report of sums already read (sql::load_budget_sums, or the
// dashboard's margin check, operations/margin_checks.hpp).
domain::BudgetReport budget_report(const sql::BudgetSumsRecord& budget);

// Not found when the project is not the organisation's.
domain::BudgetReport budget_report(sql::Connection& db, std::int64_t org_id,
                                   std::int64_t project_id);

// `read` runs once the project is found (404 before 422). Refuses (422
// amount_cents) a transfer that would take its `from` line below zero.
sql::BudgetTransferRecord transfer_budget(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t project_id,
                                          const std::function<sql::BudgetTransferFields()>& read);

}  // namespace construction::operations
