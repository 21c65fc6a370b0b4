#include "views/line_form.hpp"

#include <cctype>
#include <string_view>

#include "domain/quantity.hpp"
#include "operations/estimate_document.hpp"
#include "operations/refusal.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"

namespace construction::views {

namespace {

const std::initializer_list<FieldRename> kLineFieldNames = {{"unit_cost_cents", "unit_cost"},
                                                            {"markup_bps", "markup"}};

// The fields of a line form: what was typed (page.form) when `typed`, else
// the stored line's values.
std::string columns(const LineEditor& editor) {
  return editor.kind == LineEditor::Kind::priced ? "9" : "4";
}

std::string line_fields(const PageContext& page, const LineEditor& editor,
                        const sql::LineFields* stored, bool typed,
                        const domain::FieldErrors& errors, const std::string& prefix) {
  auto value = [&](std::string_view name, std::string from_stored) {
    return typed || !stored ? page.field(name) : from_stored;
  };
  std::string cost_type = value("cost_type", stored ? stored->cost_type : std::string("material"));
  if (cost_type.empty()) cost_type = "material";
  bool taxable = typed || !stored ? page.field("taxable") == "on" : stored->taxable;
  Data data =
      Object{{"cost_code", value("cost_code", stored ? stored->cost_code : "")},
             {"description", value("description", stored ? stored->description : "")},
             {"quantity", value("quantity", stored ? quantity_text(stored->quantity) : "")},
             {"unit", value("unit", stored ? stored->unit : "")},
             {"unit_cost",
              value("unit_cost", stored ? hundredths_text(stored->unit_cost_cents.value) : "")},
             {"markup", value("markup", stored ? hundredths_text(stored->markup_bps) : "")},
             {"errors", error_data(errors, kLineFieldNames)}};
  if (taxable) data.set("taxable", true);
  return render_line_fields(page, editor, std::move(data), cost_type, prefix);
}

}  // namespace

std::string render_line_row(const PageContext& page, const LineEditor& editor, Data data) {
  data.set("base", editor.base);
  if (editor.kind == LineEditor::Kind::priced) data.set("priced", true);
  if (editor.editable) data.set("editable", true);
  return page.render("shared/line_row", data);
}

std::string render_line_fields(const PageContext& page, const LineEditor& editor, Data data,
                               std::string_view cost_type, const std::string& prefix) {
  data.set("p", prefix);
  data.set("csrf", page.csrf());
  set_cost_type_options(data, "cost_types", cost_type);
  if (editor.kind == LineEditor::Kind::priced) data.set("priced", true);
  return page.render("shared/line_fields", data);
}

std::string render_add_line(const PageContext& page, const LineEditor& editor,
                            const std::string& fields, bool oob) {
  Data data = Object{{"base", editor.base}, {"fields", fields}};
  if (oob) data.set("oob", true);
  return page.render("shared/line_add", data);
}

std::string render_edit_line(const PageContext& page, const LineEditor& editor, std::int64_t id,
                             const std::string& version, const std::string& fields,
                             const std::string& stale) {
  Data data = Object{{"base", editor.base},
                     {"id", std::to_string(id)},
                     {"version", version},
                     {"columns", columns(editor)},
                     {"fields", fields}};
  set_text(data, "stale", stale);
  return page.render("shared/line_edit", data);
}

http::Response add_line_again(PageContext& page, const std::string& form) {
  http::Response res = page.fragment(form, 422);
  res.set("HX-Retarget", "#add-line");
  res.set("HX-Reswap", "outerHTML");
  return res;
}

Data& set_cost_type_options(Data& data, std::string_view name, std::string_view selected) {
  Data& options = new_list(data, name, domain::kCostTypeCount);
  for (domain::CostType type : domain::all_cost_types()) {
    std::string_view value = domain::to_string(type);
    Data& option = add_row(options);
    option["value"] = std::string(value);
    option["label"] = status_label(value);
    if (value == selected) option["selected"] = true;
  }
  return options;
}

std::string status_label(std::string_view status) {
  return label(status);
}

std::string quantity_text(const std::string& stored) {
  auto quantity = domain::Quantity::parse(stored);
  return quantity ? quantity->to_string() : stored;
}

std::string line_row(const PageContext& page, const LineEditor& editor, std::int64_t id,
                     const sql::LineFields& f) {
  Data data = Object{{"id", std::to_string(id)},
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
  if (f.price_cents < domain::Cents{}) data.set("credit", true);
  return render_line_row(page, editor, std::move(data));
}

std::string line_rows_html(const PageContext& page, const LineEditor& editor,
                           const std::string& rows, bool empty) {
  Data data = Object{{"rows", rows}, {"hint", editor.hint}, {"columns", columns(editor)}};
  if (empty) data.set("empty", true);
  if (editor.editable) data.set("editable", true);
  return page.render("shared/line_rows", data);
}

std::string add_line_form(const PageContext& page, const LineEditor& editor, bool typed,
                          const domain::FieldErrors& errors, bool oob) {
  return render_add_line(page, editor, line_fields(page, editor, nullptr, typed, errors, "new-"),
                         oob);
}

std::string edit_line_row(const PageContext& page, const LineEditor& editor, std::int64_t id,
                          int version, const sql::LineFields& stored, bool typed,
                          const domain::FieldErrors& errors, const std::string& stale) {
  std::string prefix = "line-" + std::to_string(id) + "-";
  return render_edit_line(page, editor, id, typed ? page.field("version") : std::to_string(version),
                          line_fields(page, editor, &stored, typed, errors, prefix), stale);
}

sql::LineFields line_from_form(const PageContext& page, sql::LineFields line,
                               domain::UnitCostSign sign) {
  domain::FieldErrors errors;
  line.cost_code = page.field("cost_code");
  line.cost_type = page.field("cost_type");
  line.description = page.field("description");
  line.quantity = page.field("quantity");
  line.unit = page.field("unit");
  line.taxable = page.field("taxable") == "on";
  if (auto unit_cost = typed_amount(page.field("unit_cost"), "unit_cost_cents", errors))
    line.unit_cost_cents = domain::Cents{*unit_cost};
  std::string markup_text = page.field("markup");
  auto markup = markup_text.empty() ? std::optional<std::int64_t>(0)
                                    : typed_rate(markup_text, "markup_bps", errors);
  if (markup) line.markup_bps = *markup;
  if (auto refused = operations::price_line(line, sign)) errors.merge(*refused);
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return line;
}

http::Response changed_in_place(PageContext& page, const std::string& primary,
                                const std::string& oob, const std::string& message) {
  return page.fragment(primary + "<template>" + oob + page.flash_oob(message) + "</template>");
}

}  // namespace construction::views
