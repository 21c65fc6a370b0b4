#include "sql/signature_request_store.hpp"

#include "sql/bytea.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

// The request with what its pages and emails name: the sender, the
// organisation and the document's project.
#define AS_DAYS(column, name) SQL_UNIX_DAYS(column) " AS " name
#define AS_SECONDS(column, name) SQL_UNIX_SECONDS(column) " AS " name
#define REQUEST_COLUMNS \
  "r.id, r.org_id, r.document_kind, r.document_id, r.document_version, r.document_name, "   \
  "r.amount_cents, r.pdf_sha256, r.pdf_filename, r.message, "                               \
  AS_DAYS("r.expires_on", "expires_on") ", r.status, r.status_reason, r.sent_by, "          \
  "coalesce(nullif(u.name, ''), u.email) AS sent_by_name, u.email AS sent_by_email, "       \
  "o.name AS org_name, p.id AS project_id, p.name AS project_name, "                        \
  AS_SECONDS("r.created_at", "created_at") ", " AS_SECONDS("r.ended_at", "ended_at") ", "   \
  AS_SECONDS("r.completed_at", "completed_at") ", r.sealed_sha256"
// The project is the document's: one of the three tables has the row.
#define REQUEST_JOINS                                                        \
  " JOIN users u ON u.org_id = r.org_id AND u.id = r.sent_by"                \
  " JOIN organisations o ON o.id = r.org_id"                                 \
  " JOIN projects p ON p.org_id = r.org_id AND p.id = (CASE r.document_kind" \
  " WHEN 'estimate' THEN (SELECT project_id FROM estimates d"                \
  " WHERE d.org_id = r.org_id AND d.id = r.document_id)"                     \
  " WHEN 'change_order' THEN (SELECT project_id FROM change_orders d"        \
  " WHERE d.org_id = r.org_id AND d.id = r.document_id)"                     \
  " ELSE (SELECT project_id FROM pay_applications d"                         \
  " WHERE d.org_id = r.org_id AND d.id = r.document_id) END)"
#define SIGNER_COLUMNS \
  "s.id, s.request_id, s.position, s.name, s.email, s.role, s.status, "                \
  AS_SECONDS("s.code_accepted_at", "code_accepted_at") ", s.consent_version, "         \
  "s.consent_sha256, " AS_SECONDS("s.consented_at", "consented_at") ", s.typed_name, " \
  AS_SECONDS("s.decided_at", "decided_at") ", s.decline_reason"
#define EVENT_AT AS_SECONDS("e.at", "at")
#define EVENT_COLUMNS \
  "e.id, e.request_id, e.signer_id, e.type, e.ip, e.user_agent, e.detail, " EVENT_AT
// Past its last day: expires_on is the last day signers may act, in UTC.
#define PAST_EXPIRY " r.expires_on < (now() AT TIME ZONE 'UTC')::date"

constexpr std::string_view kInsert =
    "WITH r AS (INSERT INTO signature_requests (org_id, document_kind, document_id, "
    "document_version, document_name, amount_cents, pdf, pdf_sha256, pdf_filename, message, "
    "expires_on, sent_by) VALUES ($1, $2, $3, $4, $5, $6, $7::bytea, $8::bytea, $9, $10, "
    "$11::date, $12) RETURNING *) SELECT " REQUEST_COLUMNS " FROM r" REQUEST_JOINS;
constexpr std::string_view kInsertSigner =
    "INSERT INTO signature_signers AS s (org_id, request_id, position, name, email, role, "
    "token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7::bytea) RETURNING " SIGNER_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " REQUEST_COLUMNS " FROM signature_requests r" REQUEST_JOINS
    " WHERE r.org_id = $1 AND r.id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " REQUEST_COLUMNS " FROM signature_requests r" REQUEST_JOINS
    " WHERE r.org_id = $1 AND r.id = $2 FOR UPDATE OF r";
constexpr std::string_view kList =
    "SELECT " REQUEST_COLUMNS " FROM signature_requests r" REQUEST_JOINS
    " WHERE r.org_id = $1 AND r.document_kind = $2 AND r.document_id = $3 ORDER BY r.id DESC";
constexpr std::string_view kSigners = "SELECT " SIGNER_COLUMNS
                                      " FROM signature_signers s "
                                      "WHERE s.org_id = $1 AND s.request_id = $2 "
                                      "ORDER BY s.position";
// Every signer of a document's requests, for the document's page.
constexpr std::string_view kSignersOfDocument =
    "SELECT " SIGNER_COLUMNS
    " FROM signature_signers s JOIN signature_requests r "
    "ON r.org_id = s.org_id AND r.id = s.request_id "
    "WHERE r.org_id = $1 AND r.document_kind = $2 AND r.document_id = $3 "
    "ORDER BY s.request_id DESC, s.position";
constexpr std::string_view kEvents = "SELECT " EVENT_COLUMNS
                                     " FROM signature_events e "
                                     "WHERE e.org_id = $1 AND e.request_id = $2 ORDER BY e.id";
constexpr std::string_view kPdf =
    "SELECT pdf FROM signature_requests WHERE org_id = $1 AND id = $2";
constexpr std::string_view kSealedPdf =
    "SELECT sealed_pdf FROM signature_requests "
    "WHERE org_id = $1 AND id = $2 AND sealed_pdf IS NOT NULL";
constexpr std::string_view kFindBySealed =
    "SELECT " REQUEST_COLUMNS " FROM signature_requests r" REQUEST_JOINS
    " WHERE r.sealed_sha256 = $1::bytea";
constexpr std::string_view kExpire =
    "WITH expired AS (UPDATE signature_requests r SET status = 'expired', ended_at = now(), "
    "status_reason = 'The link expired at the end of ' || to_char(r.expires_on, 'YYYY-MM-DD') "
    "|| ' (UTC)' WHERE r.status = 'sent' AND" PAST_EXPIRY
    " AND ($1::bigint IS NULL OR r.org_id = $1) AND ($2::bigint IS NULL OR r.id = $2) "
    "RETURNING r.org_id, r.id), events AS (INSERT INTO signature_events (org_id, request_id, "
    "type) SELECT org_id, id, 'expired' FROM expired) SELECT count(*) AS n FROM expired";
constexpr std::string_view kClaimUntold =
    "SELECT " REQUEST_COLUMNS " FROM signature_requests r" REQUEST_JOINS
    " WHERE r.status IN ('voided', 'expired', 'declined') AND r.signers_told_at IS NULL "
    "ORDER BY r.id LIMIT $1 FOR UPDATE OF r SKIP LOCKED";
constexpr std::string_view kMarkTold =
    "UPDATE signature_requests SET signers_told_at = now() WHERE org_id = $1 AND id = $2";
constexpr std::string_view kEnd =
    "UPDATE signature_requests SET status = $3, status_reason = $4, ended_at = now(), "
    "completed_at = CASE WHEN $3 = 'completed' THEN now() END "
    "WHERE org_id = $1 AND id = $2 AND status = 'sent'";
constexpr std::string_view kStoreSealed =
    "UPDATE signature_requests SET sealed_pdf = $3::bytea, sealed_sha256 = $4::bytea "
    "WHERE org_id = $1 AND id = $2 AND status = 'completed'";
// The signer's columns after the request's (read by position: the names
// repeat), then their secrets, whether their code still runs and whether
// the request is past its last day, by the database's clock.
#define SIGNER_OF_TOKEN                                                                        \
  "SELECT " REQUEST_COLUMNS ", " SIGNER_COLUMNS                                                \
  ", s.session_hash, s.code_hash, s.code_tries, "                                              \
  "coalesce(s.code_expires_at > now(), false) AS code_live, r.status = 'sent' AND" PAST_EXPIRY \
  " AS past_expiry FROM signature_signers s JOIN signature_requests r "                        \
  "ON r.org_id = s.org_id AND r.id = s.request_id" REQUEST_JOINS " WHERE s.token_hash = $1::bytea"
constexpr std::string_view kFindSigner = SIGNER_OF_TOKEN;
constexpr std::string_view kFindSignerForUpdate = SIGNER_OF_TOKEN " FOR UPDATE OF s, r";
#undef SIGNER_OF_TOKEN
constexpr std::string_view kStartSession =
    "UPDATE signature_signers SET session_hash = $3::bytea, code_hash = NULL, "
    "code_expires_at = NULL, code_tries = 0, consent_version = NULL, consent_sha256 = NULL, "
    "consented_at = NULL, code_accepted_at = NULL, "
    "status = CASE WHEN status = 'pending' THEN 'viewed' ELSE status END "
    "WHERE org_id = $1 AND id = $2";
constexpr std::string_view kStoreCode =
    "UPDATE signature_signers SET code_hash = $3::bytea, "
    "code_expires_at = now() + make_interval(secs => $4::bigint), code_tries = 0 "
    "WHERE org_id = $1 AND id = $2";
constexpr std::string_view kWrongCode =
    "UPDATE signature_signers SET code_tries = code_tries + 1 "
    "WHERE org_id = $1 AND id = $2 RETURNING code_tries";
constexpr std::string_view kAcceptCode =
    "UPDATE signature_signers SET code_hash = NULL, code_expires_at = NULL, "
    "code_accepted_at = now() WHERE org_id = $1 AND id = $2";
constexpr std::string_view kConsent =
    "UPDATE signature_signers SET consent_version = $3, consent_sha256 = $4::bytea, "
    "consented_at = now() WHERE org_id = $1 AND id = $2";
constexpr std::string_view kApprove =
    "UPDATE signature_signers SET status = 'approved', typed_name = $3, decided_at = now() "
    "WHERE org_id = $1 AND id = $2";
constexpr std::string_view kDecline =
    "UPDATE signature_signers SET status = 'declined', decline_reason = $3, decided_at = now() "
    "WHERE org_id = $1 AND id = $2";
constexpr std::string_view kInsertEvent =
    "INSERT INTO signature_events (org_id, request_id, signer_id, type, ip, user_agent, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kEventsSince =
    "SELECT count(*) AS n, floor(date_part('epoch', now() - max(at)))::bigint AS newest_age, "
    "floor(date_part('epoch', now() - min(at)))::bigint AS oldest_age "
    "FROM signature_events WHERE signer_id = $1 AND type = $2 "
    "AND at > now() - make_interval(secs => $3::bigint)";

#undef REQUEST_COLUMNS
#undef REQUEST_JOINS
#undef SIGNER_COLUMNS
#undef EVENT_COLUMNS
#undef EVENT_AT
#undef PAST_EXPIRY
#undef AS_DAYS
#undef AS_SECONDS

std::optional<std::string> optional_bytes(const Field& field) {
  if (field.is_null()) return std::nullopt;
  return bytes_of_bytea_hex(field.text());
}

SignatureRequestRecord request_from(const Row& row) {
  SignatureRequestRecord r;
  r.id = row["id"].int64();
  r.org_id = row["org_id"].int64();
  r.kind = row["document_kind"].named(domain::parse_signed_document_kind);
  r.document_id = row["document_id"].int64();
  r.document_version = row["document_version"].int32();
  r.document_name = row["document_name"].string();
  r.amount_cents = row["amount_cents"].cents();
  r.pdf_sha256 = bytes_of_bytea_hex(row["pdf_sha256"].text());
  r.pdf_filename = row["pdf_filename"].string();
  r.message = row["message"].string();
  r.expires_on = row["expires_on"].date();
  r.status = row["status"].named(domain::parse_signature_status);
  r.status_reason = row["status_reason"].string();
  r.sent_by = row["sent_by"].int64();
  r.sent_by_name = row["sent_by_name"].string();
  r.sent_by_email = row["sent_by_email"].string();
  r.org_name = row["org_name"].string();
  r.project_id = row["project_id"].int64();
  r.project_name = row["project_name"].string();
  r.created_at = row["created_at"].timestamp();
  r.ended_at = row["ended_at"].optional_timestamp();
  r.completed_at = row["completed_at"].optional_timestamp();
  r.sealed_sha256 = optional_bytes(row["sealed_sha256"]);
  return r;
}

SignatureSignerRecord signer_from(const Row& row) {
  SignatureSignerRecord s;
  s.id = row["id"].int64();
  s.request_id = row["request_id"].int64();
  s.position = row["position"].int32();
  s.name = row["name"].string();
  s.email = row["email"].string();
  s.role = row["role"].named(domain::parse_signer_role);
  s.status = row["status"].named(domain::parse_signer_status);
  s.code_accepted_at = row["code_accepted_at"].optional_timestamp();
  s.consent_version = row["consent_version"].optional_string();
  s.consent_sha256 = optional_bytes(row["consent_sha256"]);
  s.consented_at = row["consented_at"].optional_timestamp();
  s.typed_name = row["typed_name"].optional_string();
  s.decided_at = row["decided_at"].optional_timestamp();
  s.decline_reason = row["decline_reason"].optional_string();
  return s;
}

SignatureEventRecord event_from(const Row& row) {
  return {row["id"].int64(),
          row["request_id"].int64(),
          row["signer_id"].optional_int64(),
          row["type"].named(domain::parse_signature_event_type),
          row["at"].timestamp(),
          row["ip"].string(),
          row["user_agent"].string(),
          row["detail"].string()};
}

// The request's and the signer's columns share names (id, status): a
// joined row is read by position, the request's columns first.
constexpr int kRequestColumnCount = 23;

}  // namespace

SignatureRequestRecord insert_signature_request(Connection& db, const NewSignatureRequest& r) {
  return request_from(db.exec(kInsert, r.org_id, r.kind, r.document_id, r.document_version,
                              r.document_name, r.amount_cents, bytea_hex(r.pdf),
                              bytea_hex(r.pdf_sha256), r.pdf_filename, r.message, r.expires_on,
                              r.sent_by)
                          .single_row());
}

SignatureSignerRecord insert_signer(Connection& db, std::int64_t org_id, std::int64_t request_id,
                                    int position, const NewSigner& signer) {
  return signer_from(db.exec(kInsertSigner, org_id, request_id, position, signer.name, signer.email,
                             signer.role, signer.token_hash)
                         .single_row());
}

std::optional<SignatureRequestRecord> find_signature_request(Connection& db, std::int64_t org_id,
                                                             std::int64_t id, bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return request_from(result[0]);
}

std::vector<SignatureRequestRecord> list_signature_requests(Connection& db, std::int64_t org_id,
                                                            domain::SignedDocumentKind kind,
                                                            std::int64_t document_id) {
  std::vector<SignatureRequestRecord> rows;
  for (Row row : db.exec(kList, org_id, kind, document_id)) rows.push_back(request_from(row));
  return rows;
}

std::vector<SignatureSignerRecord> list_signers(Connection& db, std::int64_t org_id,
                                                std::int64_t request_id) {
  std::vector<SignatureSignerRecord> rows;
  for (Row row : db.exec(kSigners, org_id, request_id)) rows.push_back(signer_from(row));
  return rows;
}

std::vector<SignatureEventRecord> list_signature_events(Connection& db, std::int64_t org_id,
                                                        std::int64_t request_id) {
  std::vector<SignatureEventRecord> rows;
  for (Row row : db.exec(kEvents, org_id, request_id)) rows.push_back(event_from(row));
  return rows;
}

std::string signature_request_pdf(Connection& db, std::int64_t org_id, std::int64_t id) {
  return bytes_of_bytea_hex(db.exec(kPdf, org_id, id).single_row()["pdf"].text());
}

std::optional<std::string> sealed_signature_pdf(Connection& db, std::int64_t org_id,
                                                std::int64_t id) {
  Result result = db.exec(kSealedPdf, org_id, id);
  if (result.empty()) return std::nullopt;
  return bytes_of_bytea_hex(result[0]["sealed_pdf"].text());
}

std::optional<SignatureRequestRecord> find_by_sealed_sha256(Connection& db,
                                                            const std::string& sha256) {
  Result result = db.exec(kFindBySealed, bytea_hex(sha256));
  if (result.empty()) return std::nullopt;
  return request_from(result[0]);
}

int expire_due_signature_requests(Connection& db, std::optional<std::int64_t> org_id,
                                  std::optional<std::int64_t> request_id) {
  return static_cast<int>(db.exec(kExpire, org_id, request_id).single_row()["n"].int64());
}

std::vector<SignatureRequestRecord> claim_untold_ended_requests(Connection& db, int limit) {
  std::vector<SignatureRequestRecord> rows;
  for (Row row : db.exec(kClaimUntold, limit)) rows.push_back(request_from(row));
  return rows;
}

void mark_signers_told(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kMarkTold, org_id, id);
}

bool end_signature_request(Connection& db, std::int64_t org_id, std::int64_t id,
                           domain::SignatureStatus status, const std::string& reason) {
  return db.exec(kEnd, org_id, id, status, reason).affected_rows() == 1;
}

void store_sealed_pdf(Connection& db, std::int64_t org_id, std::int64_t id,
                      const std::string& bytes, const std::string& sha256) {
  db.exec(kStoreSealed, org_id, id, bytea_hex(bytes), bytea_hex(sha256));
}

std::optional<SignerOfToken> find_signer_by_token(Connection& db, const std::string& token_hash,
                                                  bool for_update) {
  Result result = db.exec(for_update ? kFindSignerForUpdate : kFindSigner, token_hash);
  if (result.empty()) return std::nullopt;
  Row row = result[0];
  SignerOfToken found;
  found.request = request_from(row);
  SignatureSignerRecord& s = found.signer;
  int c = kRequestColumnCount;
  s.id = row[c].int64();
  s.request_id = row[c + 1].int64();
  s.position = row[c + 2].int32();
  s.name = row[c + 3].string();
  s.email = row[c + 4].string();
  s.role = row[c + 5].named(domain::parse_signer_role);
  s.status = row[c + 6].named(domain::parse_signer_status);
  s.code_accepted_at = row[c + 7].optional_timestamp();
  s.consent_version = row[c + 8].optional_string();
  s.consent_sha256 = optional_bytes(row[c + 9]);
  s.consented_at = row[c + 10].optional_timestamp();
  s.typed_name = row[c + 11].optional_string();
  s.decided_at = row[c + 12].optional_timestamp();
  s.decline_reason = row[c + 13].optional_string();
  found.secrets.session_hash = optional_bytes(row["session_hash"]);
  found.secrets.code_hash = optional_bytes(row["code_hash"]);
  found.secrets.code_tries = row["code_tries"].int32();
  found.secrets.code_live = row["code_live"].boolean();
  found.past_expiry = row["past_expiry"].boolean();
  return found;
}

void start_signer_session(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                          const std::string& session_hash) {
  db.exec(kStartSession, org_id, signer_id, session_hash);
}

void store_signer_code(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                       const std::string& code_hash, std::int64_t valid_seconds) {
  db.exec(kStoreCode, org_id, signer_id, code_hash, valid_seconds);
}

int count_wrong_code(Connection& db, std::int64_t org_id, std::int64_t signer_id) {
  return db.exec(kWrongCode, org_id, signer_id).single_row()["code_tries"].int32();
}

void accept_signer_code(Connection& db, std::int64_t org_id, std::int64_t signer_id) {
  db.exec(kAcceptCode, org_id, signer_id);
}

void record_signer_consent(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                           const std::string& version, const std::string& sha256_bytea) {
  db.exec(kConsent, org_id, signer_id, version, sha256_bytea);
}

void record_signer_approval(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                            const std::string& typed_name) {
  db.exec(kApprove, org_id, signer_id, typed_name);
}

void record_signer_decline(Connection& db, std::int64_t org_id, std::int64_t signer_id,
                           const std::string& reason) {
  db.exec(kDecline, org_id, signer_id, reason);
}

void insert_signature_event(Connection& db, const NewSignatureEvent& e) {
  db.exec(kInsertEvent, e.org_id, e.request_id, e.signer_id, e.type, e.ip, e.user_agent, e.detail);
}

RecentEvents events_since(Connection& db, std::int64_t signer_id, domain::SignatureEventType type,
                          std::int64_t seconds) {
  Row row = db.exec(kEventsSince, signer_id, type, seconds).single_row();
  return {static_cast<int>(row["n"].int64()), row["newest_age"].optional_int64(),
          row["oldest_age"].optional_int64()};
}

Query<std::vector<SignatureRequestRecord>> signature_requests_of_document_query(
    std::int64_t org_id, domain::SignedDocumentKind kind, std::int64_t document_id) {
  return make_query<std::vector<SignatureRequestRecord>>(
      kList,
      [](const Result& result) {
        std::vector<SignatureRequestRecord> rows;
        for (Row row : result) rows.push_back(request_from(row));
        return rows;
      },
      org_id, kind, document_id);
}

Query<std::vector<SignatureSignerRecord>> signers_of_document_query(std::int64_t org_id,
                                                                    domain::SignedDocumentKind kind,
                                                                    std::int64_t document_id) {
  return make_query<std::vector<SignatureSignerRecord>>(
      kSignersOfDocument,
      [](const Result& result) {
        std::vector<SignatureSignerRecord> rows;
        for (Row row : result) rows.push_back(signer_from(row));
        return rows;
      },
      org_id, kind, document_id);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements signature_request_store_statements() {
  return {"signature_request_store",
          {SQL_NAMED(kInsert),
           SQL_NAMED(kInsertSigner),
           SQL_NAMED(kFind),
           SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kList),
           SQL_NAMED(kSigners),
           SQL_NAMED(kSignersOfDocument),
           SQL_NAMED(kEvents),
           SQL_NAMED(kPdf),
           SQL_NAMED(kSealedPdf),
           SQL_NAMED(kFindBySealed),
           SQL_NAMED(kExpire),
           SQL_NAMED(kClaimUntold),
           SQL_NAMED(kMarkTold),
           SQL_NAMED(kEnd),
           SQL_NAMED(kStoreSealed),
           SQL_NAMED(kFindSigner),
           SQL_NAMED(kFindSignerForUpdate),
           SQL_NAMED(kStartSession),
           SQL_NAMED(kStoreCode),
           SQL_NAMED(kWrongCode),
           SQL_NAMED(kAcceptCode),
           SQL_NAMED(kConsent),
           SQL_NAMED(kApprove),
           SQL_NAMED(kDecline),
           SQL_NAMED(kInsertEvent),
           SQL_NAMED(kEventsSince)}};
}

}  // namespace construction::sql
