// The `financials` block of projects, from their real documents: one query
// for any number of projects (sql/project_figures_store.hpp), the arithmetic
// in domain/project_financials.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <span>

#include "domain/project_financials.hpp"
#include "sql/project_store.hpp"

namespace construction::operations {

std::map<std::int64_t, domain::ProjectFinancials> project_financials(
    sql::Connection& db, std::int64_t org_id, std::span<const sql::ProjectRecord> projects);

}  // namespace construction::operations
