// Lines of commitments and of vendor bills: a budget key (cost code, cost
// type), a description and an amount (a bill's may be negative). The two
// tables have the same columns apart from the document they belong to, so
// one store serves both, told which table by an AmountLineTable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

enum class AmountLineTable { commitment_lines, vendor_bill_lines };

struct AmountLineFields {
  std::string cost_code;
  std::string cost_type;
  std::string description;
  domain::Cents amount_cents;
};

struct AmountLineRecord {
  std::int64_t id = 0;
  std::int64_t document_id = 0;  // commitment_id or vendor_bill_id
  AmountLineFields fields;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

// In id order (the order they were entered).
std::vector<AmountLineRecord> list_amount_lines(Connection& db, AmountLineTable table,
                                                std::int64_t org_id, std::int64_t document_id);
std::optional<AmountLineRecord> find_amount_line(Connection& db, AmountLineTable table,
                                                 std::int64_t org_id, std::int64_t document_id,
                                                 std::int64_t id);
AmountLineRecord insert_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                                    std::int64_t document_id, const AmountLineFields& fields);
AmountLineRecord update_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                                    std::int64_t id, const AmountLineFields& fields);
void delete_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                        std::int64_t id);

}  // namespace construction::sql
