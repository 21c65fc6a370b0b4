#include "views/billing_tabs.hpp"

#include "domain/pay_application.hpp"
#include "domain/validation.hpp"
#include "operations/change_order_document.hpp"
#include "operations/invoice_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

const sql::Page kAll{std::nullopt, 200};

Data tab_data(PageContext& page, const sql::ProjectRecord& project,
              const domain::FieldErrors& errors) {
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"csrf", page.csrf()},
                     {"errors", error_data(errors)}};
  if (page.may(domain::Permission::write_commercial)) data.set("can_write", true);
  if (!page.may(domain::Permission::read_commercial)) data.set("hidden", true);
  return data;
}

http::Response create_change_order(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  try {
    auto document = operations::create_change_order(page.db, page.org_id(), project.id, [&] {
      domain::FieldErrors errors;
      operations::NewChangeOrder order;
      order.fields.title = page.field("title");
      order.fields.reason = page.field("reason");
      if (domain::is_blank(order.fields.title)) errors.add("title", "is required");
      if (domain::count_characters(order.fields.title) > 200)
        errors.add("title", "must be at most 200 characters");
      if (domain::count_characters(order.fields.reason) > 2000)
        errors.add("reason", "must be at most 2000 characters");
      if (std::string days = page.field("days_delta"); !days.empty()) {
        auto whole_days = whole_number(days);
        if (!whole_days || *whole_days > 3650 || *whole_days < -3650)
          errors.add("days_delta", "must be a whole number of days such as 5 or -2");
        else
          order.fields.days_delta = *whole_days;
      }
      if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
      return order;
    });
    return page.redirect("/change-orders/" + std::to_string(document.order.id),
                         "Change order " + document.order.fields.number +
                             " started: add its lines, then submit it to the owner.");
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    return page.fragment(change_orders_tab(page, project, refusal.fields), 422);
  }
}

http::Response create_pay_application(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  try {
    auto document = operations::create_pay_application(page.db, page.org_id(), project.id, [&] {
      auto period_to = domain::parse_date(page.field("period_to"));
      if (!period_to)
        throw operations::field_error("period_to", "must be a date such as 2026-12-31");
      return *period_to;
    });
    return page.redirect("/pay-applications/" + std::to_string(document.application.id),
                         "Pay application #" + std::to_string(document.application.number) +
                             " started: enter this period's work line by line.");
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    return page.fragment(billing_tab(page, project, refusal.fields), 422);
  }
}

}  // namespace

std::string change_orders_tab(PageContext& page, const sql::ProjectRecord& project,
                              const domain::FieldErrors& errors) {
  Data data = tab_data(page, project, errors);
  List rows;
  if (page.may(domain::Permission::read_commercial)) {
    auto orders = sql::list_change_orders(page.db, page.org_id(), project.id, kAll);
    for (const auto& c : orders.rows) {
      Object row{{"id", std::to_string(c.id)},
                 {"number", c.fields.number},
                 {"title", c.fields.title},
                 {"status", std::string(to_string(c.status))},
                 {"status_label", status_label(to_string(c.status))},
                 {"amount", money(c.amount_cents)},
                 {"days", std::to_string(c.fields.days_delta)}};
      rows.push_back(row);
    }
  }
  data.set("orders", rows);
  if (!rows.empty()) data.set("has_orders", true);
  data.set("title", page.field("title"));
  data.set("reason", page.field("reason"));
  data.set("days_delta", page.field("days_delta"));
  if (!errors.empty()) data.set("open", true);
  return page.render("project_change_orders", data);
}

std::string billing_tab(PageContext& page, const sql::ProjectRecord& project,
                        const domain::FieldErrors& errors) {
  Data data = tab_data(page, project, errors);
  if (!page.may(domain::Permission::read_commercial)) return page.render("project_billing", data);
  List applications;
  std::optional<domain::PayApplicationStatus> latest;
  auto [listed, listed_invoices] =
      sql::fetch_together(page.db, sql::pay_applications_query(page.org_id(), project.id, kAll),
                          sql::invoices_query(page.org_id(), project.id, kAll));
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
  else if (project.original_contract_sum_cents == 0 && applications.empty())
    data.set("no_schedule", true);
  else
    data.set("can_start", true);
  data.set("period_to", page.field("period_to").empty() ? today() : page.field("period_to"));
  return page.render("project_billing", data);
}

void add_billing_tab_routes(PageRoutes& routes) {
  routes.add(http::Verb::post, "/projects/{id}/change-orders", kWriteCommercial,
             create_change_order, "Start a change order of a project");
  routes.add(http::Verb::post, "/projects/{id}/pay-applications", kWriteCommercial,
             create_pay_application, "Make a project's next pay application");
}

}  // namespace construction::views
