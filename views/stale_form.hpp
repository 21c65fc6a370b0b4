// A form posted over a record someone else changed since the form was made.
// Every edit form of the pages carries the version of what it edits (a
// hidden `version` field), the operation compares it under its lock
// (Refusal stale_version), and the handler shows the form again: the record
// as it is now, with its new version, and the message below; nothing of
// what was typed is saved (409). The form sent back is current, so saving
// it again (with what the person still means to change) goes through.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "views/page_context.hpp"

namespace construction::views {

// The version the posted form carries; nothing when it carries none (a page
// made before forms carried one: the change is made without the check, as
// the API's without If-Match).
std::optional<int> form_version(const PageContext& page);

// "Someone else changed this line while you had it open: …" (`what`: "line").
std::string stale_message(std::string_view what);

// The answer to a stale form of a row edited in place (a party, a line, a
// G703 row): with htmx, `row(message)`, the row as it is now with the
// message, in place of the row posted from; without, `whole_page()` (the
// page at 409), the message as its flash. What was posted is forgotten
// first, so neither shows it.
template <class Row, class WholePage>
http::Response stale_row(PageContext& page, std::string_view what, Row row, WholePage whole_page) {
  page.form.clear();
  std::string message = stale_message(what);
  if (!page.hx) {
    page.flash = message;
    return whole_page();
  }
  return page.fragment(row(message), 409);
}

// The answer to a stale form decided on a whole document (a certificate, a
// payment): `whole_page()` (the page at 409), the message as its flash;
// htmx swaps it into <main> instead of the form's own target.
template <class WholePage>
http::Response stale_page(PageContext& page, std::string_view what, WholePage whole_page) {
  page.form.clear();
  page.flash = stale_message(what);
  http::Response res = whole_page();
  if (page.hx) {
    res.set("HX-Retarget", "#main");
    res.set("HX-Reswap", "innerHTML");
  }
  return res;
}

}  // namespace construction::views
