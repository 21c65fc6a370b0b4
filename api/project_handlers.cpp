// /projects. Everyone in the organisation reads them (field crews too); owners
// and managers write them. GET /projects/{id} and each item of GET /projects
// carry the `financials` block, from the projects' documents read in the
// same query as the projects (operations/project_financials.hpp), for a
// caller who may read commercial records: a field user's project has no
// amount and no rate (DESIGN.md, "What a field user sees").
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/json_date.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "domain/pay_application.hpp"
#include "domain/project.hpp"
#include "operations/project_financials.hpp"
#include "operations/projects.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

// The body's fields onto `p` (the stored ones, for a change), as typed
// values; what cannot be read is noted in `unread`. The rules are the
// operation's (operations/projects.hpp).
void read_project(const JsonValue& body, sql::ProjectFields& p, domain::FieldErrors& unread,
                  bool creating) {
  FieldReader in(body, unread);
  if (creating) in.require({"number", "name"});
  if (auto v = in.string("number")) p.number = *v;
  if (auto v = in.string("name")) p.name = *v;
  auto client = in.nullable_id("client_id");
  if (client.present) p.client_id = client.value;
  auto architect = in.nullable_id("architect_id");
  if (architect.present) p.architect_id = architect.value;
  if (auto v = in.string("site_address")) p.site_address = *v;
  if (auto v = in.string("status"))
    if (auto status = domain::read_name(*v, domain::parse_project_status,
                                        domain::project_status_names(), "status", unread))
      p.status = *status;
  if (auto v = in.string("contract_type"))
    if (auto type = domain::read_name(*v, domain::parse_contract_type,
                                      domain::contract_type_names(), "contract_type", unread))
      p.contract_type = *type;
  if (auto v = in.integer("retainage_work_bps", 0, domain::kMaxRetainageBps))
    p.retainage_work_bps = *v;
  if (auto v = in.integer("retainage_stored_bps", 0, domain::kMaxRetainageBps))
    p.retainage_stored_bps = *v;
  auto start = in.nullable_date("start_date");
  auto completion = in.nullable_date("completion_date");
  if (start.present) p.start_date = start.value;
  if (completion.present) p.completion_date = completion.value;
  in.finish();
}

// Whether the caller reads a project's amounts and rates: its contract sum,
// retainage and financials.
enum class Figures { shown, withheld };

Figures figures_for(const Caller& caller) {
  return domain::allows(caller.role, Permission::read_commercial) ? Figures::shown
                                                                  : Figures::withheld;
}

void write_project(JsonWriter& w, const sql::ProjectRecord& p, Figures figures) {
  const sql::ProjectFields& f = p.fields;
  w.num("id", p.id)
      .str("number", f.number)
      .str("name", f.name)
      .opt_num("client_id", f.client_id)
      .opt_num("architect_id", f.architect_id)
      .str("site_address", f.site_address)
      .str("status", to_string(f.status))
      .str("contract_type", to_string(f.contract_type));
  if (figures == Figures::shown)
    w.num("retainage_work_bps", f.retainage_work_bps)
        .num("retainage_stored_bps", f.retainage_stored_bps);
  w.opt_str("start_date", iso_date(f.start_date))
      .opt_str("completion_date", iso_date(f.completion_date));
  if (figures == Figures::shown)
    w.num("original_contract_sum_cents", p.original_contract_sum_cents.value);
  w.num("version", p.version)
      .str("created_at", rfc3339(p.created_at))
      .str("updated_at", rfc3339(p.updated_at));
}

void write_financials(JsonWriter& w, const domain::ProjectFinancials& f) {
  w.key("financials")
      .begin_object()
      .num("original_contract_sum_cents", f.original_contract_sum.value)
      .num("approved_change_orders_cents", f.approved_change_orders.value)
      .num("pending_change_orders_cents", f.pending_change_orders.value)
      .num("contract_sum_to_date_cents", f.contract_sum_to_date.value)
      .num("billed_to_date_cents", f.billed_to_date.value)
      .num("retainage_held_cents", f.retainage_held.value)
      .num("paid_to_date_cents", f.paid_to_date.value)
      .num("outstanding_cents", f.outstanding.value)
      .num("balance_to_finish_cents", f.balance_to_finish.value)
      .end_object();
}

void write_project(JsonWriter& w, const sql::ProjectWithFigures& p, Figures figures) {
  w.begin_object();
  write_project(w, static_cast<const sql::ProjectRecord&>(p), figures);
  if (figures == Figures::shown) write_financials(w, operations::project_financials(p));
  w.end_object();
}

// A project as GET /projects/{id} shows it, with its financials: one query.
std::string project_json(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                         Figures figures) {
  auto project = sql::fetch(db, sql::project_with_figures_query(org_id, id));
  if (!project) throw not_found();
  JsonWriter w;
  write_project(w, *project, figures);
  return std::move(w).text();
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  sql::ProjectFilter filter{choice_filter(ctx, "status", domain::project_status_names()),
                            std::nullopt, api::filter(ctx, "q")};
  if (auto client = api::filter(ctx, "client_id")) {
    filter.client_id = parse_whole_number(*client);
    if (!filter.client_id) throw field_error("client_id", "must be the id of a party");
  }
  auto page = sql::fetch(db, sql::projects_with_figures_query(caller.org_id, filter, page_of(ctx)));
  Figures figures = figures_for(caller);
  return ok(list_json(page, [&](JsonWriter& w, const sql::ProjectWithFigures& p) {
    write_project(w, p, figures);
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  sql::ProjectFields fields;
  domain::FieldErrors unread;
  read_project(json_body(ctx), fields, unread, true);
  sql::ProjectRecord project = operations::create_project(db, caller.org_id, fields, unread);
  return created(project_json(db, caller.org_id, project.id, figures_for(caller)),
                 std::string(kApiBase) + "/projects/" + std::to_string(project.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  return ok(project_json(db, caller.org_id, path_id(ctx), figures_for(caller)));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  JsonValue body = json_body(ctx);
  sql::ProjectRecord saved =
      operations::change_project(db, caller.org_id, path_id(ctx), if_match(ctx),
                                 [&](sql::ProjectFields& fields, domain::FieldErrors& unread) {
                                   read_project(body, fields, unread, false);
                                 });
  return ok(project_json(db, caller.org_id, saved.id, figures_for(caller)));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  operations::delete_project(db, caller.org_id, path_id(ctx));
  return no_content();
}

}  // namespace

void add_project_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects", domain::Permission::read_projects, list,
             "List projects; filters status, client_id, q");
  routes.add(http::Verb::post, "/projects", domain::Permission::write_projects, create,
             "Create a project");
  routes.add(http::Verb::get, "/projects/{id}", domain::Permission::read_projects, show,
             "One project with its financials");
  routes.add(http::Verb::patch, "/projects/{id}", domain::Permission::write_projects, update,
             "Change a project");
  routes.add(http::Verb::delete_, "/projects/{id}", domain::Permission::write_projects, remove,
             "Delete a project that has no estimates");
}

}  // namespace construction::api
