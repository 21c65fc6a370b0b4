// /projects (list with live search and status filter, new project form) and
// /projects/{id}, the page around its tabs. Each tab is its resource's: its
// content and its URL (/projects/{id}/estimates in views/estimate_pages.cpp,
// …/change-orders in views/change_order_pages.cpp, …) are written there
// (views/project_page.hpp); htmx loads a tab into #tab and pushes its URL;
// the same URL opened directly is the whole page with that tab.

#include <array>
#include <tuple>

#include "operations/project_financials.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/list_pages.hpp"
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

// The new-project form's choices of client and of architect: the
// organisation's parties of that kind.
sql::Query<sql::PageOf<sql::PartyRecord>> parties_of_kind_query(const PageContext& page,
                                                                domain::PartyKind kind) {
  return sql::parties_query(page.org_id(), {std::string(to_string(kind)), std::nullopt},
                            sql::Page{std::nullopt, 200});
}

// The choices for the form, with their parties read in one round trip.
struct FormParties {
  sql::PageOf<sql::PartyRecord> clients, architects;
};

auto form_parties_queries(const PageContext& page) {
  return std::tuple{parties_of_kind_query(page, domain::PartyKind::client),
                    parties_of_kind_query(page, domain::PartyKind::architect)};
}

List party_options(const sql::PageOf<sql::PartyRecord>& parties, const std::string& selected) {
  List options;
  for (const auto& c : parties.rows) {
    Object option{{"value", std::to_string(c.id)}, {"label", c.fields.name}};
    if (std::to_string(c.id) == selected) option["selected"] = true;
    options.push_back(std::move(option));
  }
  return options;
}

// ---- the list

constexpr int kProjectsListed = kListPage;  // rows per page of the list

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
  // The next page is the rows after this one's last (keyset, never an
  // offset): the same search and status, `after` the last id shown.
  // From the second page on, the first is a click away.
  data["q"] = filter.text.value_or("");
  data["status"] = filter.status.value_or("");
  if (requested_page(page.http, "after").after_id) data["paged"] = true;
  if (projects.more)
    data["more"] = Object{{"after", std::to_string(projects.rows.back().id)},
                          {"count", std::to_string(kProjectsListed)}};
  if (projects.more || data.find("paged")) data["pages"] = true;
  return page.render("projects/rows", data);
}

std::string project_form(PageContext& page, const domain::FieldErrors& errors,
                         const FormParties& parties) {
  Data data = Object{{"csrf", page.csrf()},
                     {"number", page.field("number")},
                     {"name", page.field("name")},
                     {"site_address", page.field("site_address")},
                     {"start_date", page.field("start_date")},
                     {"completion_date", page.field("completion_date")},
                     {"statuses", status_options(page.field("status").empty()
                                                     ? std::string_view("active")
                                                     : std::string_view(page.field("status")))},
                     {"clients", party_options(parties.clients, page.field("client_id"))},
                     {"architects", party_options(parties.architects, page.field("architect_id"))},
                     {"errors", error_data(errors)}};
  if (!errors.empty()) data.set("open", true);
  return page.render("projects/form", data);
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

// The list's page: kProjectsListed rows after the id in ?after= (the last
// of the page before), or the first ones.
sql::Page list_page(const http::RequestContext& http) {
  return requested_page(http, "after");
}

// Read with the member, in one round trip: the clients and architects too,
// whether or not the member may use the new-project form (a read of a dozen
// rows, cheaper than a second round trip).
auto list_reads(const PageContext& page) {
  return std::tuple_cat(std::tuple{sql::project_listings_query(
                            page.org_id(), list_filter(page.http), list_page(page.http))},
                        form_parties_queries(page));
}

http::Response list(PageContext& page, const sql::PageOf<sql::ProjectListing>& projects,
                    const sql::PageOf<sql::PartyRecord>& clients,
                    const sql::PageOf<sql::PartyRecord>& architects) {
  sql::ProjectFilter filter = list_filter(page.http);
  if (page.hx && page.hx_target == "project-rows")
    return page.fragment(project_rows(page, filter, projects));
  Data data = Object{{"q", filter.text.value_or("")},
                     {"statuses", status_options(filter.status.value_or(""))}};
  data["rows"] = project_rows(page, filter, projects);
  if (page.may(domain::Permission::read_commercial)) data["figures"] = true;
  if (page.may(domain::Permission::write_projects))
    data["form"] = project_form(page, {}, {clients, architects});
  return page.page("Projects", page.render("projects/index", data));
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
  // What is no number is no party's id: the operation refuses it as it
  // refuses another organisation's party.
  if (std::string client = page.field("client_id"); !client.empty())
    fields.client_id = whole_number(client).value_or(0);
  if (std::string architect = page.field("architect_id"); !architect.empty())
    fields.architect_id = whole_number(architect).value_or(0);
  fields.start_date = form_date(page, "start_date", unread);
  fields.completion_date = form_date(page, "completion_date", unread);
  auto submit = [&] {
    auto project = operations::create_project(page.db, page.org_id(), fields, unread);
    return page.redirect("/projects/" + std::to_string(project.id),
                         "Project " + project.fields.number + " created.");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       auto [clients, architects] = std::apply(
                           [&](const auto&... q) { return sql::fetch_together(page.db, q...); },
                           form_parties_queries(page));
                       return page.fragment(project_form(page, errors, {clients, architects}), 422);
                     }});
}

// ---- one project

// The tab strip, in its order.
const ProjectTab* const kTabs[] = {&kEstimatesTab, &kChangeOrdersTab, &kBillingTab,
                                   &kBudgetTab,    &kScheduleTab,     &kDailyLogsTab};

bool offered(const PageContext& page, const ProjectTab& tab) {
  return !tab.commercial || page.may(domain::Permission::read_commercial);
}

// The tab /projects/{id} opens on: the first the member's role is offered.
const ProjectTab& first_tab(const PageContext& page) {
  for (const ProjectTab* t : kTabs)
    if (offered(page, *t)) return *t;
  return *kTabs[0];
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

Data commercial_tab_data(PageContext& page, const sql::ProjectRecord& project,
                         const domain::FieldErrors& errors) {
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"csrf", page.csrf()},
                     {"errors", error_data(errors)}};
  if (page.may(domain::Permission::write_commercial)) data.set("can_write", true);
  if (!page.may(domain::Permission::read_commercial)) data.set("hidden", true);
  return data;
}

http::Response show_tab(PageContext& page, const ProjectTab& tab) {
  sql::ProjectWithFigures project = find_project(page);
  return project_page(page, project, tab, tab.content(page, project));
}

http::Response project_page(PageContext& page, const sql::ProjectRecord& project,
                            const ProjectTab& tab, const std::string& tab_content,
                            unsigned status) {
  if (page.hx && page.hx_target == "tab")
    return project_page(page, sql::ProjectWithFigures{project, {}, {}}, tab, tab_content, status);
  return project_page(page, find_project(page, project.id), tab, tab_content, status);
}

http::Response project_page(PageContext& page, const sql::ProjectWithFigures& project,
                            const ProjectTab& tab, const std::string& tab_content,
                            unsigned status) {
  std::string title =
      project.fields.number + " " + project.fields.name + " · " + std::string(tab.label);
  if (page.hx && page.hx_target == "tab") {
    // The tab alone, with its title (htmx sets the document's) and the flash.
    std::string html = page.render("layout/tab_title", Object{{"title", title}}) + tab_content;
    if (!page.flash.empty()) html += page.flash_oob(page.flash);
    return page.fragment(html, status);
  }
  List tabs;
  for (const ProjectTab* t : kTabs) {
    if (!offered(page, *t)) continue;
    Object entry{{"slug", std::string(t->slug)}, {"label", std::string(t->label)}};
    if (t == &tab) entry["current"] = true;
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
    data.set("financials", Object{{"original", money(f.original_contract_sum)},
                                  {"approved_cos", money(f.approved_change_orders)},
                                  {"contract_sum", money(f.contract_sum_to_date)},
                                  {"billed", money(f.billed_to_date)},
                                  {"retainage", money(f.retainage_held)},
                                  {"outstanding", money(f.outstanding)},
                                  {"balance", money(f.balance_to_finish)}});
  }
  set_text(data, "client", project.client_name);
  set_text(data, "architect", project.architect_name);
  set_text(data, "site_address", project.fields.site_address);
  return page.page(title, page.render("projects/show", data), status);
}

void add_project_routes(PageRoutes& routes) {
  routes.add_with_reads(http::Verb::get, "/projects", kMember, list_reads, list,
                        "Projects: live search, status filter, new project form");
  routes.add(http::Verb::post, "/projects", kWriteProjects, create, "Create a project");
  routes.add_project_page(
      http::Verb::get, "/projects/{id}", kMember,
      [](PageContext& page) { return show_tab(page, first_tab(page)); },
      "A project: its first tab the member's role opens (Estimates, or Schedule for field)");
}

}  // namespace construction::views
