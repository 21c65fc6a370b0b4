// Daily logs and their crew rows. A log's crew is written whole: replacing
// it deletes the rows and inserts the new ones, in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/daily_log.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/project_store.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct CrewRow {
  std::optional<std::int64_t> party_id;
  std::string trade;
  std::int64_t headcount = 1;
  std::string hours;  // decimal text, ≤ 3 decimals
};

struct DailyLogFields {
  domain::Date log_date{};
  std::string weather;
  std::optional<std::int64_t> temp_high_c;
  std::optional<std::int64_t> temp_low_c;
  std::string work_performed;
  std::string delays;
};

struct DailyLogRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  DailyLogFields fields;
  domain::DailyLogStatus status = domain::DailyLogStatus::draft;
  std::optional<domain::Timestamp> submitted_at;
  std::vector<CrewRow> crew;  // filled by the *_with_crew reads
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

DailyLogRecord insert_daily_log(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                const DailyLogFields& fields);
std::optional<DailyLogRecord> find_daily_log(Connection& db, std::int64_t org_id, std::int64_t id,
                                             bool for_update = false);
PageOf<DailyLogRecord> list_daily_logs(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                       const Page& page);
bool daily_log_exists(Connection& db, std::int64_t org_id, std::int64_t project_id,
                      domain::Date log_date, std::int64_t except_id);
DailyLogRecord update_daily_log(Connection& db, std::int64_t org_id, std::int64_t id,
                                const DailyLogFields& fields);
// A project's daily log of one day, as the dashboard lists it.
struct DayLog {
  std::int64_t id = 0;
  domain::DailyLogStatus status = domain::DailyLogStatus::draft;
  int headcount = 0;  // Σ the crew rows' headcounts
  ProjectName project;
};
// The organisation's daily logs dated today (the database's date).
Query<std::vector<DayLog>> todays_daily_logs_query(std::int64_t org_id);

DailyLogRecord set_daily_log_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                    domain::DailyLogStatus status);
void delete_daily_log(Connection& db, std::int64_t org_id, std::int64_t id);
// What the daily-log page shows for one day, read in one query: the day's
// log with its crew, the latest logs (newest first, with their crew's
// heads and hours), and the companies a crew row may name (subcontractors
// and vendors by name, and any other party the day's crew names).
struct DailyLogSummary {
  std::int64_t id = 0;
  domain::Date log_date{};
  domain::DailyLogStatus status = domain::DailyLogStatus::draft;
  std::int64_t headcount = 0;
  std::string hours;  // decimal text
};
struct CrewCompany {
  std::int64_t id = 0;
  std::string name;
};
struct DailyLogDay {
  std::optional<DailyLogRecord> log;
  std::vector<DailyLogSummary> recent;
  std::vector<CrewCompany> companies;
};
DailyLogDay load_daily_log_day(Connection& db, std::int64_t org_id, std::int64_t project_id,
                               domain::Date log_date, int recent);
// The companies alone, for a new crew row.
std::vector<CrewCompany> crew_companies(Connection& db, std::int64_t org_id);

std::vector<CrewRow> list_crew(Connection& db, std::int64_t org_id, std::int64_t daily_log_id);
void replace_crew(Connection& db, std::int64_t org_id, std::int64_t daily_log_id,
                  const std::vector<CrewRow>& crew);

}  // namespace construction::sql
