// /projects (list with live search and status filter, new project form) and
// /projects/{id} with its tabs, each at its own URL (/projects/{id}/estimates,
// …/change-orders, …): htmx loads a tab into #tab and pushes its URL; the
// same URL opened directly is the whole page with that tab.
#include <array>

#include "domain/project_financials.hpp"
#include "operations/estimate_document.hpp"
#include "operations/project_financials.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "sql/estimate_store.hpp"
#include "views/billing_tabs.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

struct Choice {
  std::string_view value;
  std::string_view label;
};
constexpr std::array<Choice, 6> kStatuses = {{{"lead", "Lead"},
                                              {"estimating", "Estimating"},
                                              {"active", "Active"},
                                              {"substantially_complete", "Substantially complete"},
                                              {"closed", "Closed"},
                                              {"cancelled", "Cancelled"}}};

std::string status_label(std::string_view status) {
  for (const Choice& c : kStatuses)
    if (c.value == status) return std::string(c.label);
  return std::string(status);
}

List status_options(std::string_view selected) {
  List options;
  for (const Choice& c : kStatuses) {
    Object option{{"value", std::string(c.value)}, {"label", std::string(c.label)}};
    if (c.value == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

List client_options(PageContext& page, const std::string& selected) {
  List options;
  auto clients = sql::list_parties(page.db, page.org_id(), {std::string("client"), std::nullopt},
                                   sql::Page{std::nullopt, 200});
  for (const auto& c : clients.rows) {
    Object option{{"value", std::to_string(c.id)}, {"label", c.fields.name}};
    if (std::to_string(c.id) == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

// ---- the list

std::string project_rows(PageContext& page, const sql::ProjectFilter& filter) {
  auto projects = sql::list_projects(page.db, page.org_id(), filter, sql::Page{std::nullopt, 50});
  List rows;
  for (const auto& p : projects.rows)
    rows.push_back(Object{{"id", std::to_string(p.id)},
                          {"number", p.fields.number},
                          {"name", p.fields.name},
                          {"status", status_label(p.fields.status)},
                          {"contract_sum", money(p.original_contract_sum_cents)},
                          {"start", p.fields.start_date ? date(*p.fields.start_date) : ""}});
  Data data = Object{{"projects", rows}};
  if (filter.text || filter.status) data.set("filtered", true);
  if (projects.more) data.set("more", true);
  return page.render("project_rows", data);
}

std::string project_form(PageContext& page, const domain::FieldErrors& errors) {
  Data data = Object{{"csrf", page.views.keys.csrf_token(page.session)},
                     {"number", page.field("number")},
                     {"name", page.field("name")},
                     {"site_address", page.field("site_address")},
                     {"start_date", page.field("start_date")},
                     {"completion_date", page.field("completion_date")},
                     {"statuses", status_options(page.field("status").empty()
                                                     ? std::string_view("active")
                                                     : std::string_view(page.field("status")))},
                     {"clients", client_options(page, page.field("client_id"))},
                     {"errors", error_data(errors)}};
  if (!errors.empty()) data.set("open", true);
  return page.render("project_form", data);
}

http::Response list(PageContext& page) {
  sql::ProjectFilter filter;
  auto q = page.http.query_value("q");
  auto status = page.http.query_value("status");
  if (q && !q->empty()) filter.text = q->substr(0, 200);
  if (status && !status->empty()) filter.status = status->substr(0, 50);
  std::string rows = project_rows(page, filter);
  if (page.hx && page.hx_target == "project-rows") return page.fragment(rows);
  Data data = Object{{"q", filter.text.value_or("")},
                     {"statuses", status_options(filter.status.value_or(""))},
                     {"rows", rows}};
  if (page.may(domain::Permission::write_projects)) data.set("form", project_form(page, {}));
  return page.page("Projects", page.render("projects", data));
}

http::Response create(PageContext& page) {
  sql::ProjectFields fields;
  fields.number = page.field("number");
  fields.name = page.field("name");
  fields.site_address = page.field("site_address");
  if (auto status = page.field("status"); !status.empty()) fields.status = status;
  domain::FieldErrors errors;
  if (std::string client = page.field("client_id"); !client.empty()) {
    try {
      fields.client_id = std::stoll(client);
    } catch (const std::exception&) {
      errors.add("client_id", "must be one of your organisation's clients");
    }
  }
  if (auto d = page.field("start_date"); !d.empty()) fields.start_date = d;
  if (auto d = page.field("completion_date"); !d.empty()) fields.completion_date = d;
  try {
    if (!errors.empty()) throw operations::invalid_fields(errors);
    auto project = operations::create_project(page.db, page.org_id(), fields);
    return page.redirect("/projects/" + std::to_string(project.id),
                         "Project " + project.fields.number + " created.");
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    http::Response res = page.fragment(project_form(page, refusal.fields), 422);
    return res;
  }
}

// ---- one project

struct Tab {
  std::string_view slug;
  std::string_view label;
  std::string_view later;  // what the tab will hold, until it does
};
constexpr std::array<Tab, 6> kTabs = {{
    {"estimates", "Estimates", ""},
    {"change-orders", "Change orders", ""},
    {"billing", "Billing", ""},
    {"budget", "Budget",
     "The job cost report will show the budget by cost code with commitments and vendor bills."},
    {"schedule", "Schedule", "Tasks with dates, percent complete and a timeline will live here."},
    {"daily-logs", "Daily logs",
     "Superintendents will file each day's crew, weather and notes here."},
}};

sql::ProjectRecord find_project(PageContext& page) {
  auto id = path_number(page.http, "id");
  std::optional<sql::ProjectRecord> project;
  if (id) project = sql::find_project(page.db, page.org_id(), *id);
  if (!project) throw operations::not_found();
  return *project;
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
                            {"status", e.status},
                            {"total", money(e.totals.total_cents)},
                            {"margin", rate(e.totals.margin_bps)}});
  }
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"estimates", rows},
                     {"csrf", page.views.keys.csrf_token(page.session)},
                     {"title", page.field("title")},
                     {"errors", error_data(errors)}};
  if (!rows.empty()) data.set("has_estimates", true);
  if (page.may(domain::Permission::write_commercial)) data.set("can_write", true);
  if (!page.may(domain::Permission::read_commercial)) data.set("hidden", true);
  return page.render("project_estimates", data);
}

std::string tab_html(PageContext& page, const sql::ProjectRecord& project, const Tab& tab) {
  if (tab.slug == "estimates") return estimates_tab(page, project, {});
  if (tab.slug == "change-orders") return change_orders_tab(page, project, {});
  if (tab.slug == "billing") return billing_tab(page, project, {});
  return page.render("project_later",
                     Object{{"label", std::string(tab.label)}, {"later", std::string(tab.later)}});
}

http::Response show_tab(PageContext& page, std::string_view slug) {
  sql::ProjectRecord project = find_project(page);
  const Tab* tab = &kTabs[0];
  for (const Tab& t : kTabs)
    if (t.slug == slug) tab = &t;
  std::string tab_content = tab_html(page, project, *tab);
  if (page.hx && page.hx_target == "tab") return page.fragment(tab_content);

  domain::ProjectFinancials f =
      operations::project_financials(page.db, page.org_id(), {&project, 1}).at(project.id);
  List tabs;
  for (const Tab& t : kTabs) {
    Object entry{{"slug", std::string(t.slug)}, {"label", std::string(t.label)}};
    if (&t == tab) entry["current"] = true;
    tabs.push_back(entry);
  }
  std::string client;
  if (project.fields.client_id)
    if (auto party = sql::find_party(page.db, page.org_id(), *project.fields.client_id))
      client = party->fields.name;
  Data data = Object{{"id", std::to_string(project.id)},
                     {"number", project.fields.number},
                     {"name", project.fields.name},
                     {"status", status_label(project.fields.status)},
                     {"original", money(f.original_contract_sum.value)},
                     {"approved_cos", money(f.approved_change_orders.value)},
                     {"contract_sum", money(f.contract_sum_to_date.value)},
                     {"billed", money(f.billed_to_date.value)},
                     {"retainage", money(f.retainage_held.value)},
                     {"outstanding", money(f.outstanding.value)},
                     {"balance", money(f.balance_to_finish.value)},
                     {"tabs", tabs},
                     {"tab", tab_content}};
  set_text(data, "client", client);
  set_text(data, "site_address", project.fields.site_address);
  return page.page(project.fields.number + " " + project.fields.name, page.render("project", data));
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

void add_project_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/projects", kMember, list,
             "Projects: live search, status filter, new project form");
  routes.add(http::Verb::post, "/projects", kWriteProjects, create, "Create a project");
  routes.add(
      http::Verb::get, "/projects/{id}", kMember,
      [](PageContext& page) { return show_tab(page, "estimates"); },
      "A project: its Estimates tab");
  for (const Tab& tab : kTabs) {
    std::string slug(tab.slug);
    routes.add(
        http::Verb::get, "/projects/{id}/" + slug, kMember,
        [slug](PageContext& page) { return show_tab(page, slug); },
        "A project: its " + std::string(tab.label) + " tab");
  }
  routes.add(http::Verb::post, "/projects/{id}/estimates", kWriteCommercial, create_estimate,
             "Start an estimate of a project");
}

}  // namespace construction::views
