// The project tabs a superintendent keeps on site: the Schedule
// (views/schedule_pages.cpp) and the Daily logs (views/daily_log_pages.cpp),
// each the content of its tab of the project page.
#pragma once

#include <string>

#include "sql/project_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// ?edit={task id} opens that task's row as a form.
std::string schedule_tab(PageContext& page, const sql::ProjectRecord& project);
// ?date=YYYY-MM-DD chooses the day (today, UTC, without it).
std::string daily_logs_tab(PageContext& page, const sql::ProjectRecord& project);

}  // namespace construction::views
