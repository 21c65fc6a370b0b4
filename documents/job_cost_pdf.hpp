// The job cost report, for the office: the budget page's rows (budget,
// transfers, approved changes, revised, committed, actual, projected,
// variance) and its totals and profit block, from domain::budget_report.
#pragma once

#include <string>

#include "documents/letterhead.hpp"
#include "domain/budget.hpp"

namespace construction::documents {

// "P-001 Job cost report".
std::string job_cost_number(const sql::ProjectRecord& project);
std::string job_cost_pdf(const Letterhead& letterhead, const domain::BudgetReport& report);

}  // namespace construction::documents
