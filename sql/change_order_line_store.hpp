// Change order lines: priced lines like an estimate's (sql::LineFields), whose
// unit cost, cost and price may be negative (a credit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"
#include "sql/estimate_line_store.hpp"

namespace construction::sql {

struct ChangeOrderLineRecord {
  std::int64_t id = 0;
  std::int64_t change_order_id = 0;
  LineFields fields;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

// In position order (then id).
std::vector<ChangeOrderLineRecord> list_change_order_lines(Connection& db, std::int64_t org_id,
                                                           std::int64_t change_order_id);
std::optional<ChangeOrderLineRecord> find_change_order_line(Connection& db, std::int64_t org_id,
                                                            std::int64_t change_order_id,
                                                            std::int64_t id);
ChangeOrderLineRecord insert_change_order_line(Connection& db, std::int64_t org_id,
                                               std::int64_t change_order_id,
                                               const LineFields& fields);
ChangeOrderLineRecord update_change_order_line(Connection& db, std::int64_t org_id, std::int64_t id,
                                               const LineFields& fields);
void delete_change_order_line(Connection& db, std::int64_t org_id, std::int64_t id);
std::int64_t next_change_order_line_position(Connection& db, std::int64_t org_id,
                                             std::int64_t change_order_id);

}  // namespace construction::sql
