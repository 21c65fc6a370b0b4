// What the office's side and the signer's side of a signature request
// share (operations/signature_requests.cpp, operations/signing.cpp): an
// event written with its witness, an email about a request queued, and a
// SHA-256 as the 32 bytes the tables keep.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/signature_request.hpp"
#include "operations/document_pdfs.hpp"
#include "operations/signature_requests.hpp"
#include "sql/connection.hpp"

namespace construction::operations {

// An event of `request` (and of signer `signer_id`, if any), with the
// witness's address and user agent cut to what the table keeps (100 and
// 1000 bytes, at a character's boundary: a client chooses its User-Agent).
void record_signature_event(sql::Connection& db, const sql::SignatureRequestRecord& request,
                            std::optional<std::int64_t> signer_id, domain::SignatureEventType type,
                            const Witness& witness, std::string_view detail = {});

struct SignatureEmail {
  std::string to;
  MailText text;
  // Whose outbox list shows it: the document's ("change_order:12"), or none
  // for a message that holds a secret (a link, a code), which no one in the
  // office should read back.
  bool on_record = false;
  // The sealed PDF, with its filename.
  std::optional<std::string> attachment;
};
// Queued in the caller's transaction, replying to the request's sender.
void queue_signature_email(sql::Connection& db, const sql::SignatureRequestRecord& request,
                           const SignatureEmail& email);

// The PDF kind of a signed document.
DocumentKind document_kind(domain::SignedDocumentKind kind);

// The sealed PDF's filename, from the document's: "CO-003.pdf" -> "CO-003
// signed.pdf", in the emails and in the office's downloads alike.
std::string sealed_filename(const std::string& pdf_filename);

// SHA-256 as 32 bytes in a std::string, as the stores keep it.
std::string sha256_bytes(std::string_view data);

}  // namespace construction::operations
