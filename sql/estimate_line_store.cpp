#include "sql/estimate_line_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define LINE_COLUMNS                                                                           \
  "id, estimate_id, position, cost_code, cost_type, description, quantity::text AS quantity, " \
  "unit, unit_cost_cents, markup_bps, taxable, cost_cents, price_cents, "                      \
  "version, " SQL_UNIX_SECONDS("created_at") " AS created_at, " SQL_UNIX_SECONDS(              \
      "updated_at") " AS updated_at"

constexpr std::string_view kList = "SELECT " LINE_COLUMNS
                                   " FROM estimate_lines WHERE org_id = $1 AND estimate_id = $2 "
                                   "ORDER BY position, id";
constexpr std::string_view kFind = "SELECT " LINE_COLUMNS
                                   " FROM estimate_lines "
                                   "WHERE org_id = $1 AND estimate_id = $2 AND id = $3";
constexpr std::string_view kInsert =
    "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
    "description, quantity, unit, unit_cost_cents, markup_bps, taxable, cost_cents, price_cents) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, $12, $13) "
    "RETURNING " LINE_COLUMNS;
constexpr std::string_view kUpdate =
    "UPDATE estimate_lines SET position = $3, cost_code = $4, cost_type = $5, description = $6, "
    "quantity = $7::numeric, unit = $8, unit_cost_cents = $9, markup_bps = $10, taxable = $11, "
    "cost_cents = $12, price_cents = $13, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " LINE_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM estimate_lines WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextPosition =
    "SELECT coalesce(max(position), 0) + 1 AS position FROM estimate_lines "
    "WHERE org_id = $1 AND estimate_id = $2";
constexpr std::string_view kCopy =
    "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
    "description, quantity, unit, unit_cost_cents, markup_bps, taxable, cost_cents, price_cents) "
    "SELECT org_id, $3, position, cost_code, cost_type, description, quantity, unit, "
    "unit_cost_cents, markup_bps, taxable, cost_cents, price_cents FROM estimate_lines "
    "WHERE org_id = $1 AND estimate_id = $2 ORDER BY position, id";

#undef LINE_COLUMNS

LineRecord line_from(const Row& row) {
  LineRecord l;
  l.id = row["id"].int64();
  l.estimate_id = row["estimate_id"].int64();
  l.fields = line_fields_from(row);
  l.version = row["version"].int32();
  l.created_at = row["created_at"].timestamp();
  l.updated_at = row["updated_at"].timestamp();
  return l;
}

}  // namespace

LineFields line_fields_from(const Row& row) {
  return {row["position"].int64(),        row["cost_code"].string(), row["cost_type"].string(),
          row["description"].string(),    row["quantity"].string(),  row["unit"].string(),
          row["unit_cost_cents"].cents(), row["markup_bps"].int64(), row["taxable"].boolean(),
          row["cost_cents"].cents(),      row["price_cents"].cents()};
}

std::vector<LineRecord> list_lines(Connection& db, std::int64_t org_id, std::int64_t estimate_id) {
  std::vector<LineRecord> lines;
  for (Row row : db.exec(kList, org_id, estimate_id)) lines.push_back(line_from(row));
  return lines;
}

std::optional<LineRecord> find_line(Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                                    std::int64_t id) {
  Result result = db.exec(kFind, org_id, estimate_id, id);
  if (result.empty()) return std::nullopt;
  return line_from(result[0]);
}

LineRecord insert_line(Connection& db, std::int64_t org_id, std::int64_t estimate_id,
                       const LineFields& f) {
  return line_from(db.exec(kInsert, org_id, estimate_id, f.position, f.cost_code, f.cost_type,
                           f.description, f.quantity, f.unit, f.unit_cost_cents, f.markup_bps,
                           f.taxable, f.cost_cents, f.price_cents)
                       .single_row());
}

LineRecord update_line(Connection& db, std::int64_t org_id, std::int64_t id, const LineFields& f) {
  return line_from(db.exec(kUpdate, org_id, id, f.position, f.cost_code, f.cost_type, f.description,
                           f.quantity, f.unit, f.unit_cost_cents, f.markup_bps, f.taxable,
                           f.cost_cents, f.price_cents)
                       .single_row());
}

void delete_line(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

std::int64_t next_line_position(Connection& db, std::int64_t org_id, std::int64_t estimate_id) {
  return db.exec(kNextPosition, org_id, estimate_id).single_row()["position"].int64();
}

void copy_lines(Connection& db, std::int64_t org_id, std::int64_t from, std::int64_t to) {
  db.exec(kCopy, org_id, from, to);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements estimate_line_store_statements() {
  return {"estimate_line_store",
          {SQL_NAMED(kList), SQL_NAMED(kFind), SQL_NAMED(kInsert), SQL_NAMED(kUpdate),
           SQL_NAMED(kDelete), SQL_NAMED(kNextPosition), SQL_NAMED(kCopy)}};
}

}  // namespace construction::sql
