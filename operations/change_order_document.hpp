// A change order and its lines as one document, as estimate_document.hpp is
// for estimates: create (optionally with lines), read, change and delete a
// draft, and add, change or remove a draft's lines. Every change runs in one
// transaction with the order locked and recomputes its amount from the
// stored lines (domain::change_order_amount); a line change makes a new
// version of the order. Only a draft changes (Refusal invalid_state).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sql/change_order_line_store.hpp"
#include "sql/change_order_store.hpp"

namespace construction::operations {

struct ChangeOrderDocument {
  sql::ChangeOrderRecord order;
  std::vector<sql::ChangeOrderLineRecord> lines;
};

struct NewChangeOrder {
  sql::ChangeOrderFields fields;       // number "" for the project's next
  std::vector<sql::LineFields> lines;  // priced already
};

// `read` runs once the project is found (404 before 422).
ChangeOrderDocument create_change_order(sql::Connection& db, std::int64_t org_id,
                                        std::int64_t project_id,
                                        const std::function<NewChangeOrder()>& read);
ChangeOrderDocument load_change_order(sql::Connection& db, std::int64_t org_id, std::int64_t id);
ChangeOrderDocument change_change_order(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::ChangeOrderFields(const sql::ChangeOrderFields&)>& edit);
void delete_change_order(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                         std::optional<int> expected_version);

// `edit` gets the stored line (or a new one at the next position) and gives
// the priced fields, or throws a Refusal.
using ChangeOrderLineEdit = std::function<sql::LineFields(const sql::LineFields&)>;
struct ChangeOrderLineChange {
  sql::ChangeOrderLineRecord line;
  sql::ChangeOrderRecord order;
};
ChangeOrderLineChange add_change_order_line(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t change_order_id,
                                            const ChangeOrderLineEdit& edit);
ChangeOrderLineChange change_change_order_line(sql::Connection& db, std::int64_t org_id,
                                               std::int64_t change_order_id, std::int64_t line_id,
                                               std::optional<int> expected_version,
                                               const ChangeOrderLineEdit& edit);
sql::ChangeOrderRecord remove_change_order_line(sql::Connection& db, std::int64_t org_id,
                                                std::int64_t change_order_id, std::int64_t line_id);

}  // namespace construction::operations
