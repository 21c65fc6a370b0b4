// The figures of a project's documents that its `financials` block is made
// of, for many projects in one query: per project, the change orders' amounts
// summed by status (and, as their tables come, the invoices' and the latest
// certified pay application's). domain/project_financials does the sums.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "sql/connection.hpp"

namespace construction::sql {

// One row: a kind of document ("change_order", "invoice",
// "pay_application"), a status, and its figures.
struct DocumentFigures {
  std::string kind;
  std::string status;
  std::int64_t amount_cents = 0;  // Σ amount; Σ total; the retainage held
  std::int64_t paid_cents = 0;    // invoices: Σ paid
  int number = 0;                 // pay applications: its number
};

// Project id -> its documents' figures; a project without any is absent.
std::map<std::int64_t, std::vector<DocumentFigures>> load_project_figures(
    Connection& db, std::int64_t org_id, std::span<const std::int64_t> project_ids);

}  // namespace construction::sql
