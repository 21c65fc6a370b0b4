// The amount lines a commitment and a vendor bill share
// (sql::AmountLineFields: cost code, cost type, description, amount), in the
// one line editor (views/line_form.hpp) as its `amount` kind: the form read
// into a line checked by the domain's rule (domain::check_amount_line), and
// the handlers that add, show, edit, save and delete one. Each document's
// pages write their line routes out, one line per URL. What differs is the
// document (`AmountLineDocument`): where its lines live, whether they change
// now, whether an amount may be negative (a bill's credit), and the totals
// re-rendered out of band after each change.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/amount_line.hpp"
#include "domain/validation.hpp"
#include "operations/commitment_document.hpp"
#include "views/page_routes.hpp"

namespace construction::views {

struct AmountLineDocument {
  std::string base;  // "/commitments/12": its lines are at base + "/lines"
  bool editable = false;
  std::vector<sql::AmountLineRecord> lines;
  std::string totals;  // the totals block, out of band
};

// What the routes of one kind of document do; each throws a Refusal as its
// operation does.
struct AmountLineRoutes {
  domain::AmountSign sign = domain::AmountSign::positive;
  std::string hint;  // the empty table's advice on the first line
  std::function<AmountLineDocument(PageContext&, std::int64_t id)> load;
  std::function<void(PageContext&, std::int64_t id, const operations::AmountLineEdit&)> add;
  // `expected_version`: the line's, as its form carries it.
  std::function<void(PageContext&, std::int64_t id, std::int64_t line_id,
                     std::optional<int> expected_version, const operations::AmountLineEdit&)>
      change;
  std::function<void(PageContext&, std::int64_t id, std::int64_t line_id)> remove;
  // The whole editor page, after a refused line without htmx.
  std::function<http::Response(PageContext&, std::int64_t id, bool typed,
                               const domain::FieldErrors&, unsigned status)>
      editor;
};

// The handlers of a document's line routes: POST …/{id}/lines,
// GET …/{id}/lines/{line_id}, GET …/{id}/lines/{line_id}/edit,
// POST …/{id}/lines/{line_id} and POST …/{id}/lines/{line_id}/delete.
PageHandler add_amount_line(const AmountLineRoutes& lines);
PageHandler show_amount_line(const AmountLineRoutes& lines);
PageHandler edit_amount_line(const AmountLineRoutes& lines);
PageHandler save_amount_line(const AmountLineRoutes& lines);
PageHandler delete_amount_line(const AmountLineRoutes& lines);

// The <tbody id="line-rows"> of the document's lines.
std::string amount_line_rows(const PageContext& page, const AmountLineRoutes& routes,
                             const AmountLineDocument& document);
// The form below the table; `typed`: show what was posted (after a 422).
std::string amount_add_form(const PageContext& page, const AmountLineDocument& document, bool typed,
                            const domain::FieldErrors& errors, bool oob);

// The number in the path, 404 when it is not one.
std::int64_t id_in_path(const PageContext& page, std::string_view name);

// A form's refusal as its fields are called: "lines[2].amount_cents" (an
// overbilling refusal names the bill's line) and "amount_cents" are the
// form's "amount".
domain::FieldErrors form_line_errors(const domain::FieldErrors& errors);

}  // namespace construction::views
