// The project page's "Budget" tab (views/project_pages shows it in its tab
// strip): the job cost report (one row per cost code and type, over-budget
// rows marked, totals, the profit block), its CSV (the API's, from
// domain/budget_csv), a budget transfer form, a quick vendor bill form
// (entered and approved in one post), and the project's commitments and
// vendor bills. Commercial: owners and managers only (403 otherwise).
#pragma once

#include "domain/validation.hpp"
#include "sql/project_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// `transfer_errors` and `bill_errors` beside their forms' fields.
std::string budget_tab(PageContext& page, const sql::ProjectRecord& project,
                       const domain::FieldErrors& transfer_errors = {},
                       const domain::FieldErrors& bill_errors = {});

}  // namespace construction::views
