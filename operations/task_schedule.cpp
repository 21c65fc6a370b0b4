#include "operations/task_schedule.hpp"

#include <chrono>

#include "domain/task.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

// Every rule on the fields at once; nothing when they are fine.
void check_task(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                std::optional<std::int64_t> task_id, const sql::TaskFields& f) {
  domain::FieldErrors errors = check_task_dates(f);
  if (f.assignee_party_id && !sql::find_party(db, org_id, *f.assignee_party_id))
    errors.add("assignee_party_id", "must be the id of one of your organisation's parties");
  if (f.predecessor_id) {
    auto chain = sql::predecessor_chain(db, org_id, project_id, *f.predecessor_id);
    if (chain.empty())
      errors.add("predecessor_id", "must be the id of a task of the same project");
    else
      errors.merge(domain::refuse_predecessor_cycle(task_id, chain));
  }
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

// The task, and its project locked before the task.
sql::TaskRecord lock_task(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                          std::optional<int> expected_version) {
  auto task = sql::find_task(db, org_id, id);
  if (!task) throw not_found();
  sql::find_project(db, org_id, task->project_id, true);
  task = sql::find_task(db, org_id, id, true);
  if (!task) throw not_found();
  check_version(expected_version, task->version);
  return *task;
}

}  // namespace

domain::FieldErrors check_task_dates(const sql::TaskFields& fields) {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return domain::validate_task_dates(fields.start_date, fields.end_date, today);
}

sql::TaskRecord create_task(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                            const std::function<sql::TaskFields()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id, true);
  if (!project) throw not_found();
  sql::TaskFields fields = read();
  check_task(db, org_id, project->id, std::nullopt, fields);
  sql::TaskRecord task = sql::insert_task(db, org_id, project->id, fields);
  tx.commit();
  return task;
}

sql::TaskRecord change_task(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                            std::optional<int> expected_version,
                            const std::function<sql::TaskFields(const sql::TaskFields&)>& edit) {
  sql::Transaction tx(db);
  sql::TaskRecord task = lock_task(db, org_id, id, expected_version);
  sql::TaskFields fields = edit(task.fields);
  check_task(db, org_id, task.project_id, task.id, fields);
  sql::TaskRecord saved = sql::update_task(db, org_id, task.id, fields);
  tx.commit();
  return saved;
}

void delete_task(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                 std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::TaskRecord task = lock_task(db, org_id, id, expected_version);
  if (sql::has_successors(db, org_id, task.id))
    throw conflict("Other tasks follow this one: change their predecessor first");
  sql::delete_task(db, org_id, task.id);
  tx.commit();
}

}  // namespace construction::operations
