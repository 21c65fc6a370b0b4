// /change-orders/{id}: the change order editor, the estimate editor's twin
// (views/line_form.hpp): lines added, edited in place and deleted with htmx,
// a credit line (negative unit cost) shown as a negative amount, the order's
// amount re-rendered out of band after each change. Approve / reject / void
// show only where domain/change_order.hpp allows them; an approval adds the
// order to the project's contract sum (the operation's schedule-of-values
// line), which the project header shows. A draft is submitted from "Send…",
// as an estimate or invoice is sent: the form emails it, or marks it
// submitted without emailing (handed over otherwise); what was sent is
// listed below the lines. POST /change-orders/{id}/submit stays, the
// transition alone, as the API's `submit` does.
#include <cstdlib>

#include "domain/change_order.hpp"
#include "operations/change_order_document.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "views/action_buttons.hpp"
#include "views/document_sending.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/list_pages.hpp"
#include "views/page_routes.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"
#include "views/signature_requests.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

using domain::ChangeOrderAction;
using operations::ChangeOrderDocument;

constexpr const char* kDraftLinesOnly = "Only a draft change order's lines change";

std::int64_t number_in_path(const PageContext& page, std::string_view name) {
  auto id = path_number(page.http, name);
  if (!id) throw operations::not_found();
  return *id;
}

bool editable(const sql::ChangeOrderRecord& order) {
  return domain::is_editable(order.status);
}

LineEditor line_editor(const PageContext& page, const sql::ChangeOrderRecord& order) {
  return {"/change-orders/" + std::to_string(order.id),
          editable(order) && page.may(domain::Permission::write_commercial),
          domain::UnitCostSign::credit_allowed,
          "Add the first below; a negative unit cost (-1,200.00) is a credit to the owner."};
}

std::string amount_block(const PageContext& page, const sql::ChangeOrderRecord& order, bool oob) {
  Data data = Object{{"amount", money(order.amount_cents)},
                     {"days", std::to_string(order.fields.days_delta) +
                                  (std::abs(order.fields.days_delta) == 1 ? " day" : " days")}};
  if (order.amount_cents < domain::Cents{}) data.set("credit", true);
  if (oob) data.set("oob", true);
  return page.render("change_orders/amount", data);
}

List actions(const PageContext& page, const sql::ChangeOrderRecord& order) {
  if (!page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<ChangeOrderAction> buttons[] = {
      {ChangeOrderAction::approve, "Owner approved", ""},
      {ChangeOrderAction::reject, "Owner rejected", "secondary"},
      {ChangeOrderAction::void_, "Void", "outline contrast", "Void this change order?"}};
  return action_buttons(order.status, buttons, "/change-orders/" + std::to_string(order.id));
}

// ---- the page

struct ChangeOrderView {
  ChangeOrderDocument document;
  sql::ProjectRecord project;
  std::vector<sql::MessageRecord> sent;
  std::vector<sql::SignatureRequestRecord> signature_requests;
  std::vector<sql::SignatureSignerRecord> signers;
};

// Everything the page shows, loaded in one place, in one round trip: the
// order with its lines, its project, what was sent of it and its signature
// requests.
ChangeOrderView load(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  operations::SignedDocumentRef signed_ref{domain::SignedDocumentKind::change_order, id};
  auto [found, project, sent, requests, signers] = sql::fetch_together(
      page.db, sql::change_order_with_lines_query(page.org_id(), id),
      sql::project_of_change_order_query(page.org_id(), id),
      sent_messages_query(page, {operations::DocumentKind::change_order, id}),
      signature_requests_query(page, signed_ref), signature_signers_query(page, signed_ref));
  if (!found || !project) throw operations::not_found();
  return ChangeOrderView{{std::move(found->order), std::move(found->lines)},
                         std::move(*project),
                         std::move(sent),
                         std::move(requests),
                         std::move(signers)};
}

http::Response editor(PageContext& page, const ChangeOrderView& view, bool typed,
                      const domain::FieldErrors& errors, unsigned status) {
  const sql::ChangeOrderRecord& order = view.document.order;
  LineEditor lines = line_editor(page, order);
  Data data = Object{{"id", std::to_string(order.id)},
                     {"number", order.fields.number},
                     {"title", order.fields.title},
                     {"status", std::string(to_string(order.status))},
                     {"status_label", status_label(to_string(order.status))},
                     {"project_id", std::to_string(view.project.id)},
                     {"project", view.project.fields.number + " · " + view.project.fields.name},
                     {"created", date(order.created_at)},
                     {"csrf", page.csrf()},
                     {"actions", actions(page, order)},
                     {"amount", amount_block(page, order, false)},
                     {"rows", line_rows(page, lines, view.document.lines)}};
  set_text(data, "reason", order.fields.reason);
  if (order.approved_at) data.set("approved", date(*order.approved_at));
  if (lines.editable) data.set("add_form", add_line_form(page, lines, typed, errors, false));
  operations::SentRecord record{operations::DocumentKind::change_order, order.id};
  set_text(data, "send_link", send_link(page, record, order.status));
  data.set("sent_messages", sent_messages_section(page, view.sent));
  operations::SignedDocumentRef signed_ref{domain::SignedDocumentKind::change_order, order.id};
  set_text(data, "signature_link", signature_link(page, signed_ref, order.status));
  data.set("signature_requests",
           signature_requests_section(page, view.signature_requests, view.signers));
  return page.page(order.fields.number + " " + order.fields.title,
                   page.render("change_orders/show", data), status);
}

http::Response show(PageContext& page) {
  return editor(page, load(page), false, {}, 200);
}

// ---- lines

http::Response lines_changed(PageContext& page, const sql::ChangeOrderRecord& order,
                             const std::string& primary, const std::string& message,
                             const std::string& extra = {}) {
  if (!page.hx) return page.redirect("/change-orders/" + std::to_string(order.id), message);
  return changed_in_place(page, primary, amount_block(page, order, true) + extra, message);
}

sql::LineFields read_line(const PageContext& page, const sql::LineFields& base) {
  return line_from_form(page, base, domain::UnitCostSign::credit_allowed);
}

http::Response add_line(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  auto submit = [&] {
    auto change = operations::add_change_order_line(
        page.db, page.org_id(), id,
        [&](const sql::LineFields& base) { return read_line(page, base); });
    ChangeOrderDocument document = operations::load_change_order(page.db, page.org_id(), id);
    page.form.clear();  // a fresh form for the next line
    LineEditor lines = line_editor(page, document.order);
    return lines_changed(page, document.order, line_rows(page, lines, document.lines),
                         "Line added: " + change.line.fields.description + ".",
                         add_line_form(page, lines, false, {}, true));
  };
  return submit_form(
      submit, {.invalid = [&](const domain::FieldErrors& errors) {
        ChangeOrderView view = load(page);
        if (!page.hx) return editor(page, view, true, errors, 422);
        return add_line_again(
            page, add_line_form(page, line_editor(page, view.document.order), true, errors, false));
      }});
}

std::pair<sql::ChangeOrderRecord, sql::ChangeOrderLineRecord> find_line(PageContext& page) {
  ChangeOrderDocument document =
      operations::load_change_order(page.db, page.org_id(), number_in_path(page, "id"));
  std::int64_t wanted = number_in_path(page, "line_id");
  for (const auto& line : document.lines)
    if (line.id == wanted) return {document.order, line};
  throw operations::not_found();
}

http::Response show_line(PageContext& page) {
  auto [order, line] = find_line(page);
  if (!page.hx) return page.redirect("/change-orders/" + std::to_string(order.id));
  return page.fragment(views::line_row(page, line_editor(page, order), line.id, line.fields));
}

http::Response edit_line(PageContext& page) {
  auto [order, line] = find_line(page);
  if (!editable(order)) throw operations::invalid_state(kDraftLinesOnly);
  if (!page.hx) return page.redirect("/change-orders/" + std::to_string(order.id));
  return page.fragment(
      edit_line_row(page, line_editor(page, order), line.id, line.version, line.fields, false, {}));
}

http::Response stale_line(PageContext& page) {
  return stale_row(
      page, "line",
      [&](const std::string& message) {
        auto [order, line] = find_line(page);
        if (!editable(order)) throw operations::invalid_state(kDraftLinesOnly);
        return edit_line_row(page, line_editor(page, order), line.id, line.version, line.fields,
                             false, {}, message);
      },
      [&] { return editor(page, load(page), false, {}, 409); });
}

http::Response save_line(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  auto submit = [&] {
    auto change = operations::change_change_order_line(
        page.db, page.org_id(), id, number_in_path(page, "line_id"), form_version(page),
        [&](const sql::LineFields& stored) { return read_line(page, stored); });
    return lines_changed(
        page, change.order,
        views::line_row(page, line_editor(page, change.order), change.line.id, change.line.fields),
        "Line saved: " + change.line.fields.description + ".");
  };
  return submit_form(submit, {.invalid =
                                  [&](const domain::FieldErrors& errors) {
                                    auto [order, line] = find_line(page);
                                    return page.fragment(
                                        edit_line_row(page, line_editor(page, order), line.id,
                                                      line.version, line.fields, true, errors),
                                        422);
                                  },
                              .stale = [&] { return stale_line(page); }});
}

http::Response delete_line(PageContext& page) {
  auto [order, line] = find_line(page);
  operations::remove_change_order_line(page.db, page.org_id(), order.id, line.id);
  ChangeOrderDocument document = operations::load_change_order(page.db, page.org_id(), order.id);
  return lines_changed(page, document.order,
                       line_rows(page, line_editor(page, document.order), document.lines),
                       "Line deleted: " + line.fields.description + ".");
}

// ---- transitions

http::Response transition(PageContext& page, ChangeOrderAction action) {
  ChangeOrderDocument document = operations::transition_change_order(
      page.db, page.org_id(), number_in_path(page, "id"), action);
  const sql::ChangeOrderRecord& order = document.order;
  std::string done = action == ChangeOrderAction::submit ? "submitted to the owner"
                     : action == ChangeOrderAction::approve
                         ? "approved: the contract sum changes by " + money(order.amount_cents)
                     : action == ChangeOrderAction::reject ? "rejected"
                                                           : "void";
  return page.redirect("/change-orders/" + std::to_string(order.id),
                       "Change order " + order.fields.number + " " + done + ".");
}

// ---- the project's Change orders tab

std::string change_orders_tab(PageContext& page, const sql::ProjectRecord& project,
                              const domain::FieldErrors& errors) {
  Data data = commercial_tab_data(page, project, errors);
  List rows;
  if (page.may(domain::Permission::read_commercial)) {
    sql::Page listed = requested_page(page.http, "after");
    auto orders = sql::list_change_orders(page.db, page.org_id(), project.id, listed);
    set_list_pages(data, "order_pages",
                   {"/projects/" + std::to_string(project.id) + "/change-orders", "after",
                    "change-orders", "change orders"},
                   listed, orders);
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
  return page.render("change_orders/tab", data);
}

http::Response create_change_order(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  auto create = [&] {
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
                             " started: add its lines, then send it to the owner.");
  };
  return submit_form(create, {.invalid = [&](const domain::FieldErrors& errors) {
                       return page.fragment(change_orders_tab(page, project, errors), 422);
                     }});
}

std::string change_orders_tab_content(PageContext& page, const sql::ProjectRecord& project) {
  return change_orders_tab(page, project, {});
}

}  // namespace

const ProjectTab kChangeOrdersTab{"change-orders", "Change orders", true,
                                  change_orders_tab_content};

void add_change_order_routes(PageRoutes& routes) {
  routes.add_project_page(
      http::Verb::get, "/projects/{id}/change-orders", kMember,
      [](PageContext& page) { return show_tab(page, kChangeOrdersTab); },
      "A project: its Change orders tab");
  routes.add(http::Verb::post, "/projects/{id}/change-orders", kWriteCommercial,
             create_change_order, "Start a change order of a project");
  routes.add(http::Verb::get, "/change-orders/{id}", kCommercial, show, "The change order editor");
  routes.add(http::Verb::post, "/change-orders/{id}/lines", kWriteCommercial, add_line,
             "Add a line (or a credit) to a draft change order");
  routes.add(http::Verb::get, "/change-orders/{id}/lines/{line_id}", kCommercial, show_line,
             "One change order line's row");
  routes.add(http::Verb::get, "/change-orders/{id}/lines/{line_id}/edit", kWriteCommercial,
             edit_line, "One change order line's row as a form");
  routes.add(http::Verb::post, "/change-orders/{id}/lines/{line_id}", kWriteCommercial, save_line,
             "Save a changed change order line");
  routes.add(http::Verb::post, "/change-orders/{id}/lines/{line_id}/delete", kWriteCommercial,
             delete_line, "Delete a change order line");
  routes.add(http::Verb::post, "/change-orders/{id}/submit", kWriteCommercial,
             bind_handler(transition, ChangeOrderAction::submit), "Change order: submit");
  routes.add(http::Verb::post, "/change-orders/{id}/approve", kWriteCommercial,
             bind_handler(transition, ChangeOrderAction::approve), "Change order: approve");
  routes.add(http::Verb::post, "/change-orders/{id}/reject", kWriteCommercial,
             bind_handler(transition, ChangeOrderAction::reject), "Change order: reject");
  routes.add(http::Verb::post, "/change-orders/{id}/void", kWriteCommercial,
             bind_handler(transition, ChangeOrderAction::void_), "Change order: void");
}

}  // namespace construction::views
