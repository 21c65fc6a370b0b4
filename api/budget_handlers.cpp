// GET /projects/{id}/budget (JSON, or CSV with ?format=csv or Accept:
// text/csv) and /projects/{id}/budget/transfers (POST moves budget between
// two lines, GET lists the history): owners and managers only, as every
// figure here is commercial.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/job_cost_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/budget_csv.hpp"
#include "operations/budget.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

void write_columns(JsonWriter& w, const domain::BudgetColumns& c) {
  w.num("original_budget_cents", c.original.value)
      .num("transfers_cents", c.transfers.value)
      .num("approved_changes_cents", c.approved_changes.value)
      .num("revised_budget_cents", c.revised.value)
      .num("committed_cents", c.committed.value)
      .num("actual_cents", c.actual.value)
      .num("uncommitted_cents", c.uncommitted.value)
      .num("projected_cents", c.projected.value)
      .num("variance_cents", c.variance.value)
      .num("percent_spent_bps", c.percent_spent.value);
}

std::string budget_json(const domain::BudgetReport& report) {
  JsonWriter w;
  w.begin_object().key("lines").begin_array();
  for (const auto& line : report.lines) {
    w.begin_object().str("cost_code", line.cost_code).str("cost_type", line.cost_type);
    write_columns(w, line.columns);
    w.end_object();
  }
  w.end_array().key("totals").begin_object();
  write_columns(w, report.totals);
  w.end_object();
  const domain::ProfitBlock& p = report.profit;
  w.key("profit")
      .begin_object()
      .num("contract_sum_to_date_cents", p.contract_sum_to_date.value)
      .num("projected_cost_cents", p.projected_cost.value)
      .num("projected_profit_cents", p.projected_profit.value)
      .num("projected_margin_bps", p.projected_margin.value)
      .num("original_margin_bps", p.original_margin.value)
      .end_object();
  w.end_object();
  return std::move(w).text();
}

// ?format=csv|json (422 naming `format` otherwise), else the Accept header.
bool wants_csv(const RequestContext& ctx) {
  if (auto format = ctx.query_value("format")) {
    if (*format == "csv") return true;
    if (*format == "json") return false;
    throw field_error("format", "must be csv or json");
  }
  return ctx.header("Accept").find("text/csv") != std::string_view::npos;
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  bool csv = wants_csv(ctx);
  std::int64_t project_id = path_id(ctx);
  domain::BudgetReport report = operations::budget_report(db, caller.org_id, project_id);
  if (!csv) return ok(budget_json(report));
  Response res = http::make_response(200, "text/csv; charset=utf-8", domain::budget_csv(report));
  res.set(http::Field::content_disposition,
          "attachment; filename=\"project-" + std::to_string(project_id) + "-budget.csv\"");
  return res;
}

Response list_transfers(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  return ok(list_json(sql::list_budget_transfers(db, caller.org_id, project->id, page_of(ctx)),
                      write_budget_transfer));
}

Response transfer(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::transfer_budget(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    sql::BudgetTransferFields fields = read_budget_transfer(in);
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return fields;
  });
  JsonWriter w;
  write_budget_transfer(w, saved);
  return created(std::move(w).text(), std::string(kApiBase) + "/projects/" +
                                          std::to_string(saved.project_id) + "/budget/transfers");
}

}  // namespace

void add_budget_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/budget", domain::Permission::read_commercial, show,
             "The budget-vs-actual report: lines by cost code and type, totals, profit "
             "(CSV with ?format=csv or Accept: text/csv)");
  routes.add(http::Verb::get, "/projects/{id}/budget/transfers",
             domain::Permission::read_commercial, list_transfers,
             "The project's budget transfers, oldest first");
  routes.add(http::Verb::post, "/projects/{id}/budget/transfers",
             domain::Permission::write_commercial, transfer,
             "Move budget from one line to another (a line may not go below zero)");
}

}  // namespace construction::api
