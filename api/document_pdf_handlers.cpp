// GET /estimates/{id}/pdf, /change-orders/{id}/pdf, /pay-applications/{id}/pdf,
// /invoices/{id}/pdf and /projects/{id}/budget.pdf: the documents as PDFs
// (operations::document_pdf), with the record's own permission
// (read_commercial) and tenancy (another organisation's id is 404).
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/document_pdfs.hpp"
#include "worker/content_disposition.hpp"

namespace construction::api {

namespace {

using operations::DocumentKind;

auto pdf_of(DocumentKind kind) {
  return [kind](http::RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, domain::Permission::read_commercial);
    operations::DocumentPdf pdf = operations::document_pdf(db, caller.org_id, kind, path_id(ctx));
    return http::inline_file_response("application/pdf", pdf.filename, std::move(pdf.bytes));
  };
}

}  // namespace

void add_document_pdf_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/pdf", domain::Permission::read_commercial,
             pdf_of(DocumentKind::estimate),
             "The estimate as a PDF (application/pdf): prices only, as the client receives it");
  routes.add(http::Verb::get, "/change-orders/{id}/pdf", domain::Permission::read_commercial,
             pdf_of(DocumentKind::change_order), "The change order as a PDF: prices only");
  routes.add(http::Verb::get, "/pay-applications/{id}/pdf", domain::Permission::read_commercial,
             pdf_of(DocumentKind::pay_application),
             "The pay application as a PDF: the G702 then the G703 continuation sheet");
  routes.add(http::Verb::get, "/invoices/{id}/pdf", domain::Permission::read_commercial,
             pdf_of(DocumentKind::invoice), "The invoice as a PDF: payments and balance due");
  routes.add(http::Verb::get, "/projects/{id}/budget.pdf", domain::Permission::read_commercial,
             pdf_of(DocumentKind::job_cost_report), "The project's job cost report as a PDF");
}

}  // namespace construction::api
