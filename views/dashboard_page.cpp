// / : the dashboard. Active projects and today's daily logs of every
// project, for everyone; for owners and managers (who read amounts) each
// project's contract sum, billed, retainage held and outstanding
// (operations/project_financials, as the API's project does), the pending
// change orders, overdue invoices, and the active projects whose projected
// margin (the job cost report's) fell below their accepted estimate's, each
// linked to its Budget tab. A field user sees no amount (DESIGN.md, "What a
// field user sees"). Its five reads go to PostgreSQL with the member's own,
// in one round trip (PageRoutes::add_with_reads); the margin check reads the
// active projects' change counters there, and the budget sums of only the
// projects whose counter moved since this worker summed them, in a second
// round trip when one did (operations/margin_checks.hpp).
#include "operations/margin_checks.hpp"
#include "operations/project_financials.hpp"
#include "sql/budget_store.hpp"
#include "sql/change_order_store.hpp"
#include "sql/daily_log_store.hpp"
#include "sql/invoice_store.hpp"
#include "sql/project_store.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

using operations::MarginAlert;

constexpr int kListed = 50;  // rows per list; the project list links to the rest

void put_project(Data& row, const sql::ProjectName& project) {
  row["project_id"] = std::to_string(project.id);
  row["project"] = project.number + " · " + project.name;
}

// Read with the member, in one round trip: the counters of the margin check
// too, whether or not the member's role shows their margins.
auto reads(const PageContext& page) {
  sql::ProjectFilter active{std::string("active"), std::nullopt, std::nullopt};
  return std::tuple{sql::project_listings_with_figures_query(page.org_id(), active,
                                                             sql::Page{std::nullopt, kListed}),
                    sql::pending_change_orders_query(page.org_id(), kListed),
                    sql::overdue_invoices_query(page.org_id(), kListed),
                    sql::todays_daily_logs_query(page.org_id()),
                    sql::active_costs_versions_query(page.org_id(), kListed)};
}

// The active projects; with their figures for a role that reads amounts.
void put_projects(Data& data, const sql::PageOf<sql::ProjectListingWithFigures>& projects,
                  bool figures) {
  std::int64_t contract_total = 0;
  Data& project_rows = new_list(data, "projects", projects.rows.size());
  for (const auto& p : projects.rows) {
    Data& row = add_row(project_rows);
    row["id"] = std::to_string(p.id);
    row["number"] = p.number;
    row["name"] = p.name;
    if (!figures) continue;
    auto f = operations::project_financials(p);
    contract_total += f.contract_sum_to_date.value;
    row["contract_sum"] = money(f.contract_sum_to_date);
    row["billed"] = money(f.billed_to_date);
    row["retainage"] = money(f.retainage_held);
    row["outstanding"] = money(f.outstanding);
  }
  data["active_count"] =
      projects.more ? std::to_string(kListed) + "+" : std::to_string(projects.rows.size());
  if (figures) data["contract_total"] = money(contract_total);
  if (!projects.rows.empty()) data["has_projects"] = true;
  if (projects.more) data["more_projects"] = true;
}

// What waits on an owner or a manager: change orders to decide, invoices
// overdue, projects whose margin fell below their estimate's.
void put_commercial(Data& data, const std::vector<sql::PendingChangeOrder>& orders,
                    const std::vector<sql::OverdueInvoice>& invoices,
                    const std::vector<MarginAlert>& margins) {
  data["commercial"] = true;
  Data& order_rows = new_list(data, "change_orders", orders.size());
  for (const auto& o : orders) {
    Data& row = add_row(order_rows);
    row["id"] = std::to_string(o.id);
    row["number"] = o.number;
    row["title"] = o.title;
    row["amount"] = money(o.amount_cents);
    put_project(row, o.project);
  }
  Data& invoice_rows = new_list(data, "invoices", invoices.size());
  for (const auto& i : invoices) {
    Data& row = add_row(invoice_rows);
    row["id"] = std::to_string(i.id);
    row["number"] = i.number;
    row["due"] = date(i.due_date);
    row["balance"] = money(i.balance_cents);
    put_project(row, i.project);
  }
  // The flags first: a member added to `data` may move the lists it holds.
  if (!orders.empty()) data["has_change_orders"] = true;
  if (!invoices.empty()) data["has_invoices"] = true;
  if (!margins.empty()) data["has_margins"] = true;
  Data& margin_rows = new_list(data, "margins", margins.size());
  for (const auto& m : margins) {
    Data& row = add_row(margin_rows);
    row["projected_margin"] = rate(m.profit.projected_margin.value);
    row["original_margin"] = rate(m.profit.original_margin.value);
    row["projected_profit"] = money(m.profit.projected_profit);
    put_project(row, m.project);
  }
}

http::Response show(PageContext& page, const sql::PageOf<sql::ProjectListingWithFigures>& projects,
                    const std::vector<sql::PendingChangeOrder>& orders,
                    const std::vector<sql::OverdueInvoice>& invoices,
                    const std::vector<sql::DayLog>& logs,
                    const std::vector<sql::ProjectCostsVersion>& costs_versions) {
  Data data;
  bool figures = page.may(domain::Permission::read_commercial);
  put_projects(data, projects, figures);
  if (figures)
    put_commercial(
        data, orders, invoices,
        operations::worker_margin_checks().below_estimate(page.db, page.org_id(), costs_versions));
  Data& log_rows = new_list(data, "logs", logs.size());
  for (const auto& l : logs) {
    Data& row = add_row(log_rows);
    row["status"] = label(l.status);
    row["headcount"] = std::to_string(l.headcount);
    put_project(row, l.project);
  }
  data["today"] = date(today());
  if (!logs.empty()) data["has_logs"] = true;
  if (page.may(domain::Permission::write_projects)) data["can_create"] = true;
  return page.page("Dashboard", page.render("dashboard/show", data));
}

}  // namespace

void add_dashboard_routes(PageRoutes& routes) {
  routes.add_with_reads(http::Verb::get, "/", kMember, reads, show, "The dashboard");
}

}  // namespace construction::views
