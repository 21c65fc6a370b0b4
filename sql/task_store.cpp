#include "sql/task_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define TASK_COLUMNS \
  "id, project_id, name, " SQL_UNIX_DAYS("start_date") " AS start_date, "                   \
  SQL_UNIX_DAYS("end_date") " AS end_date, assignee_party_id, predecessor_id, "             \
  "percent_complete, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "           \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO tasks (org_id, project_id, name, start_date, end_date, assignee_party_id, "
    "predecessor_id, percent_complete) VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8) "
    "RETURNING " TASK_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " TASK_COLUMNS " FROM tasks WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " TASK_COLUMNS " FROM tasks WHERE org_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kList = "SELECT " TASK_COLUMNS
                                   " FROM tasks WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kSchedule =
    "SELECT " TASK_COLUMNS
    " FROM tasks WHERE org_id = $1 AND project_id = $2 "
    "ORDER BY tasks.start_date NULLS LAST, tasks.end_date NULLS LAST, id LIMIT $3";
constexpr std::string_view kUpdate =
    "UPDATE tasks SET name = $3, start_date = $4::date, end_date = $5::date, "
    "assignee_party_id = $6, predecessor_id = $7, percent_complete = $8, "
    "version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 "
    "RETURNING " TASK_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM tasks WHERE org_id = $1 AND id = $2";
// The schedule has no cycle (the code refuses one with the project locked),
// so the walk ends; the depth bound is a guard all the same.
constexpr std::string_view kChain =
    "WITH RECURSIVE chain (id, predecessor_id, depth) AS ("
    "  SELECT id, predecessor_id, 1 FROM tasks WHERE org_id = $1 AND project_id = $2 AND id = $3"
    "  UNION ALL"
    "  SELECT t.id, t.predecessor_id, c.depth + 1 FROM tasks t JOIN chain c"
    "    ON t.org_id = $1 AND t.id = c.predecessor_id WHERE c.depth < 100000"
    ") SELECT id FROM chain ORDER BY depth";
constexpr std::string_view kHasSuccessors =
    "SELECT EXISTS (SELECT 1 FROM tasks WHERE org_id = $1 AND predecessor_id = $2) AS present";

#undef TASK_COLUMNS

TaskRecord task_from(const Row& row) {
  TaskRecord t;
  t.id = row["id"].int64();
  t.project_id = row["project_id"].int64();
  t.fields = {row["name"].string(),
              row["start_date"].optional_date(),
              row["end_date"].optional_date(),
              row["assignee_party_id"].optional_int64(),
              row["predecessor_id"].optional_int64(),
              row["percent_complete"].int64()};
  t.version = row["version"].int32();
  t.created_at = row["created_at"].timestamp();
  t.updated_at = row["updated_at"].timestamp();
  return t;
}

}  // namespace

TaskRecord insert_task(Connection& db, std::int64_t org_id, std::int64_t project_id,
                       const TaskFields& f) {
  return task_from(db.exec(kInsert, org_id, project_id, f.name, f.start_date, f.end_date,
                           f.assignee_party_id, f.predecessor_id, f.percent_complete)
                       .single_row());
}

std::optional<TaskRecord> find_task(Connection& db, std::int64_t org_id, std::int64_t id,
                                    bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return task_from(result[0]);
}

PageOf<TaskRecord> list_tasks(Connection& db, std::int64_t org_id, std::int64_t project_id,
                              const Page& page) {
  std::vector<TaskRecord> rows;
  for (Row row : db.exec(kList, org_id, project_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(task_from(row));
  return trim_page(std::move(rows), page);
}

TaskRecord update_task(Connection& db, std::int64_t org_id, std::int64_t id, const TaskFields& f) {
  return task_from(db.exec(kUpdate, org_id, id, f.name, f.start_date, f.end_date,
                           f.assignee_party_id, f.predecessor_id, f.percent_complete)
                       .single_row());
}

void delete_task(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

std::vector<std::int64_t> predecessor_chain(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id, std::int64_t id) {
  std::vector<std::int64_t> chain;
  for (Row row : db.exec(kChain, org_id, project_id, id)) chain.push_back(row["id"].int64());
  return chain;
}

std::vector<TaskRecord> project_schedule(Connection& db, std::int64_t org_id,
                                         std::int64_t project_id) {
  std::vector<TaskRecord> tasks;
  for (Row row : db.exec(kSchedule, org_id, project_id, kScheduleLimit))
    tasks.push_back(task_from(row));
  return tasks;
}

bool has_successors(Connection& db, std::int64_t org_id, std::int64_t id) {
  return db.exec(kHasSuccessors, org_id, id).single_row()["present"].boolean();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements task_store_statements() {
  return {"task_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate), SQL_NAMED(kList),
           SQL_NAMED(kSchedule), SQL_NAMED(kUpdate), SQL_NAMED(kDelete), SQL_NAMED(kChain),
           SQL_NAMED(kHasSuccessors)}};
}

}  // namespace construction::sql
