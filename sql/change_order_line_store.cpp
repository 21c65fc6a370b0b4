#include "sql/change_order_line_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define LINE_COLUMNS                                                         \
  "id, change_order_id, position, cost_code, cost_type, description, "       \
  "quantity::text AS quantity, unit, unit_cost_cents, markup_bps, taxable, " \
  "cost_cents, price_cents, version, " SQL_UNIX_SECONDS(                     \
      "created_at") " AS created_at, " SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kList =
    "SELECT " LINE_COLUMNS
    " FROM change_order_lines WHERE org_id = $1 AND change_order_id = $2 ORDER BY position, id";
constexpr std::string_view kFind =
    "SELECT " LINE_COLUMNS
    " FROM change_order_lines WHERE org_id = $1 AND change_order_id = $2 AND id = $3";
constexpr std::string_view kInsert =
    "INSERT INTO change_order_lines (org_id, change_order_id, position, cost_code, cost_type, "
    "description, quantity, unit, unit_cost_cents, markup_bps, taxable, cost_cents, price_cents) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, $12, $13) "
    "RETURNING " LINE_COLUMNS;
constexpr std::string_view kUpdate =
    "UPDATE change_order_lines SET position = $3, cost_code = $4, cost_type = $5, "
    "description = $6, quantity = $7::numeric, unit = $8, unit_cost_cents = $9, "
    "markup_bps = $10, taxable = $11, cost_cents = $12, price_cents = $13, "
    "version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 "
    "RETURNING " LINE_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM change_order_lines WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextPosition =
    "SELECT coalesce(max(position), 0) + 1 AS position FROM change_order_lines "
    "WHERE org_id = $1 AND change_order_id = $2";

#undef LINE_COLUMNS

ChangeOrderLineRecord line_from(const Row& row) {
  return {row["id"].int64(),      row["change_order_id"].int64(), line_fields_from(row),
          row["version"].int32(), row["created_at"].timestamp(),  row["updated_at"].timestamp()};
}

}  // namespace

std::vector<ChangeOrderLineRecord> list_change_order_lines(Connection& db, std::int64_t org_id,
                                                           std::int64_t change_order_id) {
  std::vector<ChangeOrderLineRecord> lines;
  for (Row row : db.exec(kList, org_id, change_order_id)) lines.push_back(line_from(row));
  return lines;
}

std::optional<ChangeOrderLineRecord> find_change_order_line(Connection& db, std::int64_t org_id,
                                                            std::int64_t change_order_id,
                                                            std::int64_t id) {
  Result result = db.exec(kFind, org_id, change_order_id, id);
  if (result.empty()) return std::nullopt;
  return line_from(result[0]);
}

ChangeOrderLineRecord insert_change_order_line(Connection& db, std::int64_t org_id,
                                               std::int64_t change_order_id, const LineFields& f) {
  return line_from(db.exec(kInsert, org_id, change_order_id, f.position, f.cost_code, f.cost_type,
                           f.description, f.quantity, f.unit, f.unit_cost_cents, f.markup_bps,
                           f.taxable, f.cost_cents, f.price_cents)
                       .single_row());
}

ChangeOrderLineRecord update_change_order_line(Connection& db, std::int64_t org_id, std::int64_t id,
                                               const LineFields& f) {
  return line_from(db.exec(kUpdate, org_id, id, f.position, f.cost_code, f.cost_type, f.description,
                           f.quantity, f.unit, f.unit_cost_cents, f.markup_bps, f.taxable,
                           f.cost_cents, f.price_cents)
                       .single_row());
}

void delete_change_order_line(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

std::int64_t next_change_order_line_position(Connection& db, std::int64_t org_id,
                                             std::int64_t change_order_id) {
  return db.exec(kNextPosition, org_id, change_order_id).single_row()["position"].int64();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements change_order_line_store_statements() {
  return {"change_order_line_store",
          {SQL_NAMED(kList), SQL_NAMED(kFind), SQL_NAMED(kInsert), SQL_NAMED(kUpdate),
           SQL_NAMED(kDelete), SQL_NAMED(kNextPosition)}};
}

}  // namespace construction::sql
