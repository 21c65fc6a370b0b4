#include "sql/change_order_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define CHANGE_ORDER_COLUMNS \
  "id, project_id, number, title, reason, days_delta, status, amount_cents, "                \
  "CASE WHEN approved_at IS NULL THEN NULL ELSE " SQL_UNIX_SECONDS("approved_at") " END "    \
  "AS approved_at, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "              \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kPending =
    "SELECT c.id, c.number, c.title, c.amount_cents, p.id AS project_id, "
    "p.number AS project_number, p.name AS project_name "
    "FROM change_orders c JOIN projects p ON p.org_id = c.org_id AND p.id = c.project_id "
    "WHERE c.org_id = $1 AND c.status = 'pending' ORDER BY c.id LIMIT $2";
constexpr std::string_view kInsert =
    "INSERT INTO change_orders (org_id, project_id, number, title, reason, days_delta) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " CHANGE_ORDER_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " CHANGE_ORDER_COLUMNS " FROM change_orders WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate = "SELECT " CHANGE_ORDER_COLUMNS
                                            " FROM change_orders WHERE org_id = $1 AND id = $2 "
                                            "FOR UPDATE";
constexpr std::string_view kList = "SELECT " CHANGE_ORDER_COLUMNS
                                   " FROM change_orders WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kUpdate =
    "UPDATE change_orders SET number = $3, title = $4, reason = $5, days_delta = $6, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " CHANGE_ORDER_COLUMNS;
constexpr std::string_view kSetAmount =
    "UPDATE change_orders SET amount_cents = $3, version = version + $4, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " CHANGE_ORDER_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE change_orders SET status = $3, "
    "approved_at = CASE WHEN $3 = 'approved' THEN now() END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " CHANGE_ORDER_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM change_orders WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextNumber =
    "SELECT 'CO-' || lpad((count(*) + 1)::text, 3, '0') AS number "
    "FROM change_orders WHERE org_id = $1 AND project_id = $2";
constexpr std::string_view kApprovedTotal =
    "SELECT coalesce(sum(amount_cents), 0)::bigint AS total FROM change_orders "
    "WHERE org_id = $1 AND project_id = $2 AND status = 'approved'";

// One row per line (one with NULL line columns for an order without lines):
// the line's fields under their own names (line_fields_from), which no
// column of the order shares, and its id, version and times prefixed.
constexpr std::string_view kFindWithLines =
    "SELECT c.*, l.* FROM (SELECT " CHANGE_ORDER_COLUMNS
    " FROM change_orders WHERE org_id = $1 AND id = $2) c "
    "LEFT JOIN LATERAL (SELECT id AS l_id, position, cost_code, cost_type, description, "
    "quantity::text AS quantity, unit, unit_cost_cents, markup_bps, taxable, cost_cents, "
    "price_cents, version AS l_version, " SQL_UNIX_SECONDS("created_at") " AS l_created_at, "
    SQL_UNIX_SECONDS("updated_at") " AS l_updated_at FROM change_order_lines "
    "WHERE org_id = $1 AND change_order_id = c.id) l ON true ORDER BY l.position, l.l_id";

#undef CHANGE_ORDER_COLUMNS

ChangeOrderRecord change_order_from(const Row& row) {
  ChangeOrderRecord c;
  c.id = row["id"].int64();
  c.project_id = row["project_id"].int64();
  c.fields = {row["number"].string(), row["title"].string(), row["reason"].string(),
              row["days_delta"].int64()};
  c.status = row["status"].named(domain::parse_change_order_status);
  c.amount_cents = row["amount_cents"].cents();
  c.approved_at = row["approved_at"].optional_timestamp();
  c.version = row["version"].int32();
  c.created_at = row["created_at"].timestamp();
  c.updated_at = row["updated_at"].timestamp();
  return c;
}

}  // namespace

ChangeOrderRecord insert_change_order(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                      const ChangeOrderFields& f) {
  return change_order_from(
      db.exec(kInsert, org_id, project_id, f.number, f.title, f.reason, f.days_delta).single_row());
}

std::optional<ChangeOrderRecord> find_change_order(Connection& db, std::int64_t org_id,
                                                   std::int64_t id, bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return change_order_from(result[0]);
}

Query<std::optional<ChangeOrderWithLines>> change_order_with_lines_query(std::int64_t org_id,
                                                                         std::int64_t id) {
  return make_query<std::optional<ChangeOrderWithLines>>(
      kFindWithLines,
      [](const Result& result) -> std::optional<ChangeOrderWithLines> {
        if (result.empty()) return std::nullopt;
        ChangeOrderWithLines found{change_order_from(result[0]), {}};
        for (Row row : result) {
          auto line_id = row["l_id"].optional_int64();
          if (!line_id) continue;
          found.lines.push_back({*line_id, found.order.id, line_fields_from(row),
                                 row["l_version"].int32(), row["l_created_at"].timestamp(),
                                 row["l_updated_at"].timestamp()});
        }
        return found;
      },
      org_id, id);
}

std::optional<ChangeOrderWithLines> find_change_order_with_lines(Connection& db,
                                                                 std::int64_t org_id,
                                                                 std::int64_t id) {
  return fetch(db, change_order_with_lines_query(org_id, id));
}

PageOf<ChangeOrderRecord> list_change_orders(Connection& db, std::int64_t org_id,
                                             std::int64_t project_id, const Page& page) {
  std::vector<ChangeOrderRecord> rows;
  for (Row row : db.exec(kList, org_id, project_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(change_order_from(row));
  return trim_page(std::move(rows), page);
}

ChangeOrderRecord update_change_order(Connection& db, std::int64_t org_id, std::int64_t id,
                                      const ChangeOrderFields& f) {
  return change_order_from(
      db.exec(kUpdate, org_id, id, f.number, f.title, f.reason, f.days_delta).single_row());
}

ChangeOrderRecord set_change_order_amount(Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::Cents amount, bool new_version) {
  return change_order_from(
      db.exec(kSetAmount, org_id, id, amount, new_version ? 1 : 0).single_row());
}

ChangeOrderRecord set_change_order_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::ChangeOrderStatus status) {
  return change_order_from(db.exec(kSetStatus, org_id, id, to_string(status)).single_row());
}

void delete_change_order(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

std::string next_change_order_number(Connection& db, std::int64_t org_id, std::int64_t project_id) {
  return db.exec(kNextNumber, org_id, project_id).single_row()["number"].string();
}

domain::Cents approved_change_orders_cents(Connection& db, std::int64_t org_id,
                                           std::int64_t project_id) {
  return db.exec(kApprovedTotal, org_id, project_id).single_row()["total"].cents();
}

Query<std::vector<PendingChangeOrder>> pending_change_orders_query(std::int64_t org_id, int limit) {
  return make_query<std::vector<PendingChangeOrder>>(
      kPending,
      [](const Result& result) {
        std::vector<PendingChangeOrder> orders;
        for (Row row : result)
          orders.push_back({row["id"].int64(), row["number"].string(), row["title"].string(),
                            row["amount_cents"].cents(), project_name_from(row)});
        return orders;
      },
      org_id, limit);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements change_order_store_statements() {
  return {"change_order_store",
          {SQL_NAMED(kPending), SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kList), SQL_NAMED(kUpdate), SQL_NAMED(kSetAmount), SQL_NAMED(kSetStatus),
           SQL_NAMED(kDelete), SQL_NAMED(kNextNumber), SQL_NAMED(kApprovedTotal),
           SQL_NAMED(kFindWithLines)}};
}

}  // namespace construction::sql
