// Estimate lines, with the cost and price the domain computed when the line
// was written (a document's totals are sums of its stored lines).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

struct LineFields {
  std::int64_t position = 1;
  std::string cost_code;
  std::string cost_type;
  std::string description;
  std::string quantity;  // decimal text, ≤ 3 decimals
  std::string unit;
  domain::Cents unit_cost_cents;
  std::int64_t markup_bps = 0;
  bool taxable = false;
  domain::Cents cost_cents;
  domain::Cents price_cents;
};

struct LineRecord {
  std::int64_t id = 0;
  std::int64_t estimate_id = 0;
  LineFields fields;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

// The priced-line columns every line table shares (estimate and change
// order lines), read from a row that selected them under their own names.
LineFields line_fields_from(const Row& row);

// In position order (then id).
std::vector<LineRecord> list_lines(Connection& db, std::int64_t org_id, std::int64_t estimate_id);
std::optional<LineRecord> find_line(Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                                    std::int64_t id);
LineRecord insert_line(Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                       const LineFields& fields);
LineRecord update_line(Connection& db, std::int64_t org_id, std::int64_t id,
                       const LineFields& fields);
void delete_line(Connection& db, std::int64_t org_id, std::int64_t id);
std::int64_t next_line_position(Connection& db, std::int64_t org_id, std::int64_t estimate_id);
// Copies every line of `from` onto `to`, amounts unchanged (a revision).
void copy_lines(Connection& db, std::int64_t org_id, std::int64_t from, std::int64_t to);

}  // namespace construction::sql
