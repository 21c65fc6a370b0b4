// The sealed record of a completed signature request: the document's PDF as
// it was signed, followed by a certificate (signers, method, consent, typed
// signatures, every event with its UTC time, address and user agent, the
// document's SHA-256), and the SHA-256 of the whole, which the request
// stores, the pages show and /verify looks up.
//
// operations/signing.cpp calls it in the completing transaction, after the
// request is marked completed and its `completed` event written, so the
// certificate has every event; it stores the bytes and emails them.
#pragma once

#include <cstdint>
#include <string>

#include "sql/connection.hpp"

namespace construction::operations {

struct SealedRecord {
  std::string bytes;   // application/pdf
  std::string sha256;  // 32 bytes, of `bytes`
};

// Reads only. The request must belong to organisation `org_id` and be
// completed (else Refusal not_found). The pages as signed come from the PDF
// stored with the request, byte for byte, never from a new rendering; the
// certificate from its signers and events (documents/sealed_record_pdf.hpp).
// The same rows give the same bytes, but nothing relies on it: the bytes
// are stored once and served as stored.
SealedRecord seal_signature_request(sql::Connection& db, std::int64_t org_id,
                                    std::int64_t request_id);

}  // namespace construction::operations
