// /projects/{id}/daily-logs, /daily-logs/{id} and POST /daily-logs/{id}/submit:
// everyone reads them, field users write them. A log's crew comes whole
// ("crew": [{party_id, trade, headcount, hours}]) and replaces the stored
// rows; hours are a decimal like a quantity.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "domain/daily_log.hpp"
#include "domain/quantity.hpp"
#include "operations/daily_log_document.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

inline constexpr std::size_t kMaxCrewRows = 100;

std::optional<sql::CrewRow> read_crew_row(const JsonValue& item, domain::FieldErrors& errors,
                                          const std::string& prefix) {
  if (item.kind != JsonValue::Kind::object) {
    errors.add(prefix, "must be an object");
    return std::nullopt;
  }
  std::size_t before = errors.size();
  FieldReader in(item, errors, prefix + ".");
  in.require({"trade", "headcount", "hours"});
  sql::CrewRow row;
  auto party = in.nullable_id("party_id");
  if (party.present) row.party_id = party.value;
  if (auto v = in.text("trade", {100, false})) row.trade = *v;
  if (auto v = in.integer("headcount", 1, domain::kMaxHeadcount)) row.headcount = *v;
  auto hours = in.decimal("hours");
  in.finish();
  if (hours) {
    auto canonical = domain::validate_crew_hours(*hours, row.headcount, prefix + ".hours");
    if (canonical)
      row.hours = canonical.value();
    else
      errors.merge(canonical.error());
  }
  if (errors.size() != before) return std::nullopt;
  return row;
}

operations::DailyLogInput read_log(const JsonValue& body, operations::DailyLogInput input,
                                   bool creating) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  sql::DailyLogFields& f = input.fields;
  if (creating) in.require({"log_date"});
  auto log_date = in.nullable_date("log_date");
  if (log_date.value)
    f.log_date = *log_date.value;
  else if (log_date.present && !creating)
    errors.add("log_date", "must be a date written YYYY-MM-DD");
  if (auto v = in.text("weather", {200})) f.weather = *v;
  auto high = in.has("temp_high_c")
                  ? in.integer("temp_high_c", domain::kMinTemperatureC, domain::kMaxTemperatureC)
                  : f.temp_high_c;
  auto low = in.has("temp_low_c")
                 ? in.integer("temp_low_c", domain::kMinTemperatureC, domain::kMaxTemperatureC)
                 : f.temp_low_c;
  if (auto v = in.text("work_performed", {10000})) f.work_performed = *v;
  if (auto v = in.text("delays", {10000})) f.delays = *v;
  if (const JsonValue* crew = in.array("crew")) {
    if (crew->items.size() > kMaxCrewRows) {
      errors.add("crew", "must hold at most " + std::to_string(kMaxCrewRows) + " rows");
    } else {
      input.crew.emplace();
      for (std::size_t i = 0; i < crew->items.size(); ++i)
        if (auto row = read_crew_row(crew->items[i], errors, "crew[" + std::to_string(i) + "]"))
          input.crew->push_back(*row);
    }
  }
  in.finish();
  if (!errors.has("temp_low_c") && !errors.has("temp_high_c"))
    errors.merge(domain::validate_temperatures(low, high));
  f.temp_high_c = high;
  f.temp_low_c = low;
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return input;
}

// numeric(9, 3) reads back as "22.500": written as a quantity is, "22.5".
std::string canonical_hours(const std::string& stored) {
  auto hours = domain::Quantity::parse(stored);
  return hours ? hours->to_string() : stored;
}

void write_log(JsonWriter& w, const sql::DailyLogRecord& l, bool with_crew) {
  w.begin_object()
      .num("id", l.id)
      .num("project_id", l.project_id)
      .str("log_date", domain::iso_date(l.fields.log_date))
      .str("weather", l.fields.weather)
      .opt_num("temp_high_c", l.fields.temp_high_c)
      .opt_num("temp_low_c", l.fields.temp_low_c)
      .str("work_performed", l.fields.work_performed)
      .str("delays", l.fields.delays)
      .str("status", to_string(l.status))
      .opt_str("submitted_at", rfc3339(l.submitted_at));
  if (with_crew) {
    w.key("crew").begin_array();
    for (const auto& row : l.crew)
      w.begin_object()
          .opt_num("party_id", row.party_id)
          .str("trade", row.trade)
          .num("headcount", row.headcount)
          .str("hours", canonical_hours(row.hours))
          .end_object();
    w.end_array();
  }
  w.num("version", l.version)
      .str("created_at", rfc3339(l.created_at))
      .str("updated_at", rfc3339(l.updated_at))
      .end_object();
}

std::string log_json(const sql::DailyLogRecord& l) {
  JsonWriter w;
  write_log(w, l, true);
  return std::move(w).text();
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_daily_logs(db, caller.org_id, project->id, page_of(ctx));
  return ok(
      list_json(page, [](JsonWriter& w, const sql::DailyLogRecord& l) { write_log(w, l, false); }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  JsonValue body = json_body(ctx);
  auto log = operations::create_daily_log(db, caller.org_id, path_id(ctx),
                                          [&] { return read_log(body, {}, true); });
  return created(log_json(log), std::string(kApiBase) + "/daily-logs/" + std::to_string(log.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  return ok(log_json(operations::load_daily_log(db, caller.org_id, path_id(ctx))));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  JsonValue body = json_body(ctx);
  auto log = operations::change_daily_log(
      db, caller.org_id, path_id(ctx), if_match(ctx), [&](const sql::DailyLogRecord& stored) {
        return read_log(body, {stored.fields, std::nullopt}, false);
      });
  return ok(log_json(log));
}

Response submit(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  refuse_body(ctx);
  return ok(log_json(operations::submit_daily_log(db, caller.org_id, path_id(ctx))));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  operations::delete_daily_log(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

}  // namespace

void add_daily_log_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/daily-logs", domain::Permission::read_projects, list,
             "List a project's daily logs (without their crew)");
  routes.add(http::Verb::post, "/projects/{id}/daily-logs", domain::Permission::write_field_records,
             create, "Write the daily log of a day (one per project and day)");
  routes.add(http::Verb::get, "/daily-logs/{id}", domain::Permission::read_projects, show,
             "One daily log with its crew");
  routes.add(http::Verb::patch, "/daily-logs/{id}", domain::Permission::write_field_records, update,
             "Change a draft daily log; crew, when given, replaces the rows");
  routes.add(http::Verb::post, "/daily-logs/{id}/submit", domain::Permission::write_field_records,
             submit, "Submit a daily log: read-only from then on");
  routes.add(http::Verb::delete_, "/daily-logs/{id}", domain::Permission::write_field_records,
             remove, "Delete a draft daily log");
}

}  // namespace construction::api
