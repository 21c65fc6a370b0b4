// The daily-log page's one query (load_daily_log_day) and the schedule's
// (project_schedule): each part of the answer in its order, nothing of
// another project or organisation.
#include <catch2/catch.hpp>

#include "sql/daily_log_store.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/task_store.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;

namespace {

std::int64_t party(sql::Connection& db, std::int64_t org, std::string_view kind,
                   const std::string& name) {
  return sql::insert_party(db, org, {*domain::parse_party_kind(kind), name, "", "", ""}).id;
}

std::int64_t project(sql::Connection& db, std::int64_t org, const std::string& number) {
  sql::ProjectFields fields;
  fields.number = number;
  fields.name = number;
  return sql::insert_project(db, org, fields).id;
}

domain::Date on(std::string_view day) {
  return *domain::parse_date(day);
}

std::int64_t log_of(sql::Connection& db, std::int64_t org, std::int64_t project,
                    const std::string& day, std::vector<sql::CrewRow> crew = {}) {
  sql::DailyLogFields fields;
  fields.log_date = *domain::parse_date(day);
  fields.weather = "Weather of " + day;
  auto log = sql::insert_daily_log(db, org, project, fields);
  sql::replace_crew(db, org, log.id, crew);
  return log.id;
}

}  // namespace

TEST_CASE("a day's log comes with its crew, the recent logs and the companies in one query",
          "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Day org").id;
  std::int64_t other_org = sql::find_or_create_organisation(db, "Other org").id;
  std::int64_t framers = party(db, org, "subcontractor", "Zed Framing");
  std::int64_t lumber = party(db, org, "vendor", "Acme Lumber");
  std::int64_t client = party(db, org, "client", "A client");
  party(db, org, "architect", "An architect");
  party(db, other_org, "subcontractor", "Not ours");
  std::int64_t job = project(db, org, "J-1");
  std::int64_t other_job = project(db, org, "J-2");
  log_of(db, org, job, "2026-11-30");
  std::int64_t day = log_of(db, org, job, "2026-12-02",
                            {{framers, "Framing", 4, "32"},
                             {client, "Owner's crew", 2, "7.5"},
                             {std::nullopt, "Labour", 1, "8"}});
  log_of(db, org, job, "2026-12-01");
  log_of(db, org, other_job, "2026-12-03");

  sql::DailyLogDay found = sql::load_daily_log_day(db, org, job, on("2026-12-02"), 2);
  REQUIRE(found.log);
  CHECK(found.log->id == day);
  CHECK(found.log->fields.weather == "Weather of 2026-12-02");
  REQUIRE(found.log->crew.size() == 3);
  CHECK(found.log->crew[0].trade == "Framing");
  CHECK(found.log->crew[1].party_id == client);
  CHECK(found.log->crew[2].hours == "8.000");
  // The two latest, newest first, with their heads and hours.
  REQUIRE(found.recent.size() == 2);
  CHECK(found.recent[0].log_date == on("2026-12-02"));
  CHECK(found.recent[0].headcount == 7);
  CHECK(found.recent[0].hours == "47.500");
  CHECK(found.recent[1].log_date == on("2026-12-01"));
  CHECK(found.recent[1].headcount == 0);
  // Subcontractors and vendors by name, and the client the crew names.
  REQUIRE(found.companies.size() == 3);
  CHECK(found.companies[0].id == client);
  CHECK(found.companies[1].id == lumber);
  CHECK(found.companies[2].id == framers);

  sql::DailyLogDay empty = sql::load_daily_log_day(db, org, job, on("2026-12-09"), 14);
  CHECK_FALSE(empty.log);
  CHECK(empty.recent.size() == 3);
  CHECK(empty.companies.size() == 2);
  CHECK(sql::crew_companies(db, org).size() == 2);
  sql::DailyLogDay foreign = sql::load_daily_log_day(db, other_org, job, on("2026-12-02"), 14);
  CHECK_FALSE(foreign.log);
  CHECK(foreign.recent.empty());
  REQUIRE(foreign.companies.size() == 1);
  CHECK(foreign.companies[0].name == "Not ours");
}

TEST_CASE("a schedule lists its dated tasks by start, then the undated ones", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Schedule org").id;
  std::int64_t job = project(db, org, "S-1");
  auto add = [&](const std::string& name, std::optional<std::string_view> start) {
    sql::TaskFields fields;
    fields.name = name;
    if (start) fields.start_date = domain::parse_date(*start);
    return sql::insert_task(db, org, job, fields).id;
  };
  add("Undated", std::nullopt);
  add("Second", "2026-12-09");
  add("First", "2026-12-01");
  add("Elsewhere", "2026-11-01");
  db.exec("UPDATE tasks SET project_id = $1 WHERE name = 'Elsewhere'", project(db, org, "S-2"));
  auto tasks = sql::project_schedule(db, org, job);
  REQUIRE(tasks.size() == 3);
  CHECK(tasks[0].fields.name == "First");
  CHECK(tasks[1].fields.name == "Second");
  CHECK(tasks[2].fields.name == "Undated");
  CHECK(sql::project_schedule(db, org + 1000, job).empty());
}
