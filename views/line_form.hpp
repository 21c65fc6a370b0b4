// The priced lines an estimate and a change order share (sql::LineFields):
// their row, their form in place and below the table, and a form's fields
// read into a line priced by the operation's rule
// (operations::price_line). What differs is where the lines live (`base`,
// "/estimates/12" or "/change-orders/7"), whether they change now, and
// whether a unit cost may be negative (a change order's credit).
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
  std::string base;  // the document's path: its lines are at base + "/lines"
  bool editable = false;
  domain::UnitCostSign sign = domain::UnitCostSign::non_negative;
  std::string hint;  // the empty table's advice on the first line
};

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
