// How a list in a page goes on past its first rows (DESIGN.md, Web app,
// "Lists that go on"): the page of rows a request asks for, by keyset (the
// last id of the page before, in the list's own query parameter), and the
// links under the list to the next page and back to the first, which
// `shared/list_pages` draws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sql/page.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// Rows a page of a list shows: a phone's scroll of cards, as the projects
// page.
constexpr int kListPage = 50;

// The page `?<cursor>=` asks for: kListPage rows after that id, or the first
// rows when the parameter is absent or no positive whole number. Another
// tenant's id is only a number the statement compares with its own rows.
sql::Page requested_page(const http::RequestContext& http, std::string_view cursor);

// Where a list's links lead: the tab's URL (no query), the list's cursor
// parameter, the id of the list's heading (the anchor the page scrolls to)
// and what its rows are ("bills": "Next 50 bills").
struct ListPlace {
  std::string url;
  std::string_view cursor;
  std::string_view anchor;
  std::string_view things;
};

// Sets data[name] to what `shared/list_pages` draws: `next` when there are
// rows after `last_id` (`more`), `first` when `page` was not the first.
void set_list_pages(Data& data, const std::string& name, const ListPlace& place,
                    const sql::Page& page, bool more, std::optional<std::int64_t> last_id);

template <class Record>
void set_list_pages(Data& data, const std::string& name, const ListPlace& place,
                    const sql::Page& page, const sql::PageOf<Record>& rows) {
  set_list_pages(data, name, place, page, rows.more,
                 rows.rows.empty() ? std::nullopt : std::optional(rows.rows.back().id));
}

}  // namespace construction::views
