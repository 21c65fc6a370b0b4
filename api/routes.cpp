#include "api/routes.hpp"

#include "api/api_routes.hpp"

namespace construction::api {

void add_routes(http::Router& router, sql::Pool& pool, const std::string& public_url,
                operations::SignatureWording signature_wording) {
  ApiRoutes routes(router, pool, public_url, std::move(signature_wording));
  add_auth_routes(routes);
  add_user_routes(routes);
  add_organisation_routes(routes);
  add_party_routes(routes);
  add_project_routes(routes);
  add_estimate_routes(routes);
  add_estimate_line_routes(routes);
  add_schedule_of_values_routes(routes);
  add_change_order_routes(routes);
  add_change_order_line_routes(routes);
  add_pay_application_routes(routes);
  add_invoice_routes(routes);
  add_document_sending_routes(routes);
  add_task_routes(routes);
  add_daily_log_routes(routes);
  add_budget_routes(routes);
  add_commitment_routes(routes);
  add_commitment_line_routes(routes);
  add_vendor_bill_routes(routes);
  add_vendor_bill_line_routes(routes);
  add_document_pdf_routes(routes);
  add_signature_request_routes(routes);
  add_openapi_route(routes);  // last: it describes the routes added before it
}

}  // namespace construction::api
