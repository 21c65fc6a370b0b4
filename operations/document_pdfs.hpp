// The documents that leave the office, as PDFs (documents/): the record
// read as its page reads it, with its organisation, project and client, and
// laid out. One version of a document gives the same bytes every time.
#pragma once

#include <cstdint>
#include <string>

#include "sql/connection.hpp"

namespace construction::operations {

enum class DocumentKind { estimate, change_order, pay_application, invoice, job_cost_report };

struct DocumentPdf {
  std::string filename;  // "EST-001 rev 1.pdf": the document's number, as the spec says
  std::string bytes;     // application/pdf
};

// The document of organisation `org_id` as a PDF (for job_cost_report, `id` is the
// project's). Reads only, so it runs inside a caller's transaction too (sending
// renders the PDF in the transaction that queues the message). A missing id, or
// another organisation's, is Refusal not_found, as load_* does.
DocumentPdf document_pdf(sql::Connection& db, std::int64_t org_id, DocumentKind kind,
                         std::int64_t id);

}  // namespace construction::operations
