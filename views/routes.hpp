// The pages (spec/ui.md): every route a browser opens, added to a worker's
// Router once at boot, with the templates and assets read once.
#pragma once

#include <memory>

#include "runtime/config.hpp"
#include "sql/pool.hpp"
#include "views/page_routes.hpp"
#include "worker/router.hpp"

namespace construction::views {

// Reads and compiles the templates, reads the static assets; throws when
// they are missing or a template does not parse.
std::unique_ptr<Views> load_views(const Config& config);
void add_routes(http::Router& router, sql::Pool& pool, const Views& views);

void add_login_routes(PageRoutes& routes);
void add_dashboard_routes(PageRoutes& routes);
void add_project_routes(PageRoutes& routes);
void add_party_routes(PageRoutes& routes);
void add_estimate_routes(PageRoutes& routes);
void add_schedule_routes(PageRoutes& routes);
void add_daily_log_routes(PageRoutes& routes);
void add_change_order_routes(PageRoutes& routes);
void add_pay_application_routes(PageRoutes& routes);
void add_invoice_routes(PageRoutes& routes);
void add_document_sending_routes(PageRoutes& routes);
void add_billing_routes(PageRoutes& routes);
void add_commitment_routes(PageRoutes& routes);
void add_vendor_bill_routes(PageRoutes& routes);
void add_budget_routes(PageRoutes& routes);
void add_document_pdf_routes(PageRoutes& routes);
void add_account_routes(PageRoutes& routes);
void add_invitation_routes(PageRoutes& routes);
void add_password_reset_routes(PageRoutes& routes);
void add_verify_routes(PageRoutes& routes);
void add_signature_request_routes(PageRoutes& routes);

}  // namespace construction::views
