#include "views/amount_line_form.hpp"

#include <iterator>
#include <string_view>

#include "operations/refusal.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

constexpr const char* kDraftLinesOnly = "Only a draft's lines change";

// The document's lines in the one line editor (views/line_form.hpp).
LineEditor editor_of(const AmountLineDocument& document, const std::string& hint = {}) {
  return {document.base, document.editable, {}, hint, LineEditor::Kind::amount};
}

// The fields of a line form: what was typed (page.form) when `typed`, else
// the stored line's values.
std::string line_fields(const PageContext& page, const AmountLineDocument& document,
                        const sql::AmountLineFields* stored, bool typed,
                        const domain::FieldErrors& errors, const std::string& prefix) {
  auto value = [&](std::string_view name, std::string from_stored) {
    return typed || !stored ? page.field(name) : from_stored;
  };
  std::string cost_type =
      value("cost_type", stored ? stored->cost_type : std::string("subcontract"));
  if (cost_type.empty()) cost_type = "subcontract";
  Data data =
      Object{{"cost_code", value("cost_code", stored ? stored->cost_code : "")},
             {"description", value("description", stored ? stored->description : "")},
             {"amount", value("amount", stored ? hundredths_text(stored->amount_cents.value) : "")},
             {"errors", error_data(form_line_errors(errors))}};
  return render_line_fields(page, editor_of(document), std::move(data), cost_type, prefix);
}

std::string line_row(const PageContext& page, const AmountLineDocument& document,
                     const sql::AmountLineRecord& line) {
  Data data = Object{{"id", std::to_string(line.id)},
                     {"cost_code", line.fields.cost_code},
                     {"cost_type", status_label(line.fields.cost_type)},
                     {"description", line.fields.description},
                     {"amount", money(line.fields.amount_cents)}};
  if (line.fields.amount_cents < domain::Cents{0}) data.set("credit", true);
  return render_line_row(page, editor_of(document), std::move(data));
}

// The line's row as a form, carrying its version (what was posted, when
// `typed`); `stale`: the message over a line someone else changed.
std::string edit_row(const PageContext& page, const AmountLineDocument& document,
                     const sql::AmountLineRecord& line, bool typed,
                     const domain::FieldErrors& errors, const std::string& stale = {}) {
  std::string prefix = "line-" + std::to_string(line.id) + "-";
  return render_edit_line(page, editor_of(document), line.id,
                          typed ? page.field("version") : std::to_string(line.version),
                          line_fields(page, document, &line.fields, typed, errors, prefix), stale);
}

sql::AmountLineFields line_from_form(const PageContext& page, sql::AmountLineFields line,
                                     domain::AmountSign sign) {
  domain::FieldErrors errors;
  line.cost_code = page.field("cost_code");
  line.cost_type = page.field("cost_type");
  line.description = page.field("description");
  auto amount = typed_amount(page.field("amount"), "amount_cents", errors);
  if (amount) line.amount_cents = domain::Cents{*amount};
  domain::FieldErrors checked = domain::check_amount_line(
      {line.cost_code, line.cost_type, line.description, line.amount_cents.value}, sign);
  for (const auto& [field, message] : checked.fields())
    if (amount || field != "amount_cents") errors.add(field, message);
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return line;
}

const sql::AmountLineRecord& find_line(const PageContext& page,
                                       const AmountLineDocument& document) {
  std::int64_t wanted = id_in_path(page, "line_id");
  for (const auto& line : document.lines)
    if (line.id == wanted) return line;
  throw operations::not_found();
}

http::Response lines_changed(PageContext& page, const AmountLineDocument& document,
                             const std::string& primary, const std::string& message,
                             const std::string& extra = {}) {
  if (!page.hx) return page.redirect(document.base, message);
  return changed_in_place(page, primary, document.totals + extra, message);
}

http::Response add_line(PageContext& page, const AmountLineRoutes& routes) {
  std::int64_t id = id_in_path(page, "id");
  auto add = [&] {
    std::string description;
    routes.add(page, id, [&](const sql::AmountLineFields& base) {
      sql::AmountLineFields line = line_from_form(page, base, routes.sign);
      description = line.description;
      return line;
    });
    AmountLineDocument document = routes.load(page, id);
    page.form.clear();  // a fresh form for the next line
    return lines_changed(page, document, amount_line_rows(page, routes, document),
                         "Line added: " + description + ".",
                         amount_add_form(page, document, false, {}, true));
  };
  return submit_form(add, {.invalid = [&](const domain::FieldErrors& errors) {
                       if (!page.hx) return routes.editor(page, id, true, errors, 422);
                       return add_line_again(
                           page, amount_add_form(page, routes.load(page, id), true, errors, false));
                     }});
}

http::Response show_line(PageContext& page, const AmountLineRoutes& routes) {
  AmountLineDocument document = routes.load(page, id_in_path(page, "id"));
  const sql::AmountLineRecord& line = find_line(page, document);
  if (!page.hx) return page.redirect(document.base);
  return page.fragment(line_row(page, document, line));
}

http::Response edit_line(PageContext& page, const AmountLineRoutes& routes) {
  AmountLineDocument document = routes.load(page, id_in_path(page, "id"));
  const sql::AmountLineRecord& line = find_line(page, document);
  if (!document.editable) throw operations::invalid_state(kDraftLinesOnly);
  if (!page.hx) return page.redirect(document.base);
  return page.fragment(edit_row(page, document, line, false, {}));
}

http::Response stale_line(PageContext& page, const AmountLineRoutes& routes, std::int64_t id) {
  return stale_row(
      page, "line",
      [&](const std::string& message) {
        AmountLineDocument document = routes.load(page, id);
        if (!document.editable) throw operations::invalid_state(kDraftLinesOnly);
        return edit_row(page, document, find_line(page, document), false, {}, message);
      },
      [&] { return routes.editor(page, id, false, {}, 409); });
}

http::Response save_line(PageContext& page, const AmountLineRoutes& routes) {
  std::int64_t id = id_in_path(page, "id");
  std::int64_t line_id = id_in_path(page, "line_id");
  auto save = [&] {
    routes.change(page, id, line_id, form_version(page), [&](const sql::AmountLineFields& stored) {
      return line_from_form(page, stored, routes.sign);
    });
    AmountLineDocument document = routes.load(page, id);
    const sql::AmountLineRecord& line = find_line(page, document);
    return lines_changed(page, document, line_row(page, document, line),
                         "Line saved: " + line.fields.description + ".");
  };
  return submit_form(
      save, {.invalid =
                 [&](const domain::FieldErrors& errors) {
                   AmountLineDocument document = routes.load(page, id);
                   return page.fragment(
                       edit_row(page, document, find_line(page, document), true, errors), 422);
                 },
             .stale = [&] { return stale_line(page, routes, id); }});
}

http::Response delete_line(PageContext& page, const AmountLineRoutes& routes) {
  std::int64_t id = id_in_path(page, "id");
  AmountLineDocument before = routes.load(page, id);
  std::string description = find_line(page, before).fields.description;
  routes.remove(page, id, id_in_path(page, "line_id"));
  AmountLineDocument document = routes.load(page, id);
  return lines_changed(page, document, amount_line_rows(page, routes, document),
                       "Line deleted: " + description + ".");
}

}  // namespace

std::int64_t id_in_path(const PageContext& page, std::string_view name) {
  auto id = path_number(page.http, name);
  if (!id) throw operations::not_found();
  return *id;
}

domain::FieldErrors form_line_errors(const domain::FieldErrors& errors) {
  domain::FieldErrors renamed;
  for (const auto& [field, message] : errors.fields()) {
    std::string_view name = field;
    if (name.starts_with("lines[")) name.remove_prefix(name.find("].") + 2);
    renamed.add(name == "amount_cents" ? "amount" : name, message);
  }
  return renamed;
}

std::string amount_line_rows(const PageContext& page, const AmountLineRoutes& routes,
                             const AmountLineDocument& document) {
  std::string rows;
  for (const auto& line : document.lines) rows += line_row(page, document, line);
  return line_rows_html(page, editor_of(document, routes.hint), rows, document.lines.empty());
}

std::string amount_add_form(const PageContext& page, const AmountLineDocument& document, bool typed,
                            const domain::FieldErrors& errors, bool oob) {
  return render_add_line(page, editor_of(document),
                         line_fields(page, document, nullptr, typed, errors, "new-"), oob);
}

PageHandler add_amount_line(const AmountLineRoutes& lines) {
  return [lines](PageContext& page) { return add_line(page, lines); };
}

PageHandler show_amount_line(const AmountLineRoutes& lines) {
  return [lines](PageContext& page) { return show_line(page, lines); };
}

PageHandler edit_amount_line(const AmountLineRoutes& lines) {
  return [lines](PageContext& page) { return edit_line(page, lines); };
}

PageHandler save_amount_line(const AmountLineRoutes& lines) {
  return [lines](PageContext& page) { return save_line(page, lines); };
}

PageHandler delete_amount_line(const AmountLineRoutes& lines) {
  return [lines](PageContext& page) { return delete_line(page, lines); };
}

}  // namespace construction::views
