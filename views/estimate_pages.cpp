// /estimates/{id}: the estimate editor. Lines are added, edited in place and
// deleted with htmx; every change answers the changed rows and, out of band,
// the totals and margin (recomputed by the operation in the same
// transaction) and a flash. Accept / decline / revise show only where the
// state machine (domain/estimate.hpp) allows them; "Send…" opens the form
// that emails it (views/document_sending_pages.cpp), and what was sent is
// listed below the lines. /estimates/{id}/print
// is the document a client is sent: prices only, no costs or markups.
#include "domain/estimate.hpp"
#include "operations/estimate_document.hpp"
#include "operations/estimate_lines.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/estimate_store.hpp"
#include "sql/party_store.hpp"
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

using domain::EstimateAction;
using operations::EstimateDocument;

constexpr const char* kDraftLinesOnly = "Only a draft estimate's lines change";

std::int64_t estimate_id(const PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return *id;
}

std::int64_t line_id(const PageContext& page) {
  auto id = path_number(page.http, "line_id");
  if (!id) throw operations::not_found();
  return *id;
}

bool editable(const sql::EstimateRecord& e) {
  return domain::is_editable(e.status) && !e.revised_by_id;
}

// ---- fragments

LineEditor line_editor(const sql::EstimateRecord& e) {
  return {"/estimates/" + std::to_string(e.id), editable(e), domain::UnitCostSign::non_negative,
          "Add the first below: cost code, description, quantity and unit cost; the price "
          "follows from the markup."};
}

std::string line_row(PageContext& page, const sql::EstimateRecord& e, const sql::LineRecord& line) {
  return views::line_row(page, line_editor(e), line.id, line.fields);
}

std::string line_rows(PageContext& page, const EstimateDocument& d) {
  return views::line_rows(page, line_editor(d.estimate), d.lines);
}

std::string add_form(PageContext& page, const sql::EstimateRecord& e, bool typed,
                     const domain::FieldErrors& errors, bool oob) {
  return add_line_form(page, line_editor(e), typed, errors, oob);
}

std::string edit_row(PageContext& page, const sql::EstimateRecord& e, const sql::LineRecord& line,
                     bool typed, const domain::FieldErrors& errors, const std::string& stale = {}) {
  return edit_line_row(page, line_editor(e), line.id, line.version, line.fields, typed, errors,
                       stale);
}

std::string totals(PageContext& page, const sql::EstimateRecord& e, bool oob) {
  const auto& t = e.totals;
  Data data =
      Object{{"cost", money(t.cost)},         {"subtotal", money(t.subtotal)},
             {"tax", money(t.tax)},           {"tax_rate", rate(e.fields.tax_bps)},
             {"total", money(t.total)},       {"margin_amount", money((t.subtotal - t.cost))},
             {"margin", rate(t.margin.value)}};
  if (oob) data.set("oob", true);
  return page.render("estimates/totals", data);
}

List actions(PageContext& page, const sql::EstimateRecord& e) {
  if (e.revised_by_id || !page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<EstimateAction> buttons[] = {
      {EstimateAction::accept, "Client accepted", ""},
      {EstimateAction::decline, "Client declined", "secondary"},
      {EstimateAction::revise, "Revise", "outline"}};
  return action_buttons(e.status, buttons, "/estimates/" + std::to_string(e.id));
}

// ---- pages

struct EstimateView {
  EstimateDocument document;
  sql::ProjectRecord project;
  std::string client_name;
  std::string client_address;
};

EstimateView load(PageContext& page) {
  EstimateView view{
      operations::load_estimate(page.db, page.org_id(), estimate_id(page)), {}, {}, {}};
  auto project = sql::find_project(page.db, page.org_id(), view.document.estimate.project_id);
  if (!project) throw operations::not_found();
  view.project = *project;
  if (project->fields.client_id)
    if (auto client = sql::find_party(page.db, page.org_id(), *project->fields.client_id)) {
      view.client_name = client->fields.name;
      view.client_address = client->fields.address;
    }
  return view;
}

std::string title_of(const sql::EstimateRecord& e) {
  return e.fields.number + " rev. " + std::to_string(e.revision) + " " + e.fields.title;
}

http::Response editor(PageContext& page, const EstimateView& view, bool typed,
                      const domain::FieldErrors& errors, unsigned status) {
  const sql::EstimateRecord& e = view.document.estimate;
  Data data = Object{{"id", std::to_string(e.id)},
                     {"number", e.fields.number},
                     {"revision", std::to_string(e.revision)},
                     {"title", e.fields.title},
                     {"status", std::string(to_string(e.status))},
                     {"status_label", label(e.status)},
                     {"project_id", std::to_string(view.project.id)},
                     {"project", view.project.fields.number + " · " + view.project.fields.name},
                     {"created", date(e.created_at)},
                     {"csrf", page.csrf()},
                     {"actions", actions(page, e)},
                     {"rows", line_rows(page, view.document)},
                     {"totals", totals(page, e, false)}};
  set_text(data, "client", view.client_name);
  if (e.fields.valid_until) data.set("valid_until", date(*e.fields.valid_until));
  if (e.revised_by_id) data.set("revised_by", std::to_string(*e.revised_by_id));
  operations::SentRecord record{operations::DocumentKind::estimate, e.id};
  if (!e.revised_by_id) set_text(data, "send_link", send_link(page, record, e.status));
  data.set("sent_messages", sent_messages_section(page, record));
  operations::SignedDocumentRef signed_ref{domain::SignedDocumentKind::estimate, e.id};
  if (!e.revised_by_id)
    set_text(data, "signature_link", signature_link(page, signed_ref, e.status));
  data.set("signature_requests", signature_requests_section(page, signed_ref));
  if (editable(e) && page.may(domain::Permission::write_commercial))
    data.set("add_form", add_form(page, e, typed, errors, false));
  return page.page(title_of(e), page.render("estimates/show", data), status);
}

http::Response show(PageContext& page) {
  return editor(page, load(page), false, {}, 200);
}

http::Response print(PageContext& page) {
  EstimateView view = load(page);
  const sql::EstimateRecord& e = view.document.estimate;
  List lines;
  for (const auto& line : view.document.lines)
    lines.push_back(Object{{"description", line.fields.description},
                           {"quantity", quantity_text(line.fields.quantity)},
                           {"unit", line.fields.unit},
                           {"price", money(line.fields.price_cents)}});
  Data data = Object{{"title", title_of(e)},
                     {"org_name", page.org_name},
                     {"number", e.fields.number},
                     {"revision", std::to_string(e.revision)},
                     {"estimate_title", e.fields.title},
                     {"id", std::to_string(e.id)},
                     {"created", date(e.created_at)},
                     {"client_address", view.client_address},
                     {"project", view.project.fields.name},
                     {"site_address", view.project.fields.site_address},
                     {"lines", lines},
                     {"subtotal", money(e.totals.subtotal)},
                     {"tax", money(e.totals.tax)},
                     {"tax_rate", rate(e.fields.tax_bps)},
                     {"total", money(e.totals.total)},
                     {"favicon", page.views.assets.url("favicon.svg")},
                     {"pico_css", page.views.assets.url("pico.min.css")},
                     {"app_css", page.views.assets.url("app.css")}};
  set_text(data, "client", view.client_name);
  set_text(data, "notes", e.fields.notes);
  if (e.fields.valid_until) data.set("valid_until", date(*e.fields.valid_until));
  http::Response res = http::html_response(200, page.render("estimates/print", data));
  return res;
}

// ---- lines

sql::LineFields line_from_form(const PageContext& page, const sql::LineFields& line) {
  return views::line_from_form(page, line, domain::UnitCostSign::non_negative);
}

// After a change to the lines: the rows (or one row), the totals and the
// flash, for htmx; a redirect back to the editor without it.
http::Response lines_changed(PageContext& page, std::int64_t id, const std::string& primary,
                             const sql::EstimateRecord& estimate, const std::string& message,
                             const std::string& extra = {}) {
  if (!page.hx) return page.redirect("/estimates/" + std::to_string(id), message);
  return changed_in_place(page, primary, totals(page, estimate, true) + extra, message);
}

http::Response add_line(PageContext& page) {
  std::int64_t id = estimate_id(page);
  auto submit = [&] {
    auto change = operations::add_line(
        page.db, page.org_id(), id,
        [&](const sql::LineFields& base) { return line_from_form(page, base); });
    EstimateDocument document = operations::load_estimate(page.db, page.org_id(), id);
    page.form.clear();  // a fresh form for the next line
    return lines_changed(page, id, line_rows(page, document), document.estimate,
                         "Line added: " + change.line.fields.description + ".",
                         add_form(page, document.estimate, false, {}, true));
  };
  return submit_form(
      submit, {.invalid = [&](const domain::FieldErrors& errors) {
        EstimateDocument document = operations::load_estimate(page.db, page.org_id(), id);
        if (!page.hx) return editor(page, load(page), true, errors, 422);
        return add_line_again(page, add_form(page, document.estimate, true, errors, false));
      }});
}

std::pair<sql::EstimateRecord, sql::LineRecord> find_line(PageContext& page) {
  EstimateDocument document = operations::load_estimate(page.db, page.org_id(), estimate_id(page));
  std::int64_t wanted = line_id(page);
  for (const auto& line : document.lines)
    if (line.id == wanted) return {document.estimate, line};
  throw operations::not_found();
}

http::Response show_line(PageContext& page) {
  auto [estimate, line] = find_line(page);
  if (!page.hx) return page.redirect("/estimates/" + std::to_string(estimate.id));
  return page.fragment(line_row(page, estimate, line));
}

http::Response edit_line(PageContext& page) {
  auto [estimate, line] = find_line(page);
  if (!editable(estimate)) throw operations::invalid_state(kDraftLinesOnly);
  if (!page.hx) return page.redirect("/estimates/" + std::to_string(estimate.id));
  return page.fragment(edit_row(page, estimate, line, false, {}));
}

http::Response stale_line(PageContext& page) {
  return stale_row(
      page, "line",
      [&](const std::string& message) {
        auto [estimate, line] = find_line(page);
        if (!editable(estimate)) throw operations::invalid_state(kDraftLinesOnly);
        return edit_row(page, estimate, line, false, {}, message);
      },
      [&] { return editor(page, load(page), false, {}, 409); });
}

http::Response save_line(PageContext& page) {
  std::int64_t id = estimate_id(page);
  auto submit = [&] {
    auto change = operations::change_line(
        page.db, page.org_id(), id, line_id(page), form_version(page),
        [&](const sql::LineFields& stored) { return line_from_form(page, stored); });
    return lines_changed(page, id, line_row(page, change.estimate, change.line), change.estimate,
                         "Line saved: " + change.line.fields.description + ".");
  };
  return submit_form(submit, {.invalid =
                                  [&](const domain::FieldErrors& errors) {
                                    auto [estimate, line] = find_line(page);
                                    return page.fragment(
                                        edit_row(page, estimate, line, true, errors), 422);
                                  },
                              .stale = [&] { return stale_line(page); }});
}

http::Response delete_line(PageContext& page) {
  std::int64_t id = estimate_id(page);
  auto [estimate, line] = find_line(page);
  operations::remove_line(page.db, page.org_id(), id, line.id);
  EstimateDocument document = operations::load_estimate(page.db, page.org_id(), id);
  return lines_changed(page, id, line_rows(page, document), document.estimate,
                       "Line deleted: " + line.fields.description + ".");
}

// ---- transitions

http::Response transition(PageContext& page, EstimateAction action) {
  EstimateDocument document =
      operations::transition_estimate(page.db, page.org_id(), estimate_id(page), action);
  const char* done = action == EstimateAction::accept
                         ? "accepted: the project's contract sum is set"
                     : action == EstimateAction::decline ? "declined"
                                                         : "revised: this is the new draft";
  return page.redirect("/estimates/" + std::to_string(document.estimate.id),
                       "Estimate " + document.estimate.fields.number + " " + done + ".");
}

// ---- the project's Estimates tab

std::string estimates_tab(PageContext& page, const sql::ProjectRecord& project,
                          const domain::FieldErrors& errors) {
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"csrf", page.csrf()},
                     {"title", page.field("title")},
                     {"errors", error_data(errors)}};
  List rows;
  if (page.may(domain::Permission::read_commercial)) {
    sql::Page listed = requested_page(page.http, "after");
    auto estimates = sql::list_estimates(page.db, page.org_id(), project.id, listed);
    for (const auto& e : estimates.rows)
      rows.push_back(Object{{"id", std::to_string(e.id)},
                            {"number", e.fields.number},
                            {"revision", std::to_string(e.revision)},
                            {"title", e.fields.title},
                            {"status", std::string(to_string(e.status))},
                            {"total", money(e.totals.total)},
                            {"margin", rate(e.totals.margin.value)}});
    set_list_pages(data, "estimate_pages",
                   {"/projects/" + std::to_string(project.id) + "/estimates", "after", "estimates",
                    "estimates"},
                   listed, estimates);
  }
  if (!rows.empty()) data.set("has_estimates", true);
  data.set("estimates", std::move(rows));
  if (page.may(domain::Permission::write_commercial)) data.set("can_write", true);
  if (!page.may(domain::Permission::read_commercial)) data.set("hidden", true);
  return page.render("estimates/tab", data);
}

std::string estimates_tab_content(PageContext& page, const sql::ProjectRecord& project) {
  return estimates_tab(page, project, {});
}

http::Response create_estimate(PageContext& page) {
  sql::ProjectRecord project = find_project(page);
  auto submit = [&] {
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
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return page.fragment(estimates_tab(page, project, errors), 422);
                     }});
}

}  // namespace

const ProjectTab kEstimatesTab{"estimates", "Estimates", true, estimates_tab_content};

void add_estimate_routes(PageRoutes& routes) {
  routes.add_project_page(
      http::Verb::get, "/projects/{id}/estimates", kMember,
      [](PageContext& page) { return show_tab(page, kEstimatesTab); },
      "A project: its Estimates tab");
  routes.add(http::Verb::post, "/projects/{id}/estimates", kWriteCommercial, create_estimate,
             "Start an estimate of a project");
  routes.add(http::Verb::get, "/estimates/{id}", kCommercial, show, "The estimate editor");
  routes.add(http::Verb::get, "/estimates/{id}/print", kCommercial, print,
             "An estimate as the client receives it, for printing");
  routes.add(http::Verb::post, "/estimates/{id}/lines", kWriteCommercial, add_line,
             "Add a line to a draft estimate");
  routes.add(http::Verb::get, "/estimates/{id}/lines/{line_id}", kCommercial, show_line,
             "One line's row");
  routes.add(http::Verb::get, "/estimates/{id}/lines/{line_id}/edit", kWriteCommercial, edit_line,
             "One line's row as a form");
  routes.add(http::Verb::post, "/estimates/{id}/lines/{line_id}", kWriteCommercial, save_line,
             "Save a changed line");
  routes.add(http::Verb::post, "/estimates/{id}/lines/{line_id}/delete", kWriteCommercial,
             delete_line, "Delete a line");
  routes.add(http::Verb::post, "/estimates/{id}/accept", kWriteCommercial,
             bind_handler(transition, EstimateAction::accept), "Estimate: accept");
  routes.add(http::Verb::post, "/estimates/{id}/decline", kWriteCommercial,
             bind_handler(transition, EstimateAction::decline), "Estimate: decline");
  routes.add(http::Verb::post, "/estimates/{id}/revise", kWriteCommercial,
             bind_handler(transition, EstimateAction::revise), "Estimate: revise");
}

}  // namespace construction::views
