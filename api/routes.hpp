// The REST API (spec/api.md) under /api/v1: one call from the composition
// root adds every route to a worker's Router.
#pragma once

#include "operations/signature_requests.hpp"
#include "sql/pool.hpp"
#include "worker/router.hpp"

namespace construction::api {

class ApiRoutes;

// public_url: PUBLIC_URL, for links in the emails a route queues;
// signature_wording: how a signature request's emails read (views/ writes
// the words, the API sends the same emails as the pages).
void add_routes(http::Router& router, sql::Pool& pool, const std::string& public_url = {},
                operations::SignatureWording signature_wording = {});

// One per resource file; add_routes calls them in this order.
void add_auth_routes(ApiRoutes& routes);
void add_user_routes(ApiRoutes& routes);
void add_organisation_routes(ApiRoutes& routes);
void add_party_routes(ApiRoutes& routes);
void add_project_routes(ApiRoutes& routes);
void add_estimate_routes(ApiRoutes& routes);
void add_estimate_transition_routes(ApiRoutes& routes);  // from add_estimate_routes
void add_estimate_line_routes(ApiRoutes& routes);
void add_schedule_of_values_routes(ApiRoutes& routes);
void add_change_order_routes(ApiRoutes& routes);
void add_change_order_line_routes(ApiRoutes& routes);
void add_pay_application_routes(ApiRoutes& routes);
void add_invoice_routes(ApiRoutes& routes);
void add_document_sending_routes(ApiRoutes& routes);
void add_task_routes(ApiRoutes& routes);
void add_daily_log_routes(ApiRoutes& routes);
void add_budget_routes(ApiRoutes& routes);
void add_commitment_routes(ApiRoutes& routes);
void add_commitment_line_routes(ApiRoutes& routes);
void add_vendor_bill_routes(ApiRoutes& routes);
void add_vendor_bill_line_routes(ApiRoutes& routes);
void add_document_pdf_routes(ApiRoutes& routes);
void add_signature_request_routes(ApiRoutes& routes);
void add_openapi_route(ApiRoutes& routes);

}  // namespace construction::api
