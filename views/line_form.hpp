// The one line editor of the documents that hold cost lines: estimates and
// change orders (priced lines, sql::LineFields: a quantity at a unit cost
// with a markup) and commitments and vendor bills (amount lines,
// sql::AmountLineFields, views/amount_line_form.hpp). One set of templates
// (line_rows, line_row, line_add, line_edit, line_fields) draws every
// document's table of lines, its form below the table and a line's form in
// place; what differs is data (`LineEditor`): where the lines live (`base`,
// "/estimates/12"), whether they change now, which fields a line has (and so
// the table's columns), and the empty table's advice. Each document re-renders
// its own totals out of band after a change (`changed_in_place`).
//
// Here too: a priced line's fields read from the form into a line priced by
// the operation's rule (operations::price_line).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/cost_line.hpp"
#include "domain/validation.hpp"
#include "sql/estimate_line_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

struct LineEditor {
  // What a line holds: a quantity at a unit cost with a markup, priced (9
  // columns), or an amount (4 columns).
  enum class Kind { priced, amount };

  std::string base;  // the document's path: its lines are at base + "/lines"
  bool editable = false;
  domain::UnitCostSign sign = domain::UnitCostSign::non_negative;  // a priced line's unit cost
  std::string hint;  // the empty table's advice on the first line
  Kind kind = Kind::priced;
};

// The editor's templates, each given the line's own values in `data`
// (rows: `rows` already rendered; fields: the form's values and `errors`).
std::string render_line_row(const PageContext& page, const LineEditor& editor, Data data);
std::string render_line_fields(const PageContext& page, const LineEditor& editor, Data data,
                               std::string_view cost_type, const std::string& prefix);
std::string render_add_line(const PageContext& page, const LineEditor& editor,
                            const std::string& fields, bool oob);
std::string render_edit_line(const PageContext& page, const LineEditor& editor, std::int64_t id,
                             const std::string& version, const std::string& fields,
                             const std::string& stale);

// The form below the table again, with its errors, in its own place (422).
http::Response add_line_again(PageContext& page, const std::string& form);

// "draft" → "Draft", "partially_paid" → "Partially paid".
std::string status_label(std::string_view status);
// data[name]: the <option>s of the five cost types, labelled, `selected` marked.
Data& set_cost_type_options(Data& data, std::string_view name, std::string_view selected);
// A stored quantity as people write it ("12.50" → "12.5").
std::string quantity_text(const std::string& stored);

std::string line_row(const PageContext& page, const LineEditor& editor, std::int64_t id,
                     const sql::LineFields& line);
// The <tbody id="line-rows"> of `lines` (records with .id and .fields).
template <class Lines>
std::string line_rows(const PageContext& page, const LineEditor& editor, const Lines& lines);
std::string line_rows_html(const PageContext& page, const LineEditor& editor,
                           const std::string& rows, bool empty);

// The form below the table; `typed`: show what was posted (after a 422).
std::string add_line_form(const PageContext& page, const LineEditor& editor, bool typed,
                          const domain::FieldErrors& errors, bool oob);
// One line's row as a form, carrying the line's `version` (what was posted,
// when `typed`); `stale`: the message over a line someone else changed.
std::string edit_line_row(const PageContext& page, const LineEditor& editor, std::int64_t id,
                          int version, const sql::LineFields& stored, bool typed,
                          const domain::FieldErrors& errors, const std::string& stale = {});

// The line the posted form describes over `base` (a new line's position, or
// the stored line), priced by the operation's rule; a Refusal naming every
// bad field otherwise.
sql::LineFields line_from_form(const PageContext& page, sql::LineFields base,
                               domain::UnitCostSign sign);

// After a change in place: `primary` for htmx's target and, out of band in a
// <template> (beside table rows a parser would move a <dl> or a <form> out
// of the way), `oob` and the flash.
http::Response changed_in_place(PageContext& page, const std::string& primary,
                                const std::string& oob, const std::string& message);

template <class Lines>
std::string line_rows(const PageContext& page, const LineEditor& editor, const Lines& lines) {
  std::string rows;
  for (const auto& line : lines) rows += line_row(page, editor, line.id, line.fields);
  return line_rows_html(page, editor, rows, lines.empty());
}

}  // namespace construction::views
