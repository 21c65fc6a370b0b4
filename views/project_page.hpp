// The project page (views/project_pages.cpp) as the pages of its tabs use
// it: the project of the path, and the page around a tab's content.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/project_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// The project `{id}` of the path (or `id`), of the caller's organisation,
// with its client's name and its documents' figures for the header (one
// query); 404 otherwise.
sql::ProjectWithFigures find_project(PageContext& page);
sql::ProjectWithFigures find_project(PageContext& page, std::int64_t id);
// The project `{id}` of the path alone (no figures), for an action; 404
// otherwise.
sql::ProjectRecord find_project_record(PageContext& page);

// The project's header and tabs around `tab_content`, the tab `tab_slug`
// marked current. htmx aiming at #tab gets the tab alone with its <title>
// and, out of band, the flash (page.flash) when there is one. Given a plain
// record, a whole page reads the header's figures first.
http::Response project_page(PageContext& page, const sql::ProjectWithFigures& project,
                            std::string_view tab_slug, const std::string& tab_content,
                            unsigned status = 200);
http::Response project_page(PageContext& page, const sql::ProjectRecord& project,
                            std::string_view tab_slug, const std::string& tab_content,
                            unsigned status = 200);

}  // namespace construction::views
