#include "sql/schedule_of_values_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kInsertFromEstimate =
    "INSERT INTO schedule_of_values_lines (org_id, project_id, estimate_id, item_no, description, "
    "scheduled_value_cents) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kInsertFromChangeOrder =
    "INSERT INTO schedule_of_values_lines (org_id, project_id, change_order_id, item_no, "
    "description, scheduled_value_cents) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kNextItemNo =
    "SELECT coalesce(max(item_no), 0) + 1 AS item_no FROM schedule_of_values_lines "
    "WHERE org_id = $1 AND project_id = $2";
constexpr std::string_view kList =
    "SELECT id, item_no, description, scheduled_value_cents, estimate_id, change_order_id, "
    "version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "
    SQL_UNIX_SECONDS("updated_at") " AS updated_at "
    "FROM schedule_of_values_lines WHERE org_id = $1 AND project_id = $2 ORDER BY item_no";

}  // namespace

void insert_estimate_sov_line(Connection& db, std::int64_t org_id, std::int64_t project_id,
                              std::int64_t estimate_id, int item_no, const std::string& description,
                              domain::Cents scheduled_value) {
  db.exec(kInsertFromEstimate, org_id, project_id, estimate_id, item_no, description,
          scheduled_value);
}

void insert_change_order_sov_line(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                  std::int64_t change_order_id, int item_no,
                                  const std::string& description, domain::Cents scheduled_value) {
  db.exec(kInsertFromChangeOrder, org_id, project_id, change_order_id, item_no, description,
          scheduled_value);
}

int next_sov_item_no(Connection& db, std::int64_t org_id, std::int64_t project_id) {
  return db.exec(kNextItemNo, org_id, project_id).single_row()["item_no"].int32();
}

std::vector<SovLineRecord> list_sov_lines(Connection& db, std::int64_t org_id,
                                          std::int64_t project_id) {
  std::vector<SovLineRecord> lines;
  for (Row row : db.exec(kList, org_id, project_id)) {
    lines.push_back({row["id"].int64(), row["item_no"].int32(), row["description"].string(),
                     row["scheduled_value_cents"].cents(), row["estimate_id"].optional_int64(),
                     row["change_order_id"].optional_int64(), row["version"].int32(),
                     row["created_at"].timestamp(), row["updated_at"].timestamp()});
  }
  return lines;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements schedule_of_values_store_statements() {
  return {"schedule_of_values_store",
          {SQL_NAMED(kInsertFromEstimate), SQL_NAMED(kInsertFromChangeOrder),
           SQL_NAMED(kNextItemNo), SQL_NAMED(kList)}};
}

}  // namespace construction::sql
