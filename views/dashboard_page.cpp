// / : the dashboard. Active projects with their contract sum, billed,
// retainage held and outstanding (domain::compute_project_financials, as the
// API's project does); change orders, invoices and daily logs show their
// empty states until those records exist.
#include "domain/project_financials.hpp"
#include "sql/project_store.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

http::Response show(PageContext& page) {
  sql::ProjectFilter filter{std::string("active"), std::nullopt, std::nullopt};
  auto projects = sql::list_projects(page.db, page.org_id(), filter, sql::Page{std::nullopt, 50});
  List rows;
  std::int64_t contract_total = 0;
  for (const auto& p : projects.rows) {
    auto f = domain::compute_project_financials(domain::Cents{p.original_contract_sum_cents}, {},
                                                {}, {});
    contract_total += f.contract_sum_to_date.value;
    rows.push_back(Object{{"id", std::to_string(p.id)},
                          {"number", p.fields.number},
                          {"name", p.fields.name},
                          {"contract_sum", money(f.contract_sum_to_date.value)},
                          {"billed", money(f.billed_to_date.value)},
                          {"retainage", money(f.retainage_held.value)},
                          {"outstanding", money(f.outstanding.value)}});
  }
  Data data = Object{{"projects", rows},
                     {"active_count", std::to_string(projects.rows.size())},
                     {"contract_total", money(contract_total)},
                     {"today", date(today())}};
  if (!projects.rows.empty()) data.set("has_projects", true);
  if (page.may(domain::Permission::write_projects)) data.set("can_create", true);
  return page.page("Dashboard", page.render("dashboard", data));
}

}  // namespace

void add_dashboard_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/", kMember, show, "The dashboard");
}

}  // namespace construction::views
