// The project's Schedule tab (/projects/{id}/schedule): its tasks with their
// dates, percent complete and the task each follows, a timeline drawn as
// SVG (views/timeline.hpp) with today's line, and a form to add a task.
// A task is edited in place: its row becomes a form (GET /tasks/{id}/edit,
// or ?edit={id} without JavaScript); a save re-renders the whole tab, since
// the timeline moves with it. The rules are operations/task_schedule's: a
// predecessor of the same project, no cycle (422 beside the field), no
// deleting a task others follow (409).
#include "domain/task.hpp"
#include "operations/refusal.hpp"
#include "operations/task_schedule.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"
#include "views/stale_form.hpp"
#include "views/timeline.hpp"

namespace construction::views {

namespace {

constexpr int kRowHeight = 44;     // px: a task's label and its bar
constexpr int kHeaderHeight = 20;  // px: the tick labels
constexpr int kFooterHeight = 22;  // px: "Today"

// What the tab shows besides the stored tasks: a row opened as a form, the
// add form's mistakes, whether the forms show what was typed, and the
// message over a task someone else changed.
struct ScheduleForm {
  std::optional<std::int64_t> editing;
  domain::FieldErrors errors;
  bool typed = false;
  std::string stale;
};

// The page's data in one query (the project is known already).
std::vector<sql::TaskRecord> load_schedule(PageContext& page, std::int64_t project_id) {
  return sql::project_schedule(page.db, page.org_id(), project_id);
}

// A stored date as the form's date input holds it: "2026-12-02", or empty.
std::string form_date(const std::optional<domain::Date>& day) {
  return day ? domain::iso_date(*day) : std::string();
}

bool late(const sql::TaskRecord& task, domain::Date today) {
  return task.fields.end_date && *task.fields.end_date < today &&
         task.fields.percent_complete < domain::kMaxPercentComplete;
}

std::string task_name(const std::vector<sql::TaskRecord>& tasks, std::optional<std::int64_t> id) {
  if (!id) return {};
  for (const auto& t : tasks)
    if (t.id == *id) return t.fields.name;
  return {};
}

// ---- the form

std::string task_fields(const PageContext& page, const std::vector<sql::TaskRecord>& tasks,
                        const sql::TaskRecord* stored, const ScheduleForm& form,
                        const std::string& prefix) {
  auto value = [&](const char* field, const std::string& saved) {
    return form.typed ? page.field(field) : saved;
  };
  std::string predecessor =
      value("predecessor_id", stored && stored->fields.predecessor_id
                                  ? std::to_string(*stored->fields.predecessor_id)
                                  : "");
  List options;
  for (const auto& t : tasks) {
    if (stored && t.id == stored->id) continue;
    Object option{{"value", std::to_string(t.id)}, {"label", t.fields.name}};
    if (std::to_string(t.id) == predecessor) option["selected"] = true;
    options.push_back(option);
  }
  const sql::TaskFields empty;
  const sql::TaskFields& f = stored ? stored->fields : empty;
  return page.render(
      "schedule/task_fields",
      Object{{"p", prefix},
             {"csrf", page.csrf()},
             {"name", value("name", f.name)},
             {"start_date", value("start_date", form_date(f.start_date))},
             {"end_date", value("end_date", form_date(f.end_date))},
             {"percent_complete", value("percent_complete", std::to_string(f.percent_complete))},
             {"predecessors", options},
             {"errors", error_data(form.errors)}});
}

std::string edit_row(const PageContext& page, const std::vector<sql::TaskRecord>& tasks,
                     const sql::TaskRecord& task, const ScheduleForm& form) {
  std::string prefix = "task-" + std::to_string(task.id) + "-";
  Data data = Object{{"id", std::to_string(task.id)},
                     {"project_id", std::to_string(task.project_id)},
                     {"version", form.typed ? page.field("version") : std::to_string(task.version)},
                     {"fields", task_fields(page, tasks, &task, form, prefix)}};
  set_text(data, "stale", form.stale);
  return page.render("schedule/task_edit", data);
}

// The task the form describes, over `task` (the stored one, or a new one);
// a Refusal with every mistake the page can see (the operation adds the
// predecessor's).
sql::TaskFields task_from_form(const PageContext& page, sql::TaskFields task) {
  domain::FieldErrors errors;
  task.name = page.field("name");
  if (domain::is_blank(task.name))
    errors.add("name", "is required");
  else if (domain::count_characters(task.name) > 200)
    errors.add("name", "must be at most 200 characters");
  auto read_date = [&](const char* field) -> std::optional<domain::Date> {
    std::string text = page.field(field);
    if (text.empty()) return std::nullopt;
    auto day = domain::parse_date(text);
    if (!day) errors.add(field, "must be a date such as 2026-12-02");
    return day;
  };
  task.start_date = read_date("start_date");
  task.end_date = read_date("end_date");
  if (!errors.has("start_date") && !errors.has("end_date") && task.start_date && task.end_date &&
      *task.end_date < *task.start_date)
    errors.add("end_date", "must not be before the start, " + date(*task.start_date));
  std::string percent = page.field("percent_complete");
  auto done = percent.empty() ? std::optional<std::int64_t>(0) : whole_number(percent);
  if (done && *done >= 0 && *done <= domain::kMaxPercentComplete)
    task.percent_complete = *done;
  else
    errors.add("percent_complete", "must be a whole number from 0 to 100");
  std::string predecessor = page.field("predecessor_id");
  task.predecessor_id.reset();
  if (!predecessor.empty()) {
    auto id = whole_number(predecessor);
    if (id && *id > 0)
      task.predecessor_id = id;
    else
      errors.add("predecessor_id", "must be one of this project's tasks");
  }
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return task;
}

// ---- the tab

Data timeline_data(const std::vector<sql::TaskRecord>& tasks, domain::Date today) {
  std::vector<TimelineTask> dates;
  for (const auto& t : tasks)
    dates.push_back(
        {t.fields.start_date, t.fields.end_date, static_cast<int>(t.fields.percent_complete)});
  Timeline timeline = lay_out_timeline(dates, today);
  int bottom = kHeaderHeight + static_cast<int>(tasks.size()) * kRowHeight;
  List ticks;
  for (const auto& tick : timeline.ticks) {
    bool right = tick.x > 8500;  // the label left of its line, so it stays inside
    ticks.push_back(Object{{"x", percent_of_width(tick.x)},
                           {"dx", std::string(right ? "-3" : "3")},
                           {"anchor", std::string(right ? "end" : "start")},
                           {"label", tick.label},
                           {"bottom", std::to_string(bottom)}});
  }
  List rows;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const auto& t = tasks[i];
    const TimelineBar& bar = timeline.bars[i];
    int top = kHeaderHeight + static_cast<int>(i) * kRowHeight;
    Object row{{"name", t.fields.name},
               {"status", bar.dated ? std::to_string(t.fields.percent_complete) + " % done"
                                    : std::string("no dates yet")},
               // The label starts with its bar, or ends with it in the right half.
               {"label_x", percent_of_width(bar.x < 5000 ? bar.x : bar.x + bar.width)},
               {"label_anchor", std::string(bar.x < 5000 ? "start" : "end")},
               {"label_y", std::to_string(top + 17)},
               {"bar_y", std::to_string(top + 24)},
               {"x", percent_of_width(bar.x)},
               {"width", percent_of_width(bar.width)},
               {"done_width", percent_of_width(bar.done_width)}};
    if (bar.dated) row["dated"] = true;
    if (late(t, today)) row["late"] = true;
    if (t.fields.percent_complete == domain::kMaxPercentComplete) row["done"] = true;
    rows.push_back(row);
  }
  const char* anchor = timeline.today_x < 1000   ? "start"
                       : timeline.today_x > 9000 ? "end"
                                                 : "middle";
  Object data{{"first", date(timeline.first_day)},
              {"last", date(timeline.last_day)},
              {"today", date(today)},
              {"today_x", percent_of_width(timeline.today_x)},
              {"today_anchor", std::string(anchor)},
              {"today_label_y", std::to_string(bottom + 16)},
              {"bottom", std::to_string(bottom)},
              {"height", std::to_string(bottom + kFooterHeight)},
              {"ticks", ticks},
              {"rows", rows}};
  if (timeline.any_dated) data["any_dated"] = true;
  return data;
}

std::string render_schedule(PageContext& page, const sql::ProjectRecord& project,
                            const std::vector<sql::TaskRecord>& tasks, const ScheduleForm& form) {
  const domain::Date today_date =
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  bool can_write = page.may(domain::Permission::write_field_records);
  std::string rows;
  for (const auto& t : tasks) {
    if (can_write && form.editing == t.id) {
      rows += edit_row(page, tasks, t, form);
      continue;
    }
    Data row = Object{{"id", std::to_string(t.id)},
                      {"project_id", std::to_string(project.id)},
                      {"name", t.fields.name},
                      {"start", t.fields.start_date ? date(*t.fields.start_date) : "Not set"},
                      {"end", t.fields.end_date ? date(*t.fields.end_date) : "Not set"},
                      {"percent", std::to_string(t.fields.percent_complete)}};
    std::string follows = task_name(tasks, t.fields.predecessor_id);
    row.set("follows", follows.empty() ? "None" : follows);
    if (late(t, today_date)) row.set("late", true);
    if (can_write) {
      row.set("can_write", true);
      row.set("csrf", page.csrf());
    }
    rows += page.render("schedule/task_row", row);
  }
  Data data = Object{{"rows", rows}, {"timeline", timeline_data(tasks, today_date)}};
  if (!tasks.empty()) data.set("has_tasks", true);
  if (can_write) {
    data.set("can_write", true);
    ScheduleForm adding = form.editing ? ScheduleForm{} : form;
    data.set("add_form",
             page.render("schedule/task_add",
                         Object{{"project_id", std::to_string(project.id)},
                                {"fields", task_fields(page, tasks, nullptr, adding, "new-")}}));
  }
  return page.render("schedule/tab", data);
}

std::int64_t task_id(const PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return *id;
}

sql::TaskRecord find_task(PageContext& page) {
  auto task = sql::find_task(page.db, page.org_id(), task_id(page));
  if (!task) throw operations::not_found();
  return *task;
}

// After a change: the tab again (htmx) with the flash, or 303 back to it.
http::Response schedule_changed(PageContext& page, const sql::ProjectRecord& project,
                                const std::string& message) {
  if (!page.hx)
    return page.redirect("/projects/" + std::to_string(project.id) + "/schedule", message);
  page.form.clear();
  page.flash = message;
  return project_page(page, project, kScheduleTab,
                      render_schedule(page, project, load_schedule(page, project.id), {}));
}

// ---- handlers

http::Response create(PageContext& page) {
  sql::ProjectRecord project = find_project(page);
  auto submit = [&] {
    sql::TaskRecord task = operations::create_task(page.db, page.org_id(), project.id,
                                                   [&] { return task_from_form(page, {}); });
    return schedule_changed(page, project, "Task added: " + task.fields.name + ".");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       ScheduleForm form{std::nullopt, errors, true};
                       return project_page(
                           page, project, kScheduleTab,
                           render_schedule(page, project, load_schedule(page, project.id), form),
                           422);
                     }});
}

http::Response edit(PageContext& page) {
  sql::TaskRecord task = find_task(page);
  std::string tab = "/projects/" + std::to_string(task.project_id) + "/schedule";
  if (!page.hx) return page.redirect(tab + "?edit=" + std::to_string(task.id));
  return page.fragment(edit_row(page, load_schedule(page, task.project_id), task, {}));
}

// The task's row as a form again: in place of the row (htmx), or in the
// tab. `task` is what the row's form starts from.
http::Response task_form_again(PageContext& page, const sql::TaskRecord& task,
                               const ScheduleForm& form, unsigned status) {
  std::vector<sql::TaskRecord> tasks = load_schedule(page, task.project_id);
  if (page.hx) {
    http::Response res = page.fragment(edit_row(page, tasks, task, form), status);
    res.set("HX-Retarget", "#task-" + std::to_string(task.id));
    res.set("HX-Reswap", "outerHTML");
    return res;
  }
  auto project = sql::find_project(page.db, page.org_id(), task.project_id);
  if (!project) throw operations::not_found();
  return project_page(page, *project, kScheduleTab, render_schedule(page, *project, tasks, form),
                      status);
}

http::Response save(PageContext& page) {
  sql::TaskRecord task = find_task(page);
  auto save = [&] {
    sql::TaskRecord saved = operations::change_task(
        page.db, page.org_id(), task.id, form_version(page),
        [&](const sql::TaskFields& stored) { return task_from_form(page, stored); });
    auto project = sql::find_project(page.db, page.org_id(), saved.project_id);
    if (!project) throw operations::not_found();
    return schedule_changed(page, *project, "Task saved: " + saved.fields.name + ".");
  };
  return submit_form(
      save, {.invalid =
                 [&](const domain::FieldErrors& errors) {
                   return task_form_again(page, task, {task.id, errors, true, {}}, 422);
                 },
             .stale =
                 [&] {
                   page.form.clear();
                   return task_form_again(page, find_task(page),
                                          {task.id, {}, false, stale_message("task")}, 409);
                 }});
}

// A task others follow is not deleted (409, the operation's reason).
http::Response remove(PageContext& page) {
  sql::TaskRecord task = find_task(page);
  operations::delete_task(page.db, page.org_id(), task.id, std::nullopt);
  auto project = sql::find_project(page.db, page.org_id(), task.project_id);
  if (!project) throw operations::not_found();
  return schedule_changed(page, *project, "Task deleted: " + task.fields.name + ".");
}

// ?edit={task id} opens that task's row as a form.
std::string schedule_tab(PageContext& page, const sql::ProjectRecord& project) {
  ScheduleForm form;
  if (auto edit = page.http.query_value("edit")) form.editing = whole_number(*edit);
  return render_schedule(page, project, load_schedule(page, project.id), form);
}

}  // namespace

const ProjectTab kScheduleTab{"schedule", "Schedule", false, schedule_tab};

void add_schedule_routes(PageRoutes& routes) {
  routes.add_project_page(
      http::Verb::get, "/projects/{id}/schedule", kMember,
      [](PageContext& page) { return show_tab(page, kScheduleTab); },
      "A project: its Schedule tab");
  routes.add(http::Verb::post, "/projects/{id}/tasks", kWriteFieldRecords, create,
             "Add a task to a project's schedule");
  routes.add(http::Verb::get, "/tasks/{id}/edit", kWriteFieldRecords, edit,
             "A task's row as a form");
  routes.add(http::Verb::post, "/tasks/{id}", kWriteFieldRecords, save, "Save a changed task");
  routes.add(http::Verb::post, "/tasks/{id}/delete", kWriteFieldRecords, remove,
             "Delete a task no other task follows");
}

}  // namespace construction::views
