// The `financials` block of a project, from the figures of its real
// documents read with it (sql/project_store.hpp, ProjectWithFigures); the
// arithmetic is domain/project_financials.hpp's.
#pragma once

#include "domain/project_financials.hpp"
#include "sql/project_store.hpp"

namespace construction::operations {

domain::ProjectFinancials project_financials(const sql::ProjectWithFigures& project);
domain::ProjectFinancials project_financials(const sql::ProjectListingWithFigures& project);

}  // namespace construction::operations
