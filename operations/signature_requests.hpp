// Signature requests, the office's side (DESIGN.md, "Signatures (schema and
// rules)"): send an estimate, a change order or a pay application to one or
// more signers, list a document's requests, read one with its evidence,
// void one, fetch its PDFs. The signer's side is operations/signing.hpp.
//
// Creating a request is one transaction: the document read and locked (only
// a document waiting for this decision may go: domain/signature_request.hpp),
// its PDF rendered as it now stands (document_pdf) and stored byte for byte
// with its SHA-256, one row and one link per signer (256 random bits, only
// their SHA-256 kept), one email per signer queued in the outbox, and one
// `sent` event per signer. Any refusal rolls back all of it.
//
// A request past its last day is marked expired (with its event) the first
// time anything reads it, here or on the signer's side; a change to its
// document voids it in the database (migration 0014's triggers), whatever
// made the change.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/signature_request.hpp"
#include "operations/authentication.hpp"
#include "operations/team_mail.hpp"
#include "sql/connection.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

// Who did something, as the evidence records it: the client's address
// (through the trusted-proxy rule, worker/) and its User-Agent.
struct Witness {
  std::string ip, user_agent;
};

// The document a request is about.
struct SignedDocumentRef {
  domain::SignedDocumentKind kind = domain::SignedDocumentKind::change_order;
  std::int64_t id = 0;
};

// What an email about a request needs: the request, the signer it is to
// (or, to the sender, the signer it is about), and who sends.
struct SignatureMailFacts {
  sql::SignatureRequestRecord request;
  sql::SignatureSignerRecord signer;
};
// The words of the request's emails (views/signature_mail.cpp gives them;
// this layer writes no HTML).
struct SignatureWording {
  // To a signer: the request and their link.
  std::function<MailText(const SignatureMailFacts&, const std::string& link)> request;
  // To a signer: their one-time code and how long it works.
  std::function<MailText(const SignatureMailFacts&, const std::string& code)> code;
  // To the sender: `signer` declined, with the request's reason.
  std::function<MailText(const SignatureMailFacts&)> declined;
  // With the sealed PDF attached: to each signer (`to_sender` false), then
  // to the sender (`signer` is then the last to sign).
  std::function<MailText(const SignatureMailFacts&, bool to_sender)> completed;
  // To each signer but one who declined, once the request ended without
  // completing: withdrawn (voided, its status_reason saying why), expired,
  // or declined by another signer. Their link opens nothing now, and an
  // approval they gave no longer counts.
  std::function<MailText(const SignatureMailFacts&)> ended;
  // To the sender: the request expired before everyone signed; `waiting`
  // are the signers who had not.
  std::function<MailText(const sql::SignatureRequestRecord&,
                         const std::vector<sql::SignatureSignerRecord>& waiting)>
      expired;
};
struct SignatureMail {
  std::string public_url;  // PUBLIC_URL: links are built on it, never on a Host
  SignatureWording wording;
};

// What the sender typed. `expires_on` is "2026-12-19" (UTC), or nothing for
// kDefaultExpiryDays from today.
struct SignatureRequestForm {
  std::vector<domain::SignerInput> signers;
  std::string message;
  std::optional<std::string> expires_on;
};

struct SignatureRequest {
  sql::SignatureRequestRecord request;
  std::vector<sql::SignatureSignerRecord> signers;
};
struct SignatureRequestDetail {
  sql::SignatureRequestRecord request;
  std::vector<sql::SignatureSignerRecord> signers;
  std::vector<sql::SignatureEventRecord> events;
};
struct IssuedSignatureRequest {
  SignatureRequest request;
  // One per signer, in their order: in their emails; never stored, never
  // shown (api/ and views/ drop them; the tests follow them).
  std::vector<std::string> links;
};

// not_found when the organisation has no such document; invalid_state (409)
// when the document is in no state to be signed, or PUBLIC_URL is not set;
// conflict when the document has an open request already (void it first);
// invalid_fields naming "signers", "signers[0].email", "expires_on",
// "message". The caller may write commercial records (the route's
// permission).
IssuedSignatureRequest create_signature_request(sql::Connection& db, const Caller& caller,
                                                SignedDocumentRef document,
                                                const SignatureRequestForm& form,
                                                const SignatureMail& mail,
                                                const Witness& witness = {});

// A document's requests, newest first, with their signers; not_found when
// the organisation has no such document.
std::vector<SignatureRequest> list_signature_requests(sql::Connection& db, const Caller& caller,
                                                      SignedDocumentRef document);

// One request with its signers and every event; not_found for another
// organisation's or no request.
SignatureRequestDetail get_signature_request(sql::Connection& db, const Caller& caller,
                                             std::int64_t id);

// Ends an open request (event `voided`, with the reason); invalid_state
// when it is no longer open; invalid_fields (reason) when blank.
SignatureRequestDetail void_signature_request(sql::Connection& db, const Caller& caller,
                                              std::int64_t id, const std::string& reason,
                                              const Witness& witness = {});

// The mailer's turn (mail/mailer.hpp), across organisations, in one
// transaction: every open request past its last day expired (with its
// event), then each request voided, expired or declined whose signers were
// not told yet: an email to each signer but one who declined (`ended`)
// and, for an expiry, one to the sender (`expired`), the request marked
// told. At most
// `limit` requests a turn; returns how many were told.
int tell_signers_of_ended_requests(sql::Connection& db, const SignatureMail& mail,
                                   int limit = 100);

// The PDF as it was sent, byte for byte (its filename is on the request).
std::string signature_request_pdf(sql::Connection& db, const Caller& caller, std::int64_t id);
// The sealed PDF; not_found until the request is completed.
std::string sealed_signature_pdf(sql::Connection& db, const Caller& caller, std::int64_t id);

}  // namespace construction::operations
