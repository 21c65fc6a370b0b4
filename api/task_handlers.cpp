// /projects/{id}/tasks and /tasks/{id}: everyone in the organisation reads
// them; field users write them too (the schedule is kept on site).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/json_date.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "domain/task.hpp"
#include "operations/task_schedule.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

sql::TaskFields read_task(const JsonValue& body, sql::TaskFields t, bool creating) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  if (creating) in.require({"name"});
  if (auto v = in.text("name", {200, false})) t.name = *v;
  auto start = in.nullable_date("start_date");
  if (start.present) t.start_date = start.value;
  auto end = in.nullable_date("end_date");
  if (end.present) t.end_date = end.value;
  auto assignee = in.nullable_id("assignee_party_id");
  if (assignee.present) t.assignee_party_id = assignee.value;
  auto predecessor = in.nullable_id("predecessor_id");
  if (predecessor.present) t.predecessor_id = predecessor.value;
  if (auto v = in.integer("percent_complete", 0, domain::kMaxPercentComplete))
    t.percent_complete = *v;
  in.finish();
  if (!errors.has("start_date") && !errors.has("end_date"))
    errors.merge(operations::check_task_dates(t));
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return t;
}

void write_task(JsonWriter& w, const sql::TaskRecord& t) {
  w.begin_object()
      .num("id", t.id)
      .num("project_id", t.project_id)
      .str("name", t.fields.name)
      .opt_str("start_date", iso_date(t.fields.start_date))
      .opt_str("end_date", iso_date(t.fields.end_date))
      .opt_num("assignee_party_id", t.fields.assignee_party_id)
      .opt_num("predecessor_id", t.fields.predecessor_id)
      .num("percent_complete", t.fields.percent_complete)
      .num("version", t.version)
      .str("created_at", rfc3339(t.created_at))
      .str("updated_at", rfc3339(t.updated_at))
      .end_object();
}

std::string task_json(const sql::TaskRecord& t) {
  JsonWriter w;
  write_task(w, t);
  return std::move(w).text();
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  return ok(list_json(sql::list_tasks(db, caller.org_id, project->id, page_of(ctx)), write_task));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  JsonValue body = json_body(ctx);
  auto task = operations::create_task(db, caller.org_id, path_id(ctx),
                                      [&] { return read_task(body, {}, true); });
  return created(task_json(task), std::string(kApiBase) + "/tasks/" + std::to_string(task.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  auto task = sql::find_task(db, caller.org_id, path_id(ctx));
  if (!task) throw not_found();
  return ok(task_json(*task));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  JsonValue body = json_body(ctx);
  auto task = operations::change_task(
      db, caller.org_id, path_id(ctx), if_match(ctx),
      [&](const sql::TaskFields& stored) { return read_task(body, stored, false); });
  return ok(task_json(task));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_field_records);
  operations::delete_task(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

}  // namespace

void add_task_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/tasks", domain::Permission::read_projects, list,
             "List a project's tasks");
  routes.add(http::Verb::post, "/projects/{id}/tasks", domain::Permission::write_field_records,
             create, "Add a task to a project");
  routes.add(http::Verb::get, "/tasks/{id}", domain::Permission::read_projects, show, "One task");
  routes.add(http::Verb::patch, "/tasks/{id}", domain::Permission::write_field_records, update,
             "Change a task (a predecessor of the same project, no cycles)");
  routes.add(http::Verb::delete_, "/tasks/{id}", domain::Permission::write_field_records, remove,
             "Delete a task no other task follows");
}

}  // namespace construction::api
