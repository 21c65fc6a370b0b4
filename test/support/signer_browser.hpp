// A signer's side of a signature request, for the [process] tests of the
// signer's pages (/sign): a browser without JavaScript that keeps the
// signer cookie and the CSRF token of its last page; a request sent as the
// office's "Send for signature" sends it (operations::create_signature_
// request, in the test process, which hands the test the links it emails);
// and the code of the last code email queued to an address.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/signature_request.hpp"
#include "operations/signature_requests.hpp"
#include "test/support/http_client.hpp"
#include "test/support/scratch_database.hpp"

namespace construction::testing {

struct SignerBrowser {
  int port;
  std::string cookie;               // the signer cookie's value
  std::string csrf;                 // of the last page that had a form
  std::vector<HttpResult> answers;  // every answer, for the headers' checks

  HttpResult get(const std::string& path);
  // A form POST, with the last page's CSRF token unless `fields` has one.
  HttpResult post(const std::string& path, std::map<std::string, std::string> fields = {},
                  std::map<std::string, std::string> headers = {});

 private:
  HttpResult keep(HttpResult result);
  std::map<std::string, std::string> headers() const;
};

// A request for signature of the document `kind` `id` of organisation
// `org_id`, sent by user `user_id` (an owner), to `signers`, with
// development's PUBLIC_URL. The emails' words are the test's own (the
// server's are views/signature_mail.cpp's): the test follows the links.
operations::IssuedSignatureRequest send_for_signature(
    const ScratchDatabase& db, std::int64_t org_id, std::int64_t user_id,
    domain::SignedDocumentKind kind, std::int64_t id,
    const std::vector<domain::SignerInput>& signers);

// The path of a link ("/sign/…").
std::string sign_path(const std::string& link);

// The code in the last code email queued to `email` ("" when none), read
// from the outbox of `db`.
std::string queued_code(const ScratchDatabase& db, const std::string& email);

}  // namespace construction::testing
