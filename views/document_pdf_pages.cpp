// The documents as PDFs, for a person logged in: /estimates/{id}/pdf,
// /change-orders/{id}/pdf, /pay-applications/{id}/pdf, /invoices/{id}/pdf
// and /projects/{id}/budget.pdf. The same access as the record's page and
// print view (owners and managers); another organisation's record is 404.
// The bytes are operations::document_pdf's, the API's too.
#include "operations/document_pdfs.hpp"
#include "operations/refusal.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "worker/content_disposition.hpp"

namespace construction::views {

namespace {

using operations::DocumentKind;

PageHandler pdf_of(DocumentKind kind) {
  return [kind](PageContext& page) {
    auto id = path_number(page.http, "id");
    if (!id) throw operations::not_found();
    operations::DocumentPdf pdf = operations::document_pdf(page.db, page.org_id(), kind, *id);
    return http::inline_file_response("application/pdf", pdf.filename, std::move(pdf.bytes));
  };
}

}  // namespace

void add_document_pdf_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/pdf", kCommercial, pdf_of(DocumentKind::estimate),
             "An estimate as the client receives it, as a PDF");
  routes.add(http::Verb::get, "/change-orders/{id}/pdf", kCommercial,
             pdf_of(DocumentKind::change_order),
             "A change order as the client receives it, as a PDF");
  routes.add(http::Verb::get, "/pay-applications/{id}/pdf", kCommercial,
             pdf_of(DocumentKind::pay_application),
             "A pay application as a PDF: the G702 then the G703 continuation sheet");
  routes.add(http::Verb::get, "/invoices/{id}/pdf", kCommercial, pdf_of(DocumentKind::invoice),
             "An invoice with its payments and balance, as a PDF");
  routes.add(http::Verb::get, "/projects/{id}/budget.pdf", kCommercial,
             pdf_of(DocumentKind::job_cost_report), "A project's job cost report, as a PDF");
}

}  // namespace construction::views
