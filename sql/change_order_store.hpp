// Change orders: the document, its stored amount (the sum of its lines'
// prices, recomputed by operations/ in the same transaction as every line
// change) and its status. approved_at is set with the status, by the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/change_order.hpp"
#include "domain/money.hpp"
#include "sql/change_order_line_store.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/project_store.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct ChangeOrderFields {
  std::string number;
  std::string title;
  std::string reason;
  std::int64_t days_delta = 0;
};

struct ChangeOrderRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  ChangeOrderFields fields;
  domain::ChangeOrderStatus status = domain::ChangeOrderStatus::draft;
  domain::Cents amount_cents;
  std::optional<domain::Timestamp> approved_at;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

ChangeOrderRecord insert_change_order(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                      const ChangeOrderFields& fields);
std::optional<ChangeOrderRecord> find_change_order(Connection& db, std::int64_t org_id,
                                                   std::int64_t id, bool for_update = false);
struct ChangeOrderWithLines {
  ChangeOrderRecord order;
  std::vector<ChangeOrderLineRecord> lines;  // in position order
};
// The order and its lines in one statement (a query to fetch with others,
// or fetched alone).
Query<std::optional<ChangeOrderWithLines>> change_order_with_lines_query(std::int64_t org_id,
                                                                         std::int64_t id);
std::optional<ChangeOrderWithLines> find_change_order_with_lines(Connection& db,
                                                                 std::int64_t org_id,
                                                                 std::int64_t id);
PageOf<ChangeOrderRecord> list_change_orders(Connection& db, std::int64_t org_id,
                                             std::int64_t project_id, const Page& page);
ChangeOrderRecord update_change_order(Connection& db, std::int64_t org_id, std::int64_t id,
                                      const ChangeOrderFields& fields);
// `new_version`: false when the amount follows a change already counted.
ChangeOrderRecord set_change_order_amount(Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::Cents amount, bool new_version);
// A change order awaiting the client's decision, as the dashboard lists it.
struct PendingChangeOrder {
  std::int64_t id = 0;
  std::string number;
  std::string title;
  domain::Cents amount_cents;
  ProjectName project;
};
// The organisation's pending change orders, oldest first, at most `limit`.
Query<std::vector<PendingChangeOrder>> pending_change_orders_query(std::int64_t org_id, int limit);

ChangeOrderRecord set_change_order_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::ChangeOrderStatus status);
void delete_change_order(Connection& db, std::int64_t org_id, std::int64_t id);
// "CO-001", "CO-002", …: one more than the project's change orders so far.
std::string next_change_order_number(Connection& db, std::int64_t org_id, std::int64_t project_id);
// The sum of the project's approved change orders (G702 line 2).
domain::Cents approved_change_orders_cents(Connection& db, std::int64_t org_id,
                                           std::int64_t project_id);

}  // namespace construction::sql
