// Signature requests, their signers and their events (migration 0014). A
// signer is found by the SHA-256 of their link's token in bytea text form
// ("\x…", operations::bytea_literal), as invitations are. Hashes travel as
// 32 raw bytes in std::string; PDFs as their bytes. The stores read and write
// rows; which writes are allowed when is operations/signing.hpp's business,
// and the append-only rule of the events is the database's (a trigger).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "domain/signature_request.hpp"
#include "sql/connection.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct SignatureRequestRecord {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  domain::SignedDocumentKind kind = domain::SignedDocumentKind::change_order;
  std::int64_t document_id = 0;
  int document_version = 1;
  std::string document_name;  // "Change order CO-003, Added outlets"
  domain::Cents amount_cents{};
  std::string pdf_sha256;  // 32 bytes
  std::string pdf_filename;
  std::string message;
  domain::Date expires_on{};
  domain::SignatureStatus status = domain::SignatureStatus::sent;
  std::string status_reason;  // why voided, or the decline's reason
  std::int64_t sent_by = 0;
  std::string sent_by_name;  // or their email, when they have no name
  std::string sent_by_email;
  std::string org_name;
  std::int64_t project_id = 0;
  std::string project_name;
  domain::Timestamp created_at{};
  std::optional<domain::Timestamp> ended_at, completed_at;
  std::optional<std::string> sealed_sha256;  // 32 bytes, once completed and sealed
};

struct SignatureSignerRecord {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  int position = 1;
  std::string name, email;
  domain::SignerRole role = domain::SignerRole::client;
  domain::SignerStatus status = domain::SignerStatus::pending;
  std::optional<domain::Timestamp> code_accepted_at;
  std::optional<std::string> consent_version;
  std::optional<std::string> consent_sha256;  // 32 bytes
  std::optional<domain::Timestamp> consented_at;
  std::optional<std::string> typed_name;
  std::optional<domain::Timestamp> decided_at;
  std::optional<std::string> decline_reason;
};

struct SignatureEventRecord {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::optional<std::int64_t> signer_id;
  domain::SignatureEventType type = domain::SignatureEventType::sent;
  domain::Timestamp at{};
  std::string ip, user_agent, detail;
};

// What a signer's secrets need to be checked against; never leaves
// operations/.
struct SignerSecrets {
  std::optional<std::string> session_hash;  // 32 bytes
  std::optional<std::string> code_hash;     // 32 bytes
  int code_tries = 0;
  bool code_live = false;  // a code is stored and its 10 minutes still run
};

struct NewSignatureRequest {
  std::int64_t org_id = 0;
  domain::SignedDocumentKind kind = domain::SignedDocumentKind::change_order;
  std::int64_t document_id = 0;
  int document_version = 1;
  std::string document_name;
  domain::Cents amount_cents{};
  std::string pdf, pdf_sha256, pdf_filename;
  std::string message;
  domain::Date expires_on{};
  std::int64_t sent_by = 0;
};
struct NewSigner {
  std::string name, email;
  domain::SignerRole role = domain::SignerRole::client;
  std::string token_hash;  // bytea text
};
struct NewSignatureEvent {
  std::int64_t org_id = 0;
  std::int64_t request_id = 0;
  std::optional<std::int64_t> signer_id;
  domain::SignatureEventType type = domain::SignatureEventType::sent;
  std::string ip, user_agent, detail;
};

// Request and signers

// Conflict (unique violation, SQLSTATE 23505) when the document has an open
// request already.
SignatureRequestRecord insert_signature_request(Connection& db, const NewSignatureRequest& request);
SignatureSignerRecord insert_signer(Connection& db, std::int64_t org_id, std::int64_t request_id,
                                    int position, const NewSigner& signer);
std::optional<SignatureRequestRecord> find_signature_request(Connection& db, std::int64_t org_id,
                                                             std::int64_t id,
                                                             bool for_update = false);
// A document's requests, newest first.
std::vector<SignatureRequestRecord> list_signature_requests(Connection& db, std::int64_t org_id,
                                                            domain::SignedDocumentKind kind,
                                                            std::int64_t document_id);
std::vector<SignatureSignerRecord> list_signers(Connection& db, std::int64_t org_id,
                                                std::int64_t request_id);
std::vector<SignatureEventRecord> list_signature_events(Connection& db, std::int64_t org_id,
                                                        std::int64_t request_id);
// The PDF as it was sent, byte for byte.
std::string signature_request_pdf(Connection& db, std::int64_t org_id, std::int64_t id);
// The sealed PDF; nothing until the request is completed and sealed.
std::optional<std::string> sealed_signature_pdf(Connection& db, std::int64_t org_id,
                                                std::int64_t id);
// /verify: the request whose sealed PDF has this SHA-256 (32 bytes), any
// organisation's.
std::optional<SignatureRequestRecord> find_by_sealed_sha256(Connection& db,
                                                            const std::string& sha256);

// Every open request past its last day (UTC) becomes expired, with its
// `expired` event: of the organisation (org_id) or of one request only
// (request_id), whichever is given. Returns how many.
int expire_due_signature_requests(Connection& db, std::optional<std::int64_t> org_id,
                                  std::optional<std::int64_t> request_id);
// The mailer's (operations::tell_signers_of_ended_requests), across
// organisations: up to `limit` requests voided, expired or declined whose
// signers are
// not told yet, oldest first, locked (FOR UPDATE SKIP LOCKED: two
// mailers never tell one twice); then marked told.
std::vector<SignatureRequestRecord> claim_untold_ended_requests(Connection& db, int limit);
void mark_signers_told(Connection& db, std::int64_t org_id, std::int64_t id);
// From sent to `status` (declined, voided, completed) with its reason; false
// when it was no longer sent.
bool end_signature_request(Connection& db, std::int64_t org_id, std::int64_t id,
                           domain::SignatureStatus status, const std::string& reason);
void store_sealed_pdf(Connection& db, std::int64_t org_id, std::int64_t id,
                      const std::string& bytes, const std::string& sha256);

// The signer of a link: their row and their request, whatever the
// request's state; locked (the signer's row and the request's) when
// `for_update`.
struct SignerOfToken {
  SignatureRequestRecord request;
  SignatureSignerRecord signer;
  SignerSecrets secrets;
  bool past_expiry = false;  // still sent, but its last day has gone by
};
std::optional<SignerOfToken> find_signer_by_token(Connection& db, const std::string& token_hash,
                                                  bool for_update = false);

// A new signer session: its hash stored, the code, its acceptance and the
// consent of any earlier session cleared, status viewed unless decided.
void start_signer_session(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                          const std::string& session_hash);
// A new code (its salted hash, bytea text) replacing any other, valid
// `valid_seconds`, with its tries back at zero.
void store_signer_code(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                       const std::string& code_hash, std::int64_t valid_seconds);
// A wrong try: returns the tries so far.
int count_wrong_code(Connection& db, std::int64_t org_id, std::int64_t signer_id);
// The code is used: gone, and code_accepted_at set.
void accept_signer_code(Connection& db, std::int64_t org_id, std::int64_t signer_id);
void record_signer_consent(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                           const std::string& version, const std::string& sha256_bytea);
void record_signer_approval(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                            const std::string& typed_name);
void record_signer_decline(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                           const std::string& reason);

// Events

void insert_signature_event(Connection& db, const NewSignatureEvent& event);
// A signer's events of one type since `seconds` ago, and the newest and
// oldest one's age in seconds (nothing when none): the rate limits of codes
// and of sessions.
struct RecentEvents {
  int count = 0;
  std::optional<std::int64_t> newest_age_seconds, oldest_age_seconds;
};
RecentEvents events_since(Connection& db, std::int64_t signer_id, domain::SignatureEventType type,
                          std::int64_t seconds);

// A document's page: its requests (newest first) and all their signers (by
// request, newest first, then in their order), read with the page's other
// reads in one round trip (fetch_together). They only read: a request past
// its last day still says `sent` here until an operation marks it.
Query<std::vector<SignatureRequestRecord>> signature_requests_of_document_query(
    std::int64_t org_id, domain::SignedDocumentKind kind, std::int64_t document_id);
Query<std::vector<SignatureSignerRecord>> signers_of_document_query(std::int64_t org_id,
                                                                    domain::SignedDocumentKind kind,
                                                                    std::int64_t document_id);

}  // namespace construction::sql
