// operations::document_pdf as sending calls it: inside the caller's
// transaction (the one that queues the message), reading only, so the
// caller's work stands; another organisation's id refused as not found.
#include <catch2/catch.hpp>

#include "operations/document_pdfs.hpp"
#include "operations/invoice_document.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "sql/invoice_store.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"
#include "test/support/pdf_text.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::pdf_text;
using construction::testing::ScratchDatabase;

TEST_CASE("a document's PDF is made inside the caller's transaction, which goes on", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Sender Org").id;
  std::int64_t other = sql::find_or_create_organisation(db, "Other Org").id;
  std::int64_t project =
      create_project(db, org, sql::ProjectFields{.number = "P-1", .name = "Barn"}).id;
  std::int64_t invoice =
      create_invoice(db, org, project, [] {
        return sql::InvoiceFields{.number = "INV-1", .total_cents = domain::Cents{123456}};
      }).invoice.id;

  sql::Transaction tx(db);
  DocumentPdf pdf = document_pdf(db, org, DocumentKind::invoice, invoice);
  CHECK(pdf.filename == "INV-1.pdf");
  CHECK(pdf_text(pdf.bytes).find("$1,234.56") != std::string::npos);
  // The caller's transaction is still open and usable after it.
  CHECK(tx.exec("SELECT 1").rows() == 1);
  tx.commit();

  CHECK(document_pdf(db, org, DocumentKind::invoice, invoice).bytes == pdf.bytes);
  for (DocumentKind kind :
       {DocumentKind::estimate, DocumentKind::change_order, DocumentKind::pay_application,
        DocumentKind::invoice, DocumentKind::job_cost_report}) {
    std::int64_t id = kind == DocumentKind::job_cost_report ? project : invoice;
    try {
      document_pdf(db, other, kind, id);
      FAIL("another organisation's record was made into a PDF");
    } catch (const Refusal& refusal) {
      CHECK(refusal.kind == Refusal::Kind::not_found);
    }
  }
}
