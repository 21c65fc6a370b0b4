// The schedule of values lines of a project (G703 column C).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

struct SovLineRecord {
  std::int64_t id = 0;
  int item_no = 0;
  std::string description;
  domain::Cents scheduled_value_cents;
  std::optional<std::int64_t> estimate_id;
  std::optional<std::int64_t> change_order_id;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

void insert_estimate_sov_line(Connection& db, std::int64_t org_id, std::int64_t project_id,
                              std::int64_t estimate_id, int item_no, const std::string& description,
                              domain::Cents scheduled_value);
// The line an approved change order adds, after the project's last item.
void insert_change_order_sov_line(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                  std::int64_t change_order_id, int item_no,
                                  const std::string& description, domain::Cents scheduled_value);
int next_sov_item_no(Connection& db, std::int64_t org_id, std::int64_t project_id);
// In item order.
std::vector<SovLineRecord> list_sov_lines(Connection& db, std::int64_t org_id,
                                          std::int64_t project_id);

}  // namespace construction::sql
