// /change-orders/{id}: the change order editor, the estimate editor's twin
// (views/line_form.hpp): lines added, edited in place and deleted with htmx,
// a credit line (negative unit cost) shown as a negative amount, the order's
// amount re-rendered out of band after each change. Submit / approve /
// reject / void show only where domain/change_order.hpp allows them; an
// approval adds the order to the project's contract sum (the operation's
// schedule-of-values line), which the project header shows.
#include <cstdlib>

#include "domain/change_order.hpp"
#include "operations/change_order_document.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
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
  return page.render("change_order_amount", data);
}

List actions(const PageContext& page, const sql::ChangeOrderRecord& order) {
  List list;
  if (!page.may(domain::Permission::write_commercial)) return list;
  struct Button {
    ChangeOrderAction action;
    const char* label;
    const char* style;
    const char* confirm;
  };
  const Button buttons[] = {
      {ChangeOrderAction::submit, "Submit to owner", "", ""},
      {ChangeOrderAction::approve, "Owner approved", "", ""},
      {ChangeOrderAction::reject, "Owner rejected", "secondary", ""},
      {ChangeOrderAction::void_, "Void", "outline contrast", "Void this change order?"}};
  for (const Button& b : buttons) {
    if (!domain::transition(order.status, b.action)) continue;
    Object button{{"action", std::string(domain::to_string(b.action))},
                  {"label", std::string(b.label)},
                  {"style", std::string(b.style)}};
    if (*b.confirm) button["confirm"] = std::string(b.confirm);
    list.push_back(button);
  }
  return list;
}

// ---- the page

struct ChangeOrderView {
  ChangeOrderDocument document;
  sql::ProjectRecord project;
};

// Everything the page shows, loaded in one place, in one round trip: the
// order with its lines, and its project.
ChangeOrderView load(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  auto [found, project] =
      sql::fetch_together(page.db, sql::change_order_with_lines_query(page.org_id(), id),
                          sql::project_of_change_order_query(page.org_id(), id));
  if (!found || !project) throw operations::not_found();
  return ChangeOrderView{{std::move(found->order), std::move(found->lines)}, std::move(*project)};
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
  return page.page(order.fields.number + " " + order.fields.title,
                   page.render("change_order", data), status);
}

http::Response show(PageContext& page) {
  return editor(page, load(page), false, {}, 200);
}

// ---- lines

bool invalid_fields(const operations::Refusal& refusal) {
  return refusal.kind == operations::Refusal::Kind::invalid_fields;
}

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
  try {
    auto change = operations::add_change_order_line(
        page.db, page.org_id(), id,
        [&](const sql::LineFields& base) { return read_line(page, base); });
    ChangeOrderDocument document = operations::load_change_order(page.db, page.org_id(), id);
    page.form.clear();  // a fresh form for the next line
    LineEditor lines = line_editor(page, document.order);
    return lines_changed(page, document.order, line_rows(page, lines, document.lines),
                         "Line added: " + change.line.fields.description + ".",
                         add_line_form(page, lines, false, {}, true));
  } catch (const operations::Refusal& refusal) {
    if (!invalid_fields(refusal)) throw;
    ChangeOrderView view = load(page);
    if (!page.hx) return editor(page, view, true, refusal.fields, 422);
    http::Response res = page.fragment(
        add_line_form(page, line_editor(page, view.document.order), true, refusal.fields, false),
        422);
    res.set("HX-Retarget", "#add-line");
    res.set("HX-Reswap", "outerHTML");
    return res;
  }
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
  try {
    auto change = operations::change_change_order_line(
        page.db, page.org_id(), id, number_in_path(page, "line_id"), form_version(page),
        [&](const sql::LineFields& stored) { return read_line(page, stored); });
    return lines_changed(
        page, change.order,
        views::line_row(page, line_editor(page, change.order), change.line.id, change.line.fields),
        "Line saved: " + change.line.fields.description + ".");
  } catch (const operations::Refusal& refusal) {
    if (is_stale(refusal)) return stale_line(page);
    if (!invalid_fields(refusal)) throw;
    auto [order, line] = find_line(page);
    return page.fragment(edit_line_row(page, line_editor(page, order), line.id, line.version,
                                       line.fields, true, refusal.fields),
                         422);
  }
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

}  // namespace

void add_change_order_routes(PageRoutes& routes) {
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
