// The sealed record of a completed signature request: the document's pages
// exactly as they were signed (from the stored PDF, documents/signed_pages),
// then a certificate of signature: what was signed and its SHA-256, each
// signer (email, role, method, consent, typed signature, times) and every
// event of the request with its UTC time, address and user agent.
//
// The certificate cannot print the SHA-256 of the file it is part of; that
// one is computed on the finished bytes, stored with the request, shown on
// its page and in the emails, and looked up by /verify.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"

namespace construction::documents {

struct CertificateSigner {
  std::string name;
  std::string email;
  std::string role;  // as stored: "owner", "architect"…
  std::string consent_version;
  std::string consent_sha256;  // 32 bytes
  std::string typed_name;
  std::optional<domain::Timestamp> viewed_at, code_accepted_at, consented_at, approved_at;
};

struct CertificateEvent {
  domain::Timestamp at{};
  std::string type;    // as stored: "sent", "code_sent"…
  std::string signer;  // the signer's name; "" for the request's own events
  std::string ip;
  std::string user_agent;
  std::string detail;
};

struct Certificate {
  std::string organisation;
  std::int64_t request_id = 0;
  std::string document_name;  // "Change order CO-003, Added outlets"
  std::string project;        // "P-001 · Harper kitchen remodel"
  domain::Cents amount{};
  int document_version = 1;
  std::string document_filename;  // "CO-003.pdf"
  std::string document_sha256;    // 32 bytes, of the PDF as it was sent
  std::string sent_by;
  domain::Timestamp sent_at{};
  domain::Timestamp completed_at{};
  std::vector<CertificateSigner> signers;
  std::vector<CertificateEvent> events;  // in the order they happened
  // The consent disclosure in force, printed in full after the signers so
  // the record shows what they accepted; a signer whose version is another
  // is shown with their version and its SHA-256 only.
  std::string consent_version;
  std::string consent_sha256;  // 32 bytes
  std::string consent_text;
};

// The sealed PDF: `signed_pdf`'s pages, then the certificate's. Throws
// std::runtime_error when `signed_pdf` cannot be read.
std::string sealed_record_pdf(std::string_view signed_pdf, const Certificate& certificate);

// "2026-12-05 14:03:07 UTC": how the certificate writes a time.
std::string utc_time(domain::Timestamp instant);

}  // namespace construction::documents
