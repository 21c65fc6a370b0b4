// Daily logs with their crew rows: create, change, submit, delete. Each runs
// in one transaction with the log locked. One log per project and day
// (conflict; a unique index is the last word on a race); a submitted log is
// read-only (invalid_state); a crew row's party must be one of the
// organisation's (field crew[i].party_id).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sql/daily_log_store.hpp"

namespace construction::operations {

struct DailyLogInput {
  sql::DailyLogFields fields;
  std::optional<std::vector<sql::CrewRow>> crew;  // nullopt: leave as is
};

sql::DailyLogRecord create_daily_log(sql::Connection& db, std::int64_t org_id,
                                     std::int64_t project_id,
                                     const std::function<DailyLogInput()>& read);
sql::DailyLogRecord load_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id);
sql::DailyLogRecord change_daily_log(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<DailyLogInput(const sql::DailyLogRecord&)>& edit);
sql::DailyLogRecord submit_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id);
void delete_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                      std::optional<int> expected_version);

}  // namespace construction::operations
