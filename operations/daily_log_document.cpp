#include "operations/daily_log_document.hpp"

#include "domain/daily_log.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

void check_crew_parties(sql::Connection& db, std::int64_t org_id,
                        const std::optional<std::vector<sql::CrewRow>>& crew) {
  if (!crew) return;
  domain::FieldErrors errors;
  for (std::size_t i = 0; i < crew->size(); ++i) {
    const auto& row = (*crew)[i];
    if (row.party_id && !sql::find_party(db, org_id, *row.party_id))
      errors.add("crew[" + std::to_string(i) + "].party_id",
                 "must be the id of one of your organisation's parties");
  }
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

void refuse_second_log(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                       domain::Date log_date, std::int64_t except_id) {
  if (sql::daily_log_exists(db, org_id, project_id, log_date, except_id))
    throw conflict("The project already has a daily log for " + domain::iso_date(log_date));
}

sql::DailyLogRecord with_crew(sql::Connection& db, std::int64_t org_id, sql::DailyLogRecord log) {
  log.crew = sql::list_crew(db, org_id, log.id);
  return log;
}

sql::DailyLogRecord lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                               std::optional<int> expected_version) {
  auto log = sql::find_daily_log(db, org_id, id, true);
  if (!log) throw not_found();
  check_version(expected_version, log->version);
  if (auto refusal = domain::refuse_edit(log->status)) throw invalid_state(refusal->message);
  return with_crew(db, org_id, *log);
}

}  // namespace

sql::DailyLogRecord create_daily_log(sql::Connection& db, std::int64_t org_id,
                                     std::int64_t project_id,
                                     const std::function<DailyLogInput()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  DailyLogInput input = read();
  refuse_second_log(db, org_id, project->id, input.fields.log_date, 0);
  check_crew_parties(db, org_id, input.crew);
  sql::DailyLogRecord log = sql::insert_daily_log(db, org_id, project->id, input.fields);
  if (input.crew) sql::replace_crew(db, org_id, log.id, *input.crew);
  log = with_crew(db, org_id, log);
  tx.commit();
  return log;
}

sql::DailyLogRecord load_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto log = sql::find_daily_log(db, org_id, id);
  if (!log) throw not_found();
  return with_crew(db, org_id, *log);
}

sql::DailyLogRecord change_daily_log(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<DailyLogInput(const sql::DailyLogRecord&)>& edit) {
  sql::Transaction tx(db);
  sql::DailyLogRecord log = lock_draft(db, org_id, id, expected_version);
  DailyLogInput input = edit(log);
  refuse_second_log(db, org_id, log.project_id, input.fields.log_date, log.id);
  check_crew_parties(db, org_id, input.crew);
  sql::DailyLogRecord saved = sql::update_daily_log(db, org_id, log.id, input.fields);
  if (input.crew) sql::replace_crew(db, org_id, log.id, *input.crew);
  saved = with_crew(db, org_id, saved);
  tx.commit();
  return saved;
}

sql::DailyLogRecord submit_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  sql::Transaction tx(db);
  auto log = sql::find_daily_log(db, org_id, id, true);
  if (!log) throw not_found();
  auto next = domain::transition(log->status, domain::DailyLogAction::submit);
  if (!next) throw invalid_state(next.error().message);
  sql::DailyLogRecord saved = sql::set_daily_log_status(db, org_id, log->id, next.value());
  saved = with_crew(db, org_id, saved);
  tx.commit();
  return saved;
}

void delete_daily_log(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                      std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::DailyLogRecord log = lock_draft(db, org_id, id, expected_version);
  sql::delete_daily_log(db, org_id, log.id);
  tx.commit();
}

}  // namespace construction::operations
