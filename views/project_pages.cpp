// /projects (list with live search and status filter, new project form) and
// /projects/{id} with its tabs, each at its own URL (/projects/{id}/estimates,
// …/change-orders, …): htmx loads a tab into #tab and pushes its URL; the
// same URL opened directly is the whole page with that tab.
#include <array>

#include "operations/estimate_document.hpp"
#include "operations/project_financials.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "sql/estimate_store.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/billing_tabs.hpp"
#include "views/budget_pages.hpp"
#include "views/field_tabs.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

List status_options(std::string_view selected) {
  List options;
  for (std::string_view name : domain::project_status_names()) {
    Object option{{"value", std::string(name)}, {"label", label(name)}};
    if (name == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

// The new-project form's choice of client.
sql::Query<sql::PageOf<sql::PartyRecord>> clients_query(const PageContext& page) {
  return sql::parties_query(page.org_id(), {std::string("client"), std::nullopt},
                            sql::Page{std::nullopt, 200});
}

List client_options(const sql::PageOf<sql::PartyRecord>& clients, const std::string& selected) {
  List options;
  for (const auto& c : clients.rows) {
    Object option{{"value", std::to_string(c.id)}, {"label", c.fields.name}};
    if (std::to_string(c.id) == selected) option["selected"] = true;
    options.push_back(std::move(option));
  }
  return options;
}

// ---- the list

std::string project_rows(PageContext& page, const sql::ProjectFilter& filter,
                         const sql::PageOf<sql::ProjectListing>& projects) {
  Data data;
  bool figures = page.may(domain::Permission::read_commercial);
  Data& rows = new_list(data, "projects", projects.rows.size());
  for (const auto& p : projects.rows) {
    Data& row = add_row(rows);
    row["id"] = std::to_string(p.id);
    row["number"] = p.number;
    row["name"] = p.name;
    row["status"] = label(p.status);
    if (figures) row["contract_sum"] = money(p.original_contract_sum_cents);
    row["start"] = p.start_date ? date(*p.start_date) : "";
  }
  if (figures) data["figures"] = true;
  data["columns"] = figures ? "5" : "4";
  if (filter.text || filter.status) data["filtered"] = true;
  if (projects.more) data["more"] = true;
  return page.render("project_rows", data);
}

std::string project_form(PageContext& page, const domain::FieldErrors& errors,
                         const sql::PageOf<sql::PartyRecord>& clients) {
  Data data = Object{{"csrf", page.csrf()},
                     {"number", page.field("number")},
                     {"name", page.field("name")},
                     {"site_address", page.field("site_address")},
                     {"start_date", page.field("start_date")},
                     {"completion_date", page.field("completion_date")},
                     {"statuses", status_options(page.field("status").empty()
                                                     ? std::string_view("active")
                                                     : std::string_view(page.field("status")))},
                     {"clients", client_options(clients, page.field("client_id"))},
                     {"errors", error_data(errors)}};
  if (!errors.empty()) data.set("open", true);
  return page.render("project_form", data);
}

// The list's search (?q=) and status filter (?status=).
sql::ProjectFilter list_filter(const http::RequestContext& http) {
  sql::ProjectFilter filter;
  auto q = http.query_value("q");
  auto status = http.query_value("status");
  if (q && !q->empty()) filter.text = q->substr(0, 200);
  if (status && !status->empty()) filter.status = status->substr(0, 50);
  return filter;
}

// Read with the member, in one round trip: the clients too, whether or not
// the member may use the new-project form (a read of a dozen rows, cheaper
// than a second round trip).
auto list_reads(const PageContext& page) {
  return std::tuple{sql::project_listings_query(page.org_id(), list_filter(page.http),
                                                sql::Page{std::nullopt, 50}),
                    clients_query(page)};
}

http::Response list(PageContext& page, const sql::PageOf<sql::ProjectListing>& projects,
                    const sql::PageOf<sql::PartyRecord>& clients) {
  sql::ProjectFilter filter = list_filter(page.http);
  if (page.hx && page.hx_target == "project-rows")
    return page.fragment(project_rows(page, filter, projects));
  Data data = Object{{"q", filter.text.value_or("")},
                     {"statuses", status_options(filter.status.value_or(""))}};
  data["rows"] = project_rows(page, filter, projects);
  if (page.may(domain::Permission::read_commercial)) data["figures"] = true;
  if (page.may(domain::Permission::write_projects)) data["form"] = project_form(page, {}, clients);
  return page.page("Projects", page.render("projects", data));
}

// A form's date field: empty for none, else a day of the calendar.
std::optional<domain::Date> form_date(const PageContext& page, std::string_view name,
                                      domain::FieldErrors& unread) {
  std::string text = page.field(name);
  if (text.empty()) return std::nullopt;
  auto date = domain::parse_date(text);
  if (!date) unread.add(name, "must be a date (YYYY-MM-DD)");
  return date;
}

http::Response create(PageContext& page) {
  sql::ProjectFields fields;
  domain::FieldErrors unread;
  fields.number = page.field("number");
  fields.name = page.field("name");
  fields.site_address = page.field("site_address");
  if (auto status = page.field("status"); !status.empty())
    if (auto read = domain::read_name(status, domain::parse_project_status,
                                      domain::project_status_names(), "status", unread))
      fields.status = *read;
  if (std::string client = page.field("client_id"); !client.empty()) {
    // What is no number is no party's id: the operation refuses it as it
    // refuses another organisation's party.
    fields.client_id = whole_number(client).value_or(0);
  }
  fields.start_date = form_date(page, "start_date", unread);
  fields.completion_date = form_date(page, "completion_date", unread);
  try {
    auto project = operations::create_project(page.db, page.org_id(), fields, unread);
    return page.redirect("/projects/" + std::to_string(project.id),
                         "Project " + project.fields.number + " created.");
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    http::Response res = page.fragment(
        project_form(page, refusal.fields, sql::fetch(page.db, clients_query(page))), 422);
    return res;
  }
}

// ---- one project

// A commercial tab is all amounts: it is offered to a role that reads them
// only (DESIGN.md, "What a field user sees").
struct Tab {
  std::string_view slug;
  std::string_view label;
  bool commercial = false;
};
constexpr std::array<Tab, 6> kTabs = {{
    {"estimates", "Estimates", true},
    {"change-orders", "Change orders", true},
    {"billing", "Billing", true},
    {"budget", "Budget", true},
    {"schedule", "Schedule"},
    {"daily-logs", "Daily logs"},
}};

bool offered(const PageContext& page, const Tab& tab) {
  return !tab.commercial || page.may(domain::Permission::read_commercial);
}

// The tab /projects/{id} opens on: the first the member's role is offered.
std::string_view first_tab(const PageContext& page) {
  for (const Tab& t : kTabs)
    if (offered(page, t)) return t.slug;
  return kTabs[0].slug;
}

std::string estimates_tab(PageContext& page, const sql::ProjectRecord& project,
                          const domain::FieldErrors& errors) {
  List rows;
  if (page.may(domain::Permission::read_commercial)) {
    auto estimates =
        sql::list_estimates(page.db, page.org_id(), project.id, sql::Page{std::nullopt, 200});
    for (const auto& e : estimates.rows)
      rows.push_back(Object{{"id", std::to_string(e.id)},
                            {"number", e.fields.number},
                            {"revision", std::to_string(e.revision)},
                            {"title", e.fields.title},
                            {"status", std::string(to_string(e.status))},
                            {"total", money(e.totals.total.value)},
                            {"margin", rate(e.totals.margin.value)}});
  }
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"estimates", rows},
                     {"csrf", page.csrf()},
                     {"title", page.field("title")},
                     {"errors", error_data(errors)}};
  if (!rows.empty()) data.set("has_estimates", true);
  if (page.may(domain::Permission::write_commercial)) data.set("can_write", true);
  if (!page.may(domain::Permission::read_commercial)) data.set("hidden", true);
  return page.render("project_estimates", data);
}

std::string tab_html(PageContext& page, const sql::ProjectRecord& project, const Tab& tab) {
  if (tab.slug == "estimates") return estimates_tab(page, project, {});
  if (tab.slug == "schedule") return schedule_tab(page, project);
  if (tab.slug == "change-orders") return change_orders_tab(page, project, {});
  if (tab.slug == "billing") return billing_tab(page, project, {});
  if (tab.slug == "budget") return budget_tab(page, project);
  return daily_logs_tab(page, project);  // the last of kTabs
}

http::Response show_tab(PageContext& page, std::string_view slug) {
  sql::ProjectWithFigures project = find_project(page);
  const Tab* tab = &kTabs[0];
  for (const Tab& t : kTabs)
    if (t.slug == slug) tab = &t;
  return project_page(page, project, tab->slug, tab_html(page, project, *tab));
}

http::Response create_estimate(PageContext& page) {
  sql::ProjectRecord project = find_project(page);
  try {
    auto document = operations::create_estimate(page.db, page.org_id(), project.id, [&] {
      operations::NewEstimate estimate;
      estimate.fields.title = page.field("title");
      if (domain::is_blank(estimate.fields.title))
        throw operations::field_error("title", "is required");
      if (domain::count_characters(estimate.fields.title) > 200)
        throw operations::field_error("title", "must be at most 200 characters");
      return estimate;
    });
    return page.redirect("/estimates/" + std::to_string(document.estimate.id),
                         "Estimate " + document.estimate.fields.number + " created.");
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    return page.fragment(estimates_tab(page, project, refusal.fields), 422);
  }
}

}  // namespace

sql::ProjectWithFigures find_project(PageContext& page, std::int64_t id) {
  auto project = sql::fetch(page.db, sql::project_with_figures_query(page.org_id(), id));
  if (!project) throw operations::not_found();
  return std::move(*project);
}

sql::ProjectRecord find_project_record(PageContext& page) {
  auto id = path_number(page.http, "id");
  std::optional<sql::ProjectRecord> project;
  if (id) project = sql::find_project(page.db, page.org_id(), *id);
  if (!project) throw operations::not_found();
  return *project;
}

sql::ProjectWithFigures find_project(PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  if (page.project && page.project->id == *id) return *page.project;
  return find_project(page, *id);
}

http::Response project_page(PageContext& page, const sql::ProjectRecord& project,
                            std::string_view tab_slug, const std::string& tab_content,
                            unsigned status) {
  if (page.hx && page.hx_target == "tab")
    return project_page(page, sql::ProjectWithFigures{project, {}, {}}, tab_slug, tab_content,
                        status);
  return project_page(page, find_project(page, project.id), tab_slug, tab_content, status);
}

http::Response project_page(PageContext& page, const sql::ProjectWithFigures& project,
                            std::string_view tab_slug, const std::string& tab_content,
                            unsigned status) {
  const Tab* tab = &kTabs[0];
  for (const Tab& t : kTabs)
    if (t.slug == tab_slug) tab = &t;
  std::string title =
      project.fields.number + " " + project.fields.name + " · " + std::string(tab->label);
  if (page.hx && page.hx_target == "tab") {
    // The tab alone, with its title (htmx sets the document's) and the flash.
    std::string html = page.render("tab_title", Object{{"title", title}}) + tab_content;
    if (!page.flash.empty()) html += page.flash_oob(page.flash);
    return page.fragment(html, status);
  }
  List tabs;
  for (const Tab& t : kTabs) {
    if (!offered(page, t)) continue;
    Object entry{{"slug", std::string(t.slug)}, {"label", std::string(t.label)}};
    if (&t == tab) entry["current"] = true;
    tabs.push_back(entry);
  }
  Data data = Object{{"id", std::to_string(project.id)},
                     {"number", project.fields.number},
                     {"name", project.fields.name},
                     {"status", label(project.fields.status)},
                     {"tabs", tabs},
                     {"tab", tab_content}};
  if (page.may(domain::Permission::read_commercial)) {
    auto f = operations::project_financials(project);
    data.set("financials", Object{{"original", money(f.original_contract_sum.value)},
                                  {"approved_cos", money(f.approved_change_orders.value)},
                                  {"contract_sum", money(f.contract_sum_to_date.value)},
                                  {"billed", money(f.billed_to_date.value)},
                                  {"retainage", money(f.retainage_held.value)},
                                  {"outstanding", money(f.outstanding.value)},
                                  {"balance", money(f.balance_to_finish.value)}});
  }
  set_text(data, "client", project.client_name);
  set_text(data, "site_address", project.fields.site_address);
  return page.page(title, page.render("project", data), status);
}

void add_project_routes(PageRoutes& routes) {
  routes.add_with_reads(http::Verb::get, "/projects", kMember, list_reads, list,
                        "Projects: live search, status filter, new project form");
  routes.add(http::Verb::post, "/projects", kWriteProjects, create, "Create a project");
  routes.add_project_page(
      http::Verb::get, "/projects/{id}", kMember,
      [](PageContext& page) { return show_tab(page, first_tab(page)); },
      "A project: its first tab the member's role opens (Estimates, or Schedule for field)");
  // The Budget tab is commercial and has its own page: views/budget_pages.
  routes.add_project_page(http::Verb::get, "/projects/{id}/estimates", kMember,
                          bind_handler(show_tab, "estimates"), "A project: its Estimates tab");
  routes.add_project_page(http::Verb::get, "/projects/{id}/change-orders", kMember,
                          bind_handler(show_tab, "change-orders"),
                          "A project: its Change orders tab");
  routes.add_project_page(http::Verb::get, "/projects/{id}/billing", kMember,
                          bind_handler(show_tab, "billing"), "A project: its Billing tab");
  routes.add_project_page(http::Verb::get, "/projects/{id}/schedule", kMember,
                          bind_handler(show_tab, "schedule"), "A project: its Schedule tab");
  routes.add_project_page(http::Verb::get, "/projects/{id}/daily-logs", kMember,
                          bind_handler(show_tab, "daily-logs"), "A project: its Daily logs tab");
  routes.add(http::Verb::post, "/projects/{id}/estimates", kWriteCommercial, create_estimate,
             "Start an estimate of a project");
}

}  // namespace construction::views
