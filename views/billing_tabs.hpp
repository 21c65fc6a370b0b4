// The project page's "Change orders" and "Billing" tabs (views/project_pages
// shows them in its tab strip): the lists with their empty states, the form
// that starts a change order and the one that makes the next pay
// application. A role without commercial access sees that it may not.
#pragma once

#include "domain/validation.hpp"
#include "sql/project_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

std::string change_orders_tab(PageContext& page, const sql::ProjectRecord& project,
                              const domain::FieldErrors& errors);
std::string billing_tab(PageContext& page, const sql::ProjectRecord& project,
                        const domain::FieldErrors& errors);

}  // namespace construction::views
