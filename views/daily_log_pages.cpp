// The project's Daily logs tab (/projects/{id}/daily-logs?date=YYYY-MM-DD):
// the log of one day, made for a phone: weather, temperatures, the work
// performed, delays and the crews on site, rows added in place with htmx
// (GET …/daily-logs/crew-row). A draft is a form (save, or submit); a
// submitted log is read-only; a second log for a day is refused (409) and the
// day's log shown. The latest logs are listed to move between days. The rules
// are operations/daily_log_document's, the form's typing is the page's.
#include <chrono>
#include <set>

#include "domain/daily_log.hpp"
#include "domain/quantity.hpp"
#include "operations/daily_log_document.hpp"
#include "operations/refusal.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

constexpr int kRecentLogs = 14;
constexpr std::size_t kMaxCrewRows = 100;

// What the day shows besides the stored log: what was typed, its mistakes,
// and a message above it (a refused second log).
struct DayForm {
  bool typed = false;
  domain::FieldErrors errors;
  std::string notice;
};

// The page's data in one query (the project is known already).
sql::DailyLogDay load_day(PageContext& page, std::int64_t project_id, domain::Date day) {
  return sql::load_daily_log_day(page.db, page.org_id(), project_id, day, kRecentLogs);
}

domain::Date this_day() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

// The day of ?date=, or today (UTC).
domain::Date chosen_day(const PageContext& page) {
  auto text = page.http.query_value("date");
  auto day = text ? domain::parse_date(*text) : std::nullopt;
  return day ? *day : this_day();
}

// "Wednesday, Dec 2, 2026".
std::string long_date(domain::Date day, bool short_weekday = false) {
  static constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
  std::string weekday = kDays[std::chrono::weekday(day).c_encoding()];
  if (short_weekday) weekday = weekday.substr(0, 3);
  return weekday + ", " + date(day);
}

std::string hours_text(const std::string& stored) {
  auto hours = domain::Quantity::parse(stored);
  return hours ? hours->to_string() : stored;
}

// ---- crew rows as the form names them: crew_{n}_trade, …

std::vector<int> typed_crew_rows(const PageContext& page) {
  std::set<int> rows;
  for (const auto& [name, value] : page.form) {
    if (!name.starts_with("crew_")) continue;
    auto n = whole_number(name.substr(5, name.find('_', 5) - 5));
    if (n && *n >= 0 && *n < 1000) rows.insert(static_cast<int>(*n));
  }
  return {rows.begin(), rows.end()};
}

std::string crew_field(int n, const char* name) {
  return "crew_" + std::to_string(n) + "_" + name;
}

List company_options(const std::vector<sql::CrewCompany>& companies, const std::string& selected) {
  List options;
  for (const auto& c : companies) {
    Object option{{"value", std::to_string(c.id)}, {"label", c.name}};
    if (std::to_string(c.id) == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

struct CrewValues {
  std::string party_id, trade, headcount, hours;
};

std::string crew_row(const PageContext& page, int n, const CrewValues& v,
                     const std::vector<sql::CrewCompany>& companies,
                     const domain::FieldErrors& errors) {
  Object row_errors;
  for (const char* field : {"party_id", "trade", "headcount", "hours"})
    if (auto message = errors.message(crew_field(n, field))) row_errors.emplace(field, *message);
  return page.render("daily_logs/crew_row",
                     Object{{"n", std::to_string(n)},
                            {"companies", company_options(companies, v.party_id)},
                            {"trade", v.trade},
                            {"headcount", v.headcount},
                            {"hours", v.hours},
                            {"errors", row_errors}});
}

std::string add_crew_button(const PageContext& page, std::int64_t project_id, int n, bool oob) {
  Data data = Object{{"project_id", std::to_string(project_id)}, {"n", std::to_string(n)}};
  if (oob) data.set("oob", true);
  return page.render("daily_logs/add_crew", data);
}

// The log the form describes, over `input` (the stored log's, or a new one);
// a Refusal with every mistake the page can see.
operations::DailyLogInput log_from_form(const PageContext& page, operations::DailyLogInput input,
                                        std::vector<int>& kept_rows) {
  domain::FieldErrors errors;
  sql::DailyLogFields& f = input.fields;
  auto text = [&](const char* field, std::size_t limit) {
    std::string value = page.field(field);
    if (domain::count_characters(value) > limit)
      errors.add(field, "must be at most " + std::to_string(limit) + " characters");
    return value;
  };
  auto temperature = [&](const char* field) -> std::optional<std::int64_t> {
    std::string value = page.field(field);
    if (domain::is_blank(value)) return std::nullopt;
    auto t = whole_number(value);
    if (!t || *t < domain::kMinTemperatureC || *t > domain::kMaxTemperatureC) {
      errors.add(field, "must be a whole number of degrees from -60 to 60");
      return std::nullopt;
    }
    return t;
  };
  f.weather = text("weather", 200);
  f.work_performed = text("work_performed", 10000);
  f.delays = text("delays", 10000);
  f.temp_high_c = temperature("temp_high_c");
  f.temp_low_c = temperature("temp_low_c");
  if (!errors.has("temp_high_c") && !errors.has("temp_low_c") && f.temp_low_c && f.temp_high_c &&
      *f.temp_low_c > *f.temp_high_c)
    errors.add("temp_low_c", "must not be above the high");

  input.crew.emplace();
  kept_rows.clear();
  for (int n : typed_crew_rows(page)) {
    std::string party = page.field(crew_field(n, "party_id"));
    std::string trade = page.field(crew_field(n, "trade"));
    std::string headcount = page.field(crew_field(n, "headcount"));
    std::string hours = page.field(crew_field(n, "hours"));
    if (party.empty() && domain::is_blank(trade) && domain::is_blank(headcount) &&
        domain::is_blank(hours))
      continue;
    sql::CrewRow row;
    if (!party.empty()) {
      auto id = whole_number(party);
      if (id && *id > 0)
        row.party_id = id;
      else
        errors.add(crew_field(n, "party_id"), "must be one of the listed companies");
    }
    row.trade = trade;
    if (domain::is_blank(trade))
      errors.add(crew_field(n, "trade"), "is required");
    else if (domain::count_characters(trade) > 100)
      errors.add(crew_field(n, "trade"), "must be at most 100 characters");
    auto heads = whole_number(headcount);
    if (heads && *heads >= 1 && *heads <= domain::kMaxHeadcount)
      row.headcount = *heads;
    else
      errors.add(crew_field(n, "headcount"), "must be a whole number from 1 to 1000");
    if (domain::is_blank(hours)) {
      errors.add(crew_field(n, "hours"), "is required: the hours of all heads together");
    } else {
      auto canonical = domain::validate_crew_hours(hours, row.headcount, crew_field(n, "hours"));
      if (canonical)
        row.hours = canonical.value();
      else
        errors.merge(canonical.error());
    }
    input.crew->push_back(row);
    kept_rows.push_back(n);
  }
  if (input.crew->size() > kMaxCrewRows)
    errors.add("work_performed", "cannot go with more than 100 crew rows");
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return input;
}

// The operation names a crew row by its place among the kept rows
// ("crew[1].party_id"); the form by its own number ("crew_3_party_id").
domain::FieldErrors form_errors(const domain::FieldErrors& errors, const std::vector<int>& kept) {
  domain::FieldErrors renamed;
  for (const auto& [field, message] : errors.fields()) {
    std::string name = field;
    if (name.starts_with("crew[")) {
      auto close = name.find(']');
      auto i = whole_number(name.substr(5, close - 5));
      if (i && *i >= 0 && static_cast<std::size_t>(*i) < kept.size() && close + 2 <= name.size())
        name = crew_field(kept[static_cast<std::size_t>(*i)], name.substr(close + 2).c_str());
    }
    renamed.add(name, message);
  }
  return renamed;
}

// ---- the day

std::string log_form(PageContext& page, std::int64_t project_id, domain::Date day,
                     const sql::DailyLogRecord* log, const std::vector<sql::CrewCompany>& companies,
                     const DayForm& form) {
  const sql::DailyLogFields empty;
  const sql::DailyLogFields& f = log ? log->fields : empty;
  auto value = [&](const char* field, const std::string& saved) {
    return form.typed ? page.field(field) : saved;
  };
  auto number = [](const std::optional<std::int64_t>& n) {
    return n ? std::to_string(*n) : std::string();
  };
  std::string rows;
  int next = 0;
  if (form.typed) {
    for (int n : typed_crew_rows(page)) {
      rows += crew_row(page, n,
                       {page.field(crew_field(n, "party_id")), page.field(crew_field(n, "trade")),
                        page.field(crew_field(n, "headcount")), page.field(crew_field(n, "hours"))},
                       companies, form.errors);
      next = n + 1;
    }
  } else if (log && !log->crew.empty()) {
    for (const auto& c : log->crew) {
      rows += crew_row(page, next,
                       {c.party_id ? std::to_string(*c.party_id) : "", c.trade,
                        std::to_string(c.headcount), hours_text(c.hours)},
                       companies, {});
      ++next;
    }
  }
  if (rows.empty()) rows = crew_row(page, next++, {}, companies, {});
  Data data = Object{{"action", log ? "/daily-logs/" + std::to_string(log->id)
                                    : "/projects/" + std::to_string(project_id) + "/daily-logs"},
                     {"csrf", page.csrf()},
                     {"weather", value("weather", f.weather)},
                     {"temp_high_c", value("temp_high_c", number(f.temp_high_c))},
                     {"temp_low_c", value("temp_low_c", number(f.temp_low_c))},
                     {"work_performed", value("work_performed", f.work_performed)},
                     {"delays", value("delays", f.delays)},
                     {"crew_rows", rows},
                     {"add_crew", add_crew_button(page, project_id, next, false)},
                     {"errors", error_data(form.errors)}};
  // The version the form was made at: what was posted, when it shows that.
  std::string version = form.typed ? page.field("version")
                        : log      ? std::to_string(log->version)
                                   : "";
  if (!version.empty()) data.set("version", version);
  if (!log) data.set("log_date", domain::iso_date(day));
  return page.render("daily_logs/form", data);
}

std::string log_view(PageContext& page, const sql::DailyLogRecord& log,
                     const std::vector<sql::CrewCompany>& companies) {
  List crew;
  std::int64_t heads = 0, thousandths = 0;
  for (const auto& c : log.crew) {
    std::string company = "Own forces";
    for (const auto& known : companies)
      if (c.party_id && known.id == *c.party_id) company = known.name;
    crew.push_back(Object{{"company", company},
                          {"trade", c.trade},
                          {"headcount", std::to_string(c.headcount)},
                          {"hours", hours_text(c.hours)}});
    heads += c.headcount;
    if (auto h = domain::Quantity::parse(c.hours)) thousandths += h->thousandths();
  }
  const auto& f = log.fields;
  std::string temperatures =
      (f.temp_high_c ? std::to_string(*f.temp_high_c) + " °C" : std::string("–")) + " / " +
      (f.temp_low_c ? std::to_string(*f.temp_low_c) + " °C" : std::string("–"));
  Data data = Object{{"temperatures", temperatures},
                     {"crew", crew},
                     {"total_headcount", std::to_string(heads)},
                     {"total_hours", domain::Quantity::from_thousandths(thousandths).to_string()},
                     {"workers", heads == 1 ? "worker" : "workers"}};
  if (log.submitted_at)
    data.set("submitted",
             date(*log.submitted_at) + " at " + time_of_day(*log.submitted_at) + " UTC");
  set_text(data, "weather", f.weather);
  set_text(data, "work_performed", f.work_performed);
  set_text(data, "delays", f.delays);
  if (!log.crew.empty()) data.set("has_crew", true);
  return page.render("daily_logs/show", data);
}

std::string render_day(PageContext& page, std::int64_t project_id, domain::Date day,
                       const sql::DailyLogDay& loaded, const DayForm& form) {
  bool can_write = page.may(domain::Permission::write_field_records);
  const sql::DailyLogRecord* log = loaded.log ? &*loaded.log : nullptr;
  std::string html;
  if (log && log->status == domain::DailyLogStatus::submitted)
    html = log_view(page, *log, loaded.companies);
  else if (can_write)
    html = log_form(page, project_id, day, log, loaded.companies, form);
  else if (log)
    html = log_view(page, *log, loaded.companies);
  else
    html = "<p class=\"empty\">No daily log for this day.</p>";
  List recent;
  for (const auto& r : loaded.recent) {
    Object item{
        {"project_id", std::to_string(project_id)},
        {"date", domain::iso_date(r.log_date)},
        {"label", long_date(r.log_date, true)},
        {"status", std::string(to_string(r.status))},
        {"status_label", label(r.status)},
        {"crew", std::to_string(r.headcount) + (r.headcount == 1 ? " worker · " : " workers · ") +
                     hours_text(r.hours) + " h"}};
    if (r.log_date == day) item["current"] = true;
    recent.push_back(item);
  }
  Data data = Object{{"project_id", std::to_string(project_id)},
                     {"date", domain::iso_date(day)},
                     {"day_title", long_date(day) + (day == this_day() ? " (today)" : "")},
                     {"day", html},
                     {"recent", recent}};
  if (log) {
    data.set("status", std::string(to_string(log->status)));
    data.set("status_label", label(log->status));
  }
  set_text(data, "notice", form.notice);
  if (!recent.empty()) data.set("has_recent", true);
  return page.render("daily_logs/tab", data);
}

std::string day_tab(PageContext& page, std::int64_t project_id, domain::Date day,
                    const DayForm& form) {
  return render_day(page, project_id, day, load_day(page, project_id, day), form);
}

// After a change: the day again (htmx) with the flash, or 303 back to it.
http::Response day_changed(PageContext& page, const sql::ProjectRecord& project, domain::Date day,
                           const std::string& message) {
  if (!page.hx)
    return page.redirect(
        "/projects/" + std::to_string(project.id) + "/daily-logs?date=" + domain::iso_date(day),
        message);
  page.form.clear();
  page.flash = message;
  return project_page(page, project, kDailyLogsTab, day_tab(page, project.id, day, {}));
}

// Saved, and submitted when the Submit button sent the form.
http::Response saved(PageContext& page, const sql::ProjectRecord& project,
                     const sql::DailyLogRecord& log) {
  std::string day = long_date(log.fields.log_date);
  if (page.field("then") == "submit") {
    operations::submit_daily_log(page.db, page.org_id(), log.id);
    return day_changed(page, project, log.fields.log_date,
                       "Daily log for " + day + " submitted: it is read-only now.");
  }
  return day_changed(page, project, log.fields.log_date,
                     "Daily log for " + day + " saved as a draft.");
}

// ---- handlers

http::Response create(PageContext& page) {
  sql::ProjectRecord project = find_project(page);
  std::optional<domain::Date> day = domain::parse_date(page.field("log_date"));
  std::vector<int> kept;
  auto create = [&] {
    if (!day) throw operations::field_error("log_date", "is not a date");
    sql::DailyLogRecord log = operations::create_daily_log(page.db, page.org_id(), project.id, [&] {
      operations::DailyLogInput input;
      input.fields.log_date = *day;
      return log_from_form(page, input, kept);
    });
    return saved(page, project, log);
  };
  return submit_form(
      create,
      {.invalid =
           [&](const domain::FieldErrors& errors) {
             DayForm form{true, form_errors(errors, kept), "The log was not saved: see below."};
             return project_page(page, project, kDailyLogsTab,
                                 day_tab(page, project.id, day.value_or(this_day()), form), 422);
           },
       .conflict =
           [&](const std::string&) {
             DayForm form;
             form.notice = "A daily log for " + long_date(*day) +
                           " was already filed (shown below); one day has one log. What you "
                           "typed was not saved: add it to this log.";
             return project_page(page, project, kDailyLogsTab,
                                 day_tab(page, project.id, *day, form), 409);
           }});
}

http::Response save(PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  auto stored = sql::find_daily_log(page.db, page.org_id(), *id);
  if (!stored) throw operations::not_found();
  auto project = sql::find_project(page.db, page.org_id(), stored->project_id);
  if (!project) throw operations::not_found();
  std::vector<int> kept;
  auto save = [&] {
    sql::DailyLogRecord log = operations::change_daily_log(
        page.db, page.org_id(), stored->id, form_version(page),
        [&](const sql::DailyLogRecord& current) {
          return log_from_form(page, {current.fields, std::nullopt}, kept);
        });
    return saved(page, *project, log);
  };
  return submit_form(
      save,
      {.invalid =
           [&](const domain::FieldErrors& errors) {
             DayForm form{true, form_errors(errors, kept), "The log was not saved: see below."};
             return project_page(page, *project, kDailyLogsTab,
                                 day_tab(page, project->id, stored->fields.log_date, form), 422);
           },
       .stale =
           [&] {
             page.form.clear();
             return project_page(page, *project, kDailyLogsTab,
                                 day_tab(page, project->id, stored->fields.log_date,
                                         {false, {}, stale_message("daily log")}),
                                 409);
           }});
}

http::Response crew_row_fragment(PageContext& page) {
  sql::ProjectRecord project = find_project(page);
  if (!page.hx) return page.redirect("/projects/" + std::to_string(project.id) + "/daily-logs");
  auto n = whole_number(page.http.query_value("n").value_or("0"));
  int row = n && *n >= 0 && *n < 1000 ? static_cast<int>(*n) : 0;
  return page.fragment(crew_row(page, row, {}, sql::crew_companies(page.db, page.org_id()), {}) +
                       add_crew_button(page, project.id, row + 1, true));
}

// ?date=YYYY-MM-DD chooses the day (today, UTC, without it).
std::string daily_logs_tab(PageContext& page, const sql::ProjectRecord& project) {
  return day_tab(page, project.id, chosen_day(page), {});
}

}  // namespace

const ProjectTab kDailyLogsTab{"daily-logs", "Daily logs", false, daily_logs_tab};

void add_daily_log_routes(PageRoutes& routes) {
  routes.add_project_page(
      http::Verb::get, "/projects/{id}/daily-logs", kMember,
      [](PageContext& page) { return show_tab(page, kDailyLogsTab); },
      "A project: its Daily logs tab");
  routes.add(http::Verb::post, "/projects/{id}/daily-logs", kWriteFieldRecords, create,
             "Write the daily log of a day");
  routes.add(http::Verb::get, "/projects/{id}/daily-logs/crew-row", kWriteFieldRecords,
             crew_row_fragment, "A blank crew row for the daily log's form");
  routes.add(http::Verb::post, "/daily-logs/{id}", kWriteFieldRecords, save,
             "Save a draft daily log, or submit it");
}

}  // namespace construction::views
