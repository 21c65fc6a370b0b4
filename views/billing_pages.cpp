// The project's Billing tab (GET /projects/{id}/billing): its pay
// applications and invoices with their empty states, and the form that makes
// the next pay application. A role without commercial access sees that it
// may not.
#include "domain/pay_application.hpp"
#include "domain/validation.hpp"
#include "operations/invoice_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/list_pages.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

std::string billing_tab(PageContext& page, const sql::ProjectRecord& project,
                        const domain::FieldErrors& errors) {
  Data data = commercial_tab_data(page, project, errors);
  if (!page.may(domain::Permission::read_commercial))
    return page.render("pay_applications/billing_tab", data);
  List applications;
  std::optional<domain::PayApplicationStatus> latest;
  // A page of each list, each after its own cursor (DESIGN.md, Web app,
  // "Lists that go on").
  sql::Page application_page = requested_page(page.http, "applications_after");
  sql::Page invoice_page = requested_page(page.http, "invoices_after");
  auto [listed, listed_invoices] = sql::fetch_together(
      page.db, sql::pay_applications_query(page.org_id(), project.id, application_page),
      sql::invoices_query(page.org_id(), project.id, invoice_page));
  std::string tab_url = "/projects/" + std::to_string(project.id) + "/billing";
  set_list_pages(data, "application_pages",
                 {tab_url, "applications_after", "pay-applications", "pay applications"},
                 application_page, listed);
  set_list_pages(data, "invoice_pages", {tab_url, "invoices_after", "invoices", "invoices"},
                 invoice_page, listed_invoices);
  for (const auto& a : listed.rows) {
    Object row{{"id", std::to_string(a.id)},
               {"number", std::to_string(a.number)},
               {"period_to", date(a.period_to)},
               {"status", std::string(to_string(a.status))},
               {"status_label", status_label(to_string(a.status))},
               {"requested", money(a.g702.current_payment_due_cents)},
               {"certified", a.certified_cents ? money(*a.certified_cents) : std::string("—")}};
    applications.push_back(row);
    latest = a.status;  // in id order: the last is the latest
  }
  // The latest is on this page only when this page is the whole list.
  bool any_application = !applications.empty();
  if (application_page.after_id || listed.more) {
    auto stored = sql::latest_pay_application(page.db, page.org_id(), project.id);
    latest = stored ? std::optional(stored->status) : std::nullopt;
    any_application = stored.has_value();
  }
  List invoices;
  for (const auto& i : listed_invoices.rows) {
    Object row{{"id", std::to_string(i.id)},
               {"number", i.fields.number},
               {"kind", status_label(to_string(i.fields.kind))},
               {"status", std::string(to_string(i.status))},
               {"status_label", status_label(to_string(i.status))},
               {"due", i.fields.due_date ? date(*i.fields.due_date) : std::string("—")},
               {"total", money(i.fields.total_cents)},
               {"balance", money(domain::invoice_balance(i.fields.total_cents, i.paid_cents))}};
    if (operations::is_overdue(i)) row["overdue"] = true;
    invoices.push_back(row);
  }
  data.set("applications", applications);
  data.set("invoices", invoices);
  if (!applications.empty()) data.set("has_applications", true);
  if (!invoices.empty()) data.set("has_invoices", true);
  // The next application: refused while the last is not certified, and
  // without a schedule of values (the operation says so, 409, if asked).
  auto refused = domain::refuse_new_application(latest);
  if (refused)
    data.set("waiting", refused->message);
  else if (project.original_contract_sum_cents == domain::Cents{} && !any_application)
    data.set("no_schedule", true);
  else
    data.set("can_start", true);
  data.set("period_to", page.field("period_to").empty() ? today() : page.field("period_to"));
  return page.render("pay_applications/billing_tab", data);
}

std::string billing_tab_content(PageContext& page, const sql::ProjectRecord& project) {
  return billing_tab(page, project, {});
}

http::Response create_pay_application(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  auto create = [&] {
    auto document = operations::create_pay_application(page.db, page.org_id(), project.id, [&] {
      auto period_to = domain::parse_date(page.field("period_to"));
      if (!period_to)
        throw operations::field_error("period_to", "must be a date such as 2026-12-31");
      return *period_to;
    });
    return page.redirect("/pay-applications/" + std::to_string(document.application.id),
                         "Pay application #" + std::to_string(document.application.number) +
                             " started: enter this period's work line by line.");
  };
  return submit_form(create, {.invalid = [&](const domain::FieldErrors& errors) {
                       return page.fragment(billing_tab(page, project, errors), 422);
                     }});
}

}  // namespace

const ProjectTab kBillingTab{"billing", "Billing", true, billing_tab_content};

void add_billing_routes(PageRoutes& routes) {
  routes.add_project_page(
      http::Verb::get, "/projects/{id}/billing", kMember,
      [](PageContext& page) { return show_tab(page, kBillingTab); }, "A project: its Billing tab");
  routes.add(http::Verb::post, "/projects/{id}/pay-applications", kWriteCommercial,
             create_pay_application, "Make a project's next pay application");
}

}  // namespace construction::views
