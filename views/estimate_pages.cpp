// /estimates/{id}: the estimate editor. Lines are added, edited in place and
// deleted with htmx; every change answers the changed rows and, out of band,
// the totals and margin (recomputed by the operation in the same
// transaction) and a flash. Send / accept / decline / revise show only where
// the state machine (domain/estimate.hpp) allows them. /estimates/{id}/print
// is the document a client is sent: prices only, no costs or markups.
#include "domain/estimate.hpp"
#include "domain/quantity.hpp"
#include "operations/estimate_lines.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

using domain::EstimateAction;
using operations::EstimateDocument;

const std::initializer_list<FieldRename> kLineFieldNames = {{"unit_cost_cents", "unit_cost"},
                                                            {"markup_bps", "markup"}};
constexpr std::string_view kCostTypes[] = {"labor", "material", "equipment", "subcontract",
                                           "other"};

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

std::string status_label(std::string_view status) {
  if (status.empty()) return {};
  std::string label(status);
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

std::string quantity_text(const std::string& stored) {
  auto quantity = domain::Quantity::parse(stored);
  return quantity ? quantity->to_string() : stored;
}

bool editable(const sql::EstimateRecord& e) {
  auto status = domain::parse_estimate_status(e.status);
  return status && domain::is_editable(*status) && !e.revised_by_id;
}

// ---- fragments

Data line_data(const sql::EstimateRecord& e, const sql::LineRecord& line) {
  const sql::LineFields& f = line.fields;
  Data data = Object{{"estimate_id", std::to_string(e.id)},
                     {"id", std::to_string(line.id)},
                     {"cost_code", f.cost_code},
                     {"cost_type", f.cost_type},
                     {"description", f.description},
                     {"quantity", quantity_text(f.quantity)},
                     {"unit", f.unit},
                     {"unit_cost", money(f.unit_cost_cents)},
                     {"markup", rate(f.markup_bps)},
                     {"cost", money(f.cost_cents)},
                     {"price", money(f.price_cents)}};
  if (f.taxable) data.set("taxable", true);
  if (editable(e)) data.set("editable", true);
  return data;
}

std::string line_row(PageContext& page, const sql::EstimateRecord& e, const sql::LineRecord& line) {
  return page.render("estimate_line_row", line_data(e, line));
}

std::string line_rows(PageContext& page, const EstimateDocument& d) {
  std::string rows;
  for (const auto& line : d.lines) rows += line_row(page, d.estimate, line);
  Data data = Object{{"rows", rows}};
  if (d.lines.empty()) data.set("empty", true);
  if (editable(d.estimate)) data.set("editable", true);
  return page.render("estimate_line_rows", data);
}

// The fields of a line form: what was typed (page.form) when `typed`, else
// the stored line's values.
std::string line_fields(PageContext& page, const sql::LineFields* stored, bool typed,
                        const domain::FieldErrors& errors, const std::string& prefix) {
  auto value = [&](std::string_view name, std::string from_stored) {
    return typed || !stored ? page.field(name) : from_stored;
  };
  std::string cost_type = value("cost_type", stored ? stored->cost_type : std::string("material"));
  if (cost_type.empty()) cost_type = "material";
  List types;
  for (std::string_view t : kCostTypes) {
    Object option{{"value", std::string(t)}, {"label", status_label(t)}};
    if (t == cost_type) option["selected"] = true;
    types.push_back(option);
  }
  bool taxable = typed || !stored ? page.field("taxable") == "on" : stored->taxable;
  Data data = Object{
      {"p", prefix},
      {"csrf", page.views.keys.csrf_token(page.session)},
      {"cost_code", value("cost_code", stored ? stored->cost_code : "")},
      {"cost_types", types},
      {"description", value("description", stored ? stored->description : "")},
      {"quantity", value("quantity", stored ? quantity_text(stored->quantity) : "")},
      {"unit", value("unit", stored ? stored->unit : "")},
      {"unit_cost", value("unit_cost", stored ? hundredths_text(stored->unit_cost_cents) : "")},
      {"markup", value("markup", stored ? hundredths_text(stored->markup_bps) : "")},
      {"errors", error_data(errors, kLineFieldNames)}};
  if (taxable) data.set("taxable", true);
  return page.render("estimate_line_fields", data);
}

std::string add_form(PageContext& page, const sql::EstimateRecord& e, bool typed,
                     const domain::FieldErrors& errors, bool oob) {
  Data data = Object{{"estimate_id", std::to_string(e.id)},
                     {"fields", line_fields(page, nullptr, typed, errors, "new-")}};
  if (oob) data.set("oob", true);
  return page.render("estimate_add_line", data);
}

std::string edit_row(PageContext& page, const sql::EstimateRecord& e, const sql::LineRecord& line,
                     bool typed, const domain::FieldErrors& errors) {
  std::string prefix = "line-" + std::to_string(line.id) + "-";
  return page.render("estimate_line_edit",
                     Object{{"estimate_id", std::to_string(e.id)},
                            {"id", std::to_string(line.id)},
                            {"fields", line_fields(page, &line.fields, typed, errors, prefix)}});
}

std::string totals(PageContext& page, const sql::EstimateRecord& e, bool oob) {
  const auto& t = e.totals;
  Data data = Object{
      {"cost", money(t.cost_cents)},   {"subtotal", money(t.subtotal_cents)},
      {"tax", money(t.tax_cents)},     {"tax_rate", rate(e.fields.tax_bps)},
      {"total", money(t.total_cents)}, {"margin_amount", money(t.subtotal_cents - t.cost_cents)},
      {"margin", rate(t.margin_bps)}};
  if (oob) data.set("oob", true);
  return page.render("estimate_totals", data);
}

List actions(PageContext& page, const sql::EstimateRecord& e) {
  List list;
  auto status = domain::parse_estimate_status(e.status);
  if (!status || e.revised_by_id || !page.may(domain::Permission::write_commercial)) return list;
  struct Button {
    EstimateAction action;
    const char* label;
    const char* style;
  };
  const Button buttons[] = {{EstimateAction::send, "Send to client", ""},
                            {EstimateAction::accept, "Client accepted", ""},
                            {EstimateAction::decline, "Client declined", "secondary"},
                            {EstimateAction::revise, "Revise", "outline"}};
  for (const Button& b : buttons) {
    if (!domain::transition(*status, b.action)) continue;
    list.push_back(Object{{"action", std::string(domain::to_string(b.action))},
                          {"label", std::string(b.label)},
                          {"style", std::string(b.style)}});
  }
  return list;
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
                     {"status", e.status},
                     {"status_label", status_label(e.status)},
                     {"project_id", std::to_string(view.project.id)},
                     {"project", view.project.fields.number + " · " + view.project.fields.name},
                     {"created", date(e.created_at)},
                     {"csrf", page.views.keys.csrf_token(page.session)},
                     {"actions", actions(page, e)},
                     {"rows", line_rows(page, view.document)},
                     {"totals", totals(page, e, false)}};
  set_text(data, "client", view.client_name);
  if (e.fields.valid_until) data.set("valid_until", date(*e.fields.valid_until));
  if (e.revised_by_id) data.set("revised_by", std::to_string(*e.revised_by_id));
  if (editable(e) && page.may(domain::Permission::write_commercial))
    data.set("add_form", add_form(page, e, typed, errors, false));
  return page.page(title_of(e), page.render("estimate", data), status);
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
                     {"subtotal", money(e.totals.subtotal_cents)},
                     {"tax", money(e.totals.tax_cents)},
                     {"tax_rate", rate(e.fields.tax_bps)},
                     {"total", money(e.totals.total_cents)},
                     {"favicon", page.views.assets.url("favicon.svg")},
                     {"pico_css", page.views.assets.url("pico.min.css")},
                     {"app_css", page.views.assets.url("app.css")}};
  set_text(data, "client", view.client_name);
  set_text(data, "notes", e.fields.notes);
  if (e.fields.valid_until) data.set("valid_until", date(*e.fields.valid_until));
  http::Response res = http::html_response(200, page.render("estimate_print", data));
  return res;
}

// ---- lines

// The line the form describes, over `base` (a new line's position, or the
// stored line), priced by the operation's rules; a Refusal with every bad
// field otherwise.
sql::LineFields line_from_form(const PageContext& page, sql::LineFields line) {
  domain::FieldErrors errors;
  line.cost_code = page.field("cost_code");
  line.cost_type = page.field("cost_type");
  line.description = page.field("description");
  line.quantity = page.field("quantity");
  line.unit = page.field("unit");
  line.taxable = page.field("taxable") == "on";
  auto unit_cost = hundredths(page.field("unit_cost"));
  if (unit_cost)
    line.unit_cost_cents = *unit_cost;
  else
    errors.add("unit_cost_cents", "must be an amount such as 1,234.50");
  std::string markup_text = page.field("markup");
  auto markup = markup_text.empty() ? std::optional<std::int64_t>(0) : hundredths(markup_text);
  if (markup)
    line.markup_bps = *markup;
  else
    errors.add("markup_bps", "must be a percentage such as 15 or 12.5");
  if (auto refused = operations::price_line(line)) errors.merge(*refused);
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return line;
}

bool invalid_fields(const operations::Refusal& refusal) {
  return refusal.kind == operations::Refusal::Kind::invalid_fields;
}

// After a change to the lines: the rows (or one row), the totals and the
// flash, for htmx; a redirect back to the editor without it.
http::Response lines_changed(PageContext& page, std::int64_t id, const std::string& primary,
                             const sql::EstimateRecord& estimate, const std::string& message,
                             const std::string& extra = {}) {
  if (!page.hx) return page.redirect("/estimates/" + std::to_string(id), message);
  // The out-of-band parts ride in a <template>: beside table rows, an HTML
  // parser would move a <dl> or a <form> out of the way (htmx reads them there).
  return page.fragment(primary + "<template>" + totals(page, estimate, true) + extra +
                       page.flash_oob(message) + "</template>");
}

http::Response add_line(PageContext& page) {
  std::int64_t id = estimate_id(page);
  try {
    auto change = operations::add_line(
        page.db, page.org_id(), id,
        [&](const sql::LineFields& base) { return line_from_form(page, base); });
    EstimateDocument document = operations::load_estimate(page.db, page.org_id(), id);
    page.form.clear();  // a fresh form for the next line
    return lines_changed(page, id, line_rows(page, document), document.estimate,
                         "Line added: " + change.line.fields.description + ".",
                         add_form(page, document.estimate, false, {}, true));
  } catch (const operations::Refusal& refusal) {
    if (!invalid_fields(refusal)) throw;
    EstimateDocument document = operations::load_estimate(page.db, page.org_id(), id);
    if (!page.hx) return editor(page, load(page), true, refusal.fields, 422);
    http::Response res =
        page.fragment(add_form(page, document.estimate, true, refusal.fields, false), 422);
    res.set("HX-Retarget", "#add-line");
    res.set("HX-Reswap", "outerHTML");
    return res;
  }
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
  if (!editable(estimate)) throw operations::invalid_state("Only a draft estimate's lines change");
  if (!page.hx) return page.redirect("/estimates/" + std::to_string(estimate.id));
  return page.fragment(edit_row(page, estimate, line, false, {}));
}

http::Response save_line(PageContext& page) {
  std::int64_t id = estimate_id(page);
  try {
    auto change = operations::change_line(
        page.db, page.org_id(), id, line_id(page), std::nullopt,
        [&](const sql::LineFields& stored) { return line_from_form(page, stored); });
    return lines_changed(page, id, line_row(page, change.estimate, change.line), change.estimate,
                         "Line saved: " + change.line.fields.description + ".");
  } catch (const operations::Refusal& refusal) {
    if (!invalid_fields(refusal)) throw;
    auto [estimate, line] = find_line(page);
    return page.fragment(edit_row(page, estimate, line, true, refusal.fields), 422);
  }
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
  const char* done = action == EstimateAction::send ? "sent"
                     : action == EstimateAction::accept
                         ? "accepted: the project's contract sum is set"
                     : action == EstimateAction::decline ? "declined"
                                                         : "revised: this is the new draft";
  return page.redirect("/estimates/" + std::to_string(document.estimate.id),
                       "Estimate " + document.estimate.fields.number + " " + done + ".");
}

}  // namespace

void add_estimate_routes(PageRoutes& routes) {
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
  for (EstimateAction action : {EstimateAction::send, EstimateAction::accept,
                                EstimateAction::decline, EstimateAction::revise}) {
    routes.add(
        http::Verb::post, "/estimates/{id}/" + std::string(domain::to_string(action)),
        kWriteCommercial, [action](PageContext& page) { return transition(page, action); },
        "Estimate: " + std::string(domain::to_string(action)));
  }
}

}  // namespace construction::views
