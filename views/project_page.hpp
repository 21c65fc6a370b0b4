// The project page (views/project_pages.cpp) as the pages of its tabs use
// it: the project of the path, its tabs, and the page around a tab's content.
// Each tab belongs to its resource's file, which defines it (`ProjectTab`)
// beside its content and writes its route out
// (GET /projects/{id}/change-orders is in views/change_order_pages.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/validation.hpp"
#include "sql/project_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

struct ProjectTab {
  std::string_view slug;  // the tab's URL: /projects/{id}/{slug}
  std::string_view label;
  // A commercial tab is all amounts: it is offered to a role that reads them
  // only (DESIGN.md, "What a field user sees").
  bool commercial = false;
  std::string (*content)(PageContext& page, const sql::ProjectRecord& project) = nullptr;
};

// In the tab strip's order; each in its resource's file.
extern const ProjectTab kEstimatesTab;     // views/estimate_pages.cpp
extern const ProjectTab kChangeOrdersTab;  // views/change_order_pages.cpp
extern const ProjectTab kBillingTab;       // views/billing_pages.cpp
extern const ProjectTab kBudgetTab;        // views/budget_pages.cpp
extern const ProjectTab kScheduleTab;      // views/schedule_pages.cpp
extern const ProjectTab kDailyLogsTab;     // views/daily_log_pages.cpp

// What a commercial tab's template gets for its form: the project's id, the
// CSRF token, the form's `errors`, `can_write` for a role that writes
// amounts, `hidden` for one that does not read them.
Data commercial_tab_data(PageContext& page, const sql::ProjectRecord& project,
                         const domain::FieldErrors& errors);

// The page of `tab` for the project of the path: its route's handler.
http::Response show_tab(PageContext& page, const ProjectTab& tab);

// The project `{id}` of the path (or `id`), of the caller's organisation,
// with its client's name and its documents' figures for the header (one
// query); 404 otherwise.
sql::ProjectWithFigures find_project(PageContext& page);
sql::ProjectWithFigures find_project(PageContext& page, std::int64_t id);
// The project `{id}` of the path alone (no figures), for an action; 404
// otherwise.
sql::ProjectRecord find_project_record(PageContext& page);

// The project's header and tabs around `tab_content`, `tab` marked current. htmx aiming at #tab
// gets the tab alone with its <title> and, out of band, the flash (page.flash) when there is one.
// Given a plain record, a whole page reads the header's figures first.
http::Response project_page(PageContext& page, const sql::ProjectWithFigures& project,
                            const ProjectTab& tab, const std::string& tab_content,
                            unsigned status = 200);
http::Response project_page(PageContext& page, const sql::ProjectRecord& project,
                            const ProjectTab& tab, const std::string& tab_content,
                            unsigned status = 200);

}  // namespace construction::views
