#include "test/support/signature_signers.hpp"

#include <catch2/catch.hpp>

#include "domain/signing_consent.hpp"

namespace construction::testing {

namespace {

const operations::Witness kPhone{"203.0.113.7", "Mozilla/5.0 (iPhone) Mobile Safari"};

// Plain words for the emails these calls queue: the code is the whole text.
const operations::SignatureMail kMail{
    "http://localhost:8000",
    {[](const operations::SignatureMailFacts& f, const std::string& link) {
       return operations::MailText{"Sign " + f.request.document_name, link, ""};
     },
     [](const operations::SignatureMailFacts&, const std::string& code) {
       return operations::MailText{"Test code", code, ""};
     },
     [](const operations::SignatureMailFacts& f) {
       return operations::MailText{f.signer.name + " declined", f.request.status_reason, ""};
     },
     [](const operations::SignatureMailFacts& f, bool) {
       return operations::MailText{"Signed", f.request.document_name, ""};
     }}};

std::string newest(const ScratchDatabase& db, const std::string& email, const std::string& where) {
  return db.scalar("SELECT text_body FROM messages WHERE to_addresses[1] = '" + email + "' AND " +
                   where + " ORDER BY id DESC LIMIT 1");
}

}  // namespace

operations::Approval sign_as(const ScratchDatabase& db, const std::string& email,
                             const std::string& typed_name) {
  std::string mail = newest(db, email, "text_body LIKE '%/sign/%'");
  auto at = mail.find("/sign/");
  REQUIRE(at != std::string::npos);
  std::string token = mail.substr(at + 6, mail.find_first_of(" \n\r", at) - at - 6);
  sql::Connection conn = db.connect();
  auto session = operations::continue_signing(conn, token, kPhone);
  REQUIRE(session);
  operations::SignerKey key{token, session->secret};
  REQUIRE(operations::send_code(conn, key, kPhone, kMail).sent);
  std::string code = newest(db, email, "subject = 'Test code'");
  REQUIRE(operations::check_code(conn, key, code, kPhone) == operations::CodeCheck::accepted);
  operations::consent(conn, key, domain::kSigningConsentVersion, kPhone);
  return operations::approve(conn, key, typed_name, kPhone, kMail);
}

}  // namespace construction::testing
