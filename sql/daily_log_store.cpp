#include "sql/daily_log_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kToday =
    "SELECT l.id, l.status, "
    "(SELECT coalesce(sum(c.headcount), 0) FROM daily_log_crew c "
    " WHERE c.org_id = l.org_id AND c.daily_log_id = l.id)::integer AS headcount, "
    "p.id AS project_id, p.number AS project_number, p.name AS project_name "
    "FROM daily_logs l JOIN projects p ON p.org_id = l.org_id AND p.id = l.project_id "
    "WHERE l.org_id = $1 AND l.log_date = current_date ORDER BY p.number, l.id";

#define LOG_COLUMNS \
  "id, project_id, " SQL_UNIX_DAYS("log_date") " AS log_date, weather, temp_high_c, "        \
  "temp_low_c, work_performed, delays, status, "                                             \
  "CASE WHEN submitted_at IS NULL THEN NULL ELSE " SQL_UNIX_SECONDS("submitted_at") " END "  \
  "AS submitted_at, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "             \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO daily_logs (org_id, project_id, log_date, weather, temp_high_c, temp_low_c, "
    "work_performed, delays) VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8) "
    "RETURNING " LOG_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " LOG_COLUMNS " FROM daily_logs WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " LOG_COLUMNS " FROM daily_logs WHERE org_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kList = "SELECT " LOG_COLUMNS
                                   " FROM daily_logs WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kExists =
    "SELECT EXISTS (SELECT 1 FROM daily_logs WHERE org_id = $1 AND project_id = $2 "
    "AND log_date = $3::date AND id <> $4) AS present";
constexpr std::string_view kUpdate =
    "UPDATE daily_logs SET log_date = $3::date, weather = $4, temp_high_c = $5, "
    "temp_low_c = $6, work_performed = $7, delays = $8, version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " LOG_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE daily_logs SET status = $3, "
    "submitted_at = CASE WHEN $3 = 'submitted' THEN now() END, version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " LOG_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM daily_logs WHERE org_id = $1 AND id = $2";
constexpr std::string_view kListCrew =
    "SELECT party_id, trade, headcount, hours::text AS hours FROM daily_log_crew "
    "WHERE org_id = $1 AND daily_log_id = $2 ORDER BY position";
constexpr std::string_view kDeleteCrew =
    "DELETE FROM daily_log_crew WHERE org_id = $1 AND daily_log_id = $2";
constexpr std::string_view kInsertCrew =
    "INSERT INTO daily_log_crew (org_id, daily_log_id, position, party_id, trade, headcount, "
    "hours) VALUES ($1, $2, $3, $4, $5, $6, $7::numeric)";

// Three parts in one answer, told apart by `part`: 1 the day's log (a row per
// crew row), 2 the recent logs, 3 the companies. Columns a part has no use
// for are NULL.
#define COMPANIES_WHERE                                                          \
  "p.org_id = $1 AND (p.kind IN ('subcontractor', 'vendor') OR p.id IN "         \
  "(SELECT c.party_id FROM daily_log_crew c JOIN daily_logs d ON d.org_id = $1 " \
  "AND d.id = c.daily_log_id WHERE c.org_id = $1 AND d.project_id = $2 AND "     \
  "d.log_date = $3::date))"
constexpr std::string_view kDay =
    "WITH day AS (SELECT " LOG_COLUMNS
    " FROM daily_logs WHERE org_id = $1 AND project_id = $2 AND log_date = $3::date), "
    "recent AS (SELECT id, " SQL_UNIX_DAYS("log_date") " AS log_date, status FROM daily_logs "
    "WHERE org_id = $1 AND project_id = $2 ORDER BY daily_logs.log_date DESC LIMIT $4) "
    "SELECT 1 AS part, d.id, d.project_id, d.log_date, d.weather, d.temp_high_c, d.temp_low_c, "
    "d.work_performed, d.delays, d.status, d.submitted_at, d.version, d.created_at, "
    "d.updated_at, c.position, c.party_id, c.trade, c.headcount, c.hours::text AS hours, "
    "NULL::text AS name FROM day d LEFT JOIN daily_log_crew c ON c.org_id = $1 "
    "AND c.daily_log_id = d.id "
    "UNION ALL SELECT 2, r.id, NULL, r.log_date, NULL, NULL, NULL, NULL, NULL, r.status, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, "
    "(SELECT coalesce(sum(c.headcount), 0) FROM daily_log_crew c WHERE c.org_id = $1 "
    "AND c.daily_log_id = r.id)::integer, "
    "(SELECT coalesce(sum(c.hours), 0) FROM daily_log_crew c WHERE c.org_id = $1 "
    "AND c.daily_log_id = r.id)::text, NULL FROM recent r "
    "UNION ALL SELECT 3, p.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.name FROM parties p WHERE " COMPANIES_WHERE
    " ORDER BY part, position, log_date DESC, name, id";
constexpr std::string_view kCompanies =
    "SELECT p.id, p.name FROM parties p WHERE p.org_id = $1 "
    "AND p.kind IN ('subcontractor', 'vendor') ORDER BY p.name, p.id";

#undef COMPANIES_WHERE
#undef LOG_COLUMNS

DailyLogRecord log_from(const Row& row) {
  DailyLogRecord l;
  l.id = row["id"].int64();
  l.project_id = row["project_id"].int64();
  l.fields = {row["log_date"].date(),
              row["weather"].string(),
              row["temp_high_c"].optional_int64(),
              row["temp_low_c"].optional_int64(),
              row["work_performed"].string(),
              row["delays"].string()};
  l.status = row["status"].named(domain::parse_daily_log_status);
  l.submitted_at = row["submitted_at"].optional_timestamp();
  l.version = row["version"].int32();
  l.created_at = row["created_at"].timestamp();
  l.updated_at = row["updated_at"].timestamp();
  return l;
}

}  // namespace

DailyLogRecord insert_daily_log(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                const DailyLogFields& f) {
  return log_from(db.exec(kInsert, org_id, project_id, f.log_date, f.weather, f.temp_high_c,
                          f.temp_low_c, f.work_performed, f.delays)
                      .single_row());
}

std::optional<DailyLogRecord> find_daily_log(Connection& db, std::int64_t org_id, std::int64_t id,
                                             bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return log_from(result[0]);
}

PageOf<DailyLogRecord> list_daily_logs(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                       const Page& page) {
  std::vector<DailyLogRecord> rows;
  for (Row row : db.exec(kList, org_id, project_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(log_from(row));
  return trim_page(std::move(rows), page);
}

bool daily_log_exists(Connection& db, std::int64_t org_id, std::int64_t project_id,
                      domain::Date log_date, std::int64_t except_id) {
  return db.exec(kExists, org_id, project_id, log_date, except_id)
      .single_row()["present"]
      .boolean();
}

DailyLogRecord update_daily_log(Connection& db, std::int64_t org_id, std::int64_t id,
                                const DailyLogFields& f) {
  return log_from(db.exec(kUpdate, org_id, id, f.log_date, f.weather, f.temp_high_c, f.temp_low_c,
                          f.work_performed, f.delays)
                      .single_row());
}

DailyLogRecord set_daily_log_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                    domain::DailyLogStatus status) {
  return log_from(db.exec(kSetStatus, org_id, id, status).single_row());
}

void delete_daily_log(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

DailyLogDay load_daily_log_day(Connection& db, std::int64_t org_id, std::int64_t project_id,
                               domain::Date log_date, int recent) {
  DailyLogDay day;
  for (Row row : db.exec(kDay, org_id, project_id, log_date, recent)) {
    switch (row["part"].int32()) {
      case 1:
        if (!day.log) day.log = log_from(row);
        if (row["position"].optional_int64())
          day.log->crew.push_back({row["party_id"].optional_int64(), row["trade"].string(),
                                   row["headcount"].int64(), row["hours"].string()});
        break;
      case 2:
        day.recent.push_back({row["id"].int64(), row["log_date"].date(),
                              row["status"].named(domain::parse_daily_log_status),
                              row["headcount"].int64(), row["hours"].string()});
        break;
      default:
        day.companies.push_back({row["id"].int64(), row["name"].string()});
    }
  }
  return day;
}

std::vector<CrewCompany> crew_companies(Connection& db, std::int64_t org_id) {
  std::vector<CrewCompany> companies;
  for (Row row : db.exec(kCompanies, org_id))
    companies.push_back({row["id"].int64(), row["name"].string()});
  return companies;
}

std::vector<CrewRow> list_crew(Connection& db, std::int64_t org_id, std::int64_t daily_log_id) {
  std::vector<CrewRow> crew;
  for (Row row : db.exec(kListCrew, org_id, daily_log_id))
    crew.push_back({row["party_id"].optional_int64(), row["trade"].string(),
                    row["headcount"].int64(), row["hours"].string()});
  return crew;
}

void replace_crew(Connection& db, std::int64_t org_id, std::int64_t daily_log_id,
                  const std::vector<CrewRow>& crew) {
  db.exec(kDeleteCrew, org_id, daily_log_id);
  for (std::size_t i = 0; i < crew.size(); ++i)
    db.exec(kInsertCrew, org_id, daily_log_id, static_cast<std::int64_t>(i + 1), crew[i].party_id,
            crew[i].trade, crew[i].headcount, crew[i].hours);
}

Query<std::vector<DayLog>> todays_daily_logs_query(std::int64_t org_id) {
  return make_query<std::vector<DayLog>>(
      kToday,
      [](const Result& result) {
        std::vector<DayLog> logs;
        for (Row row : result)
          logs.push_back({row["id"].int64(), row["status"].named(domain::parse_daily_log_status),
                          row["headcount"].int32(), project_name_from(row)});
        return logs;
      },
      org_id);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements daily_log_store_statements() {
  return {"daily_log_store",
          {SQL_NAMED(kToday), SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kList), SQL_NAMED(kExists), SQL_NAMED(kUpdate), SQL_NAMED(kSetStatus),
           SQL_NAMED(kDelete), SQL_NAMED(kListCrew), SQL_NAMED(kDeleteCrew), SQL_NAMED(kInsertCrew),
           SQL_NAMED(kDay), SQL_NAMED(kCompanies)}};
}

}  // namespace construction::sql
