// Tasks of a project's schedule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"

namespace construction::sql {

struct TaskFields {
  std::string name;
  std::optional<domain::Date> start_date;
  std::optional<domain::Date> end_date;
  std::optional<std::int64_t> assignee_party_id;
  std::optional<std::int64_t> predecessor_id;
  std::int64_t percent_complete = 0;
};

struct TaskRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  TaskFields fields;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

TaskRecord insert_task(Connection& db, std::int64_t org_id, std::int64_t project_id,
                       const TaskFields& fields);
std::optional<TaskRecord> find_task(Connection& db, std::int64_t org_id, std::int64_t id,
                                    bool for_update = false);
PageOf<TaskRecord> list_tasks(Connection& db, std::int64_t org_id, std::int64_t project_id,
                              const Page& page);
TaskRecord update_task(Connection& db, std::int64_t org_id, std::int64_t id,
                       const TaskFields& fields);
void delete_task(Connection& db, std::int64_t org_id, std::int64_t id);
// The task `id` of `project_id`, then its predecessor, and so on: empty when
// `id` is not a task of that project.
std::vector<std::int64_t> predecessor_chain(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id, std::int64_t id);
bool has_successors(Connection& db, std::int64_t org_id, std::int64_t id);
// The whole schedule of a project as a page draws it: dated tasks by start
// and end, then the undated ones; at most kScheduleLimit tasks.
inline constexpr int kScheduleLimit = 500;
std::vector<TaskRecord> project_schedule(Connection& db, std::int64_t org_id,
                                         std::int64_t project_id);

}  // namespace construction::sql
