#include "views/routes.hpp"

#include "views/signing_context.hpp"
#include "views/views_directory.hpp"

namespace construction::views {

std::unique_ptr<Views> load_views(const Config& config) {
  std::filesystem::path dir = views_directory();
  return std::make_unique<Views>(Views{std::make_unique<Templates>(dir / "templates"),
                                       StaticAssets(dir / "static"), SessionKeys(config.secret_key),
                                       config.development(), config.public_url});
}

void add_routes(http::Router& router, sql::Pool& pool, const Views& views) {
  views.assets.add_routes(router);
  PageRoutes routes(router, pool, views);
  add_login_routes(routes);
  add_dashboard_routes(routes);
  add_project_routes(routes);
  add_party_routes(routes);
  add_estimate_routes(routes);
  add_schedule_routes(routes);
  add_daily_log_routes(routes);
  add_change_order_routes(routes);
  add_pay_application_routes(routes);
  add_invoice_routes(routes);
  add_document_sending_routes(routes);
  add_billing_routes(routes);
  add_commitment_routes(routes);
  add_vendor_bill_routes(routes);
  add_budget_routes(routes);
  add_document_pdf_routes(routes);
  add_account_routes(routes);
  add_invitation_routes(routes);
  add_password_reset_routes(routes);
  add_verify_routes(routes);
  add_signature_request_routes(routes);
  // The signer's pages read no staff session: PageRoutes is not theirs.
  add_signing_routes(router, pool, views);
}

}  // namespace construction::views
