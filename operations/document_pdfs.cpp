#include "operations/document_pdfs.hpp"

#include "documents/change_order_pdf.hpp"
#include "documents/estimate_pdf.hpp"
#include "documents/invoice_pdf.hpp"
#include "documents/job_cost_pdf.hpp"
#include "documents/pay_application_pdf.hpp"
#include "operations/budget.hpp"
#include "operations/change_order_document.hpp"
#include "operations/estimate_document.hpp"
#include "operations/invoice_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"
#include "sql/organisation_store.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

documents::Letterhead letterhead(sql::Connection& db, std::int64_t org_id,
                                 std::int64_t project_id) {
  auto project = sql::find_project(db, org_id, project_id);
  auto organisation = sql::find_organisation(db, org_id);
  if (!project || !organisation) throw not_found();
  std::optional<sql::PartyRecord> client;
  if (project->fields.client_id) client = sql::find_party(db, org_id, *project->fields.client_id);
  return {organisation->name, organisation->address, *project, client};
}

DocumentPdf estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  EstimateDocument document = load_estimate(db, org_id, id);
  auto head = letterhead(db, org_id, document.estimate.project_id);
  return {documents::estimate_number(document.estimate) + ".pdf",
          documents::estimate_pdf(head, document.estimate, document.lines)};
}

DocumentPdf change_order(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  ChangeOrderDocument document = load_change_order(db, org_id, id);
  auto head = letterhead(db, org_id, document.order.project_id);
  return {document.order.fields.number + ".pdf",
          documents::change_order_pdf(head, document.order, document.lines)};
}

DocumentPdf pay_application(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  PayApplicationDocument document = load_pay_application(db, org_id, id);
  auto head = letterhead(db, org_id, document.application.project_id);
  documents::PayApplicationSheet sheet{document.application, {}, {}, {}};
  if (head.project.fields.architect_id)
    if (auto architect = sql::find_party(db, org_id, *head.project.fields.architect_id))
      sheet.architect = architect->fields.name;
  std::vector<domain::G703Line> figures;
  for (const auto& line : document.lines) {
    figures.push_back(g703_line_of(line.figures));
    sheet.rows.push_back({line.item_no, line.description, figures.back()});
  }
  sheet.totals = domain::g703_totals(figures);
  return {documents::pay_application_number(head.project, document.application) + ".pdf",
          documents::pay_application_pdf(head, sheet)};
}

DocumentPdf invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  InvoiceDocument document = load_invoice(db, org_id, id);
  auto head = letterhead(db, org_id, document.invoice.project_id);
  return {document.invoice.fields.number + ".pdf",
          documents::invoice_pdf(head, document.invoice, document.payments)};
}

DocumentPdf job_cost_report(sql::Connection& db, std::int64_t org_id, std::int64_t project_id) {
  auto head = letterhead(db, org_id, project_id);
  domain::BudgetReport report = budget_report(db, org_id, project_id);
  return {documents::job_cost_number(head.project) + ".pdf", documents::job_cost_pdf(head, report)};
}

DocumentPdf render(sql::Connection& db, std::int64_t org_id, DocumentKind kind, std::int64_t id) {
  switch (kind) {
    case DocumentKind::estimate:
      return estimate(db, org_id, id);
    case DocumentKind::change_order:
      return change_order(db, org_id, id);
    case DocumentKind::pay_application:
      return pay_application(db, org_id, id);
    case DocumentKind::invoice:
      return invoice(db, org_id, id);
    case DocumentKind::job_cost_report:
      return job_cost_report(db, org_id, id);
  }
  throw not_found();
}

}  // namespace

DocumentPdf document_pdf(sql::Connection& db, std::int64_t org_id, DocumentKind kind,
                         std::int64_t id) {
  // One snapshot for every read (the record, its lines, the project, the
  // client): a PDF made while someone edits the record shows one version of
  // it, whole, and so the bytes that version always gives. Inside a caller's
  // transaction this is a savepoint and the caller's snapshot serves.
  sql::Transaction tx(db, sql::Isolation::repeatable_read);
  DocumentPdf pdf = render(db, org_id, kind, id);
  tx.commit();
  return pdf;
}

}  // namespace construction::operations
