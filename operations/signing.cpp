#include "operations/signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "domain/hex.hpp"
#include "domain/signing_consent.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/pay_application_transitions.hpp"
#include "operations/refusal.hpp"
#include "operations/sealing.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/sodium.hpp"
#include "sql/bytea.hpp"
#include "sql/change_order_store.hpp"
#include "sql/estimate_store.hpp"
#include "sql/pay_application_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::SignatureEventType;
using domain::SignatureStatus;
using domain::SignedDocumentKind;
using domain::SignerStatus;

// The signer of a link's token. A request found past its last day is
// marked expired here, with its event, and opens nothing from then on.
std::optional<sql::SignerOfToken> find_signer(sql::Connection& db, std::string_view token,
                                              bool lock) {
  auto key = link_token_key(token);
  if (!key) return std::nullopt;
  auto found = sql::find_signer_by_token(db, *key, lock);
  if (!found) return std::nullopt;
  if (found->past_expiry) {
    sql::expire_due_signature_requests(db, found->request.org_id, found->request.id);
    return std::nullopt;
  }
  return found;
}

constexpr std::int64_t kHour = 3600;

bool is_open(const sql::SignerOfToken& found) {
  return found.request.status == SignatureStatus::sent;
}

bool undecided(const sql::SignatureSignerRecord& signer) {
  return signer.status == SignerStatus::pending || signer.status == SignerStatus::viewed;
}

bool session_matches(const sql::SignerOfToken& found, std::string_view session) {
  if (!found.secrets.session_hash || !looks_like_link_token(session)) return false;
  TokenHash hash = hash_token(session);
  return constant_time_equal(
      std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()),
      *found.secrets.session_hash);
}

// The signer of a key whose token and session belong together, on an open
// request, who has not decided yet.
std::optional<sql::SignerOfToken> find_session(sql::Connection& db, const SignerKey& key,
                                               bool lock) {
  auto found = find_signer(db, key.token, lock);
  if (!found || !is_open(*found) || !undecided(found->signer) ||
      !session_matches(*found, key.session))
    return std::nullopt;
  return found;
}

// As find_session, or not_found: after committing what it wrote (an expiry
// that fell due stays marked, whatever the caller wanted).
sql::SignerOfToken require_session(sql::Connection& db, sql::Transaction& tx,
                                   const SignerKey& key) {
  auto found = find_session(db, key, true);
  if (found) return *found;
  tx.commit();
  throw not_found();
}

bool code_in_force(const sql::SignerSecrets& secrets) {
  return secrets.code_hash && secrets.code_live && secrets.code_tries < kSigningCodeTries;
}

SigningView view_of(const sql::SignerOfToken& found) {
  const sql::SignatureRequestRecord& r = found.request;
  return {r, found.signer, domain::intent_sentence(r.kind, r.document_name, r.amount_cents),
          code_in_force(found.secrets)};
}

// A code's stored form: SHA-256 of the code salted with the signer's id, so
// that one code given to two signers never stores the same hash. A million
// codes are no secret to whoever reads the table; what protects a code is
// that it lives 10 minutes and takes 5 tries.
std::string code_hash(std::int64_t signer_id, std::string_view code) {
  return sha256_bytes("signer " + std::to_string(signer_id) + " code " + std::string(code));
}

std::string new_code() {
  ensure_sodium();
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06u", randombytes_uniform(1'000'000));
  return digits;
}

// What the signer typed, its spaces gone ("123 456" is a way to read a code).
std::string typed_code(std::string_view code) {
  std::string digits;
  for (char c : code)
    if (c != ' ' && c != '\t' && c != '-') digits += c;
  return digits;
}

// The document, locked before the request: in the order the office's
// transitions take them (the document, then its request through the
// trigger), so that an approval and a change at the same moment wait for
// each other rather than deadlock.
void lock_document(sql::Connection& db, const sql::SignatureRequestRecord& request) {
  switch (request.kind) {
    case SignedDocumentKind::estimate:
      sql::find_estimate(db, request.org_id, request.document_id, true);
      return;
    case SignedDocumentKind::change_order:
      sql::find_change_order(db, request.org_id, request.document_id, true);
      return;
    case SignedDocumentKind::pay_application:
      sql::find_pay_application(db, request.org_id, request.document_id, true);
      return;
  }
}

// What every signer's approval stands for, done by the operation its own
// button runs (a savepoint inside this transaction). A pay application is
// certified for its current payment due, on the version that was sent.
void move_document(sql::Connection& db, const sql::SignatureRequestRecord& request) {
  std::int64_t org_id = request.org_id, id = request.document_id;
  switch (request.kind) {
    case SignedDocumentKind::estimate:
      transition_estimate(db, org_id, id, domain::EstimateAction::accept);
      return;
    case SignedDocumentKind::change_order:
      transition_change_order(db, org_id, id, domain::ChangeOrderAction::approve);
      return;
    case SignedDocumentKind::pay_application: {
      auto application = sql::find_pay_application(db, org_id, id, true);
      if (!application) throw not_found();
      std::int64_t due = application->g702.current_payment_due_cents.value;
      transition_pay_application(db, org_id, id, domain::PayApplicationAction::certify,
                                 request.document_version, [due] { return due; });
      return;
    }
  }
}

// The last approval: the request completed (before the document moves, so
// the trigger that voids on change finds it closed), the document moved, the
// record sealed and stored, and the sealed PDF emailed to every signer and
// to the sender.
void complete(sql::Connection& db, const sql::SignerOfToken& last, const Witness& witness,
              const SignatureMail& mail) {
  const sql::SignatureRequestRecord& request = last.request;
  sql::end_signature_request(db, request.org_id, request.id, SignatureStatus::completed, "");
  record_signature_event(db, request, std::nullopt, SignatureEventType::completed, witness);
  move_document(db, request);
  SealedRecord sealed = seal_signature_request(db, request.org_id, request.id);
  sql::store_sealed_pdf(db, request.org_id, request.id, sealed.bytes, sealed.sha256);

  auto completed = sql::find_signature_request(db, request.org_id, request.id);
  for (const auto& signer : sql::list_signers(db, request.org_id, request.id))
    queue_signature_email(
        db, *completed,
        {signer.email, mail.wording.completed({*completed, signer}, false), true, sealed.bytes});
  queue_signature_email(
      db, *completed,
      {completed->sent_by_email, mail.wording.completed({*completed, last.signer}, true), true,
       sealed.bytes});
}

bool everyone_approved(sql::Connection& db, const sql::SignatureRequestRecord& request) {
  auto signers = sql::list_signers(db, request.org_id, request.id);
  return std::all_of(signers.begin(), signers.end(),
                     [](const auto& signer) { return signer.status == SignerStatus::approved; });
}

}  // namespace

const TokenHash& signing_consent_sha256() {
  static const TokenHash hash = hash_token(domain::kSigningConsentText);
  return hash;
}

// The reads need no transaction of their own: one SELECT, and an expiry
// that fell due is one UPDATE of its own (the page is read on every click).
std::optional<SigningView> open_signing(sql::Connection& db, std::string_view token) {
  auto found = find_signer(db, token, false);
  if (!found || !is_open(*found) || !undecided(found->signer)) return std::nullopt;
  return view_of(*found);
}

std::optional<SignerSession> continue_signing(sql::Connection& db, std::string_view token,
                                              const Witness& witness) {
  sql::Transaction tx(db);
  auto found = find_signer(db, token, true);
  if (!found || !is_open(*found) || !undecided(found->signer)) {
    tx.commit();
    return std::nullopt;
  }
  sql::SignerOfToken signing = std::move(*found);
  sql::RecentEvents views =
      sql::events_since(db, signing.signer.id, SignatureEventType::viewed, kHour);
  if (views.count >= kSigningContinuesPerHour) {
    tx.commit();
    SignerSession limited{"", view_of(signing)};
    limited.retry_after = std::max<std::int64_t>(1, kHour - views.oldest_age_seconds.value_or(0));
    return limited;
  }
  NewToken secret = generate_link_token();
  sql::start_signer_session(db, signing.request.org_id, signing.signer.id,
                            bytea_literal(secret.hash));
  record_signature_event(db, signing.request, signing.signer.id, SignatureEventType::viewed,
                         witness);
  tx.commit();
  // As the new session starts: viewed, nothing of an earlier session kept.
  sql::SignatureSignerRecord& signer = signing.signer;
  signer.status = SignerStatus::viewed;
  signer.code_accepted_at.reset();
  signer.consented_at.reset();
  signer.consent_version.reset();
  signer.consent_sha256.reset();
  return SignerSession{secret.text, view_of(signing)};
}

std::optional<SigningView> signing_view(sql::Connection& db, const SignerKey& key) {
  auto found = find_session(db, key, false);
  if (!found) return std::nullopt;
  return view_of(*found);
}

std::string signing_pdf(sql::Connection& db, const SignerKey& key) {
  auto view = signing_view(db, key);
  if (!view) throw not_found();
  return sql::signature_request_pdf(db, view->request.org_id, view->request.id);
}

CodeSending send_code(sql::Connection& db, const SignerKey& key, const Witness& witness,
                      const SignatureMail& mail) {
  sql::Transaction tx(db);
  sql::SignerOfToken found = require_session(db, tx, key);
  const std::int64_t interval = kSigningCodeInterval.count();
  sql::RecentEvents sent =
      sql::events_since(db, found.signer.id, SignatureEventType::code_sent, kHour);
  if (sent.count >= kSigningCodesPerHour)
    return {false, std::max<std::int64_t>(1, kHour - sent.oldest_age_seconds.value_or(0))};
  if (sent.newest_age_seconds && *sent.newest_age_seconds < interval)
    return {false, interval - *sent.newest_age_seconds};

  std::string code = new_code();
  sql::store_signer_code(db, found.request.org_id, found.signer.id,
                         sql::bytea_hex(code_hash(found.signer.id, code)),
                         kSigningCodeLifetime.count());
  queue_signature_email(
      db, found.request,
      {found.signer.email, mail.wording.code({found.request, found.signer}, code), false, {}});
  record_signature_event(db, found.request, found.signer.id, SignatureEventType::code_sent, witness,
                         found.signer.email);
  tx.commit();
  return {true, 0};
}

CodeCheck check_code(sql::Connection& db, const SignerKey& key, std::string_view code,
                     const Witness& witness) {
  sql::Transaction tx(db);
  sql::SignerOfToken found = require_session(db, tx, key);
  const sql::SignerSecrets& secrets = found.secrets;
  auto reject = [&](const std::string& detail, CodeCheck answer) {
    record_signature_event(db, found.request, found.signer.id, SignatureEventType::code_rejected,
                           witness, detail);
    tx.commit();
    return answer;
  };
  // Nothing to try against: nothing is written either, so that typing at a
  // dead code cannot grow the evidence without end (a code takes 5 tries,
  // and 5 codes an hour: at most 25 rejections an hour are recorded).
  if (!code_in_force(secrets)) {
    tx.commit();
    return CodeCheck::spent;
  }
  if (constant_time_equal(code_hash(found.signer.id, typed_code(code)), *secrets.code_hash)) {
    sql::accept_signer_code(db, found.request.org_id, found.signer.id);
    record_signature_event(db, found.request, found.signer.id, SignatureEventType::code_accepted,
                           witness);
    tx.commit();
    return CodeCheck::accepted;
  }
  int tries = sql::count_wrong_code(db, found.request.org_id, found.signer.id);
  return reject(
      "Wrong code, try " + std::to_string(tries) + " of " + std::to_string(kSigningCodeTries),
      tries >= kSigningCodeTries ? CodeCheck::spent : CodeCheck::wrong);
}

void consent(sql::Connection& db, const SignerKey& key, std::string_view version,
             const Witness& witness) {
  sql::Transaction tx(db);
  sql::SignerOfToken found = require_session(db, tx, key);
  if (!found.signer.code_accepted_at)
    throw invalid_state("Enter the code we emailed you before agreeing to sign electronically");
  if (version != domain::kSigningConsentVersion)
    throw invalid_state("The consent to sign electronically changed: read it again");
  // Given already in this session (a second click, a reload): nothing new.
  if (found.signer.consented_at) {
    tx.commit();
    return;
  }
  const TokenHash& hash = signing_consent_sha256();
  sql::record_signer_consent(db, found.request.org_id, found.signer.id, std::string(version),
                             bytea_literal(hash));
  std::string hex = domain::hex_digits(hash);
  record_signature_event(db, found.request, found.signer.id, SignatureEventType::consented, witness,
                         "Consent version " + std::string(version) + ", SHA-256 " + hex);
  tx.commit();
}

Approval approve(sql::Connection& db, const SignerKey& key, const std::string& typed_name,
                 const Witness& witness, const SignatureMail& mail) {
  sql::Transaction tx(db);
  if (auto peek = find_session(db, key, false)) lock_document(db, peek->request);
  sql::SignerOfToken found = require_session(db, tx, key);
  if (!found.signer.consented_at)
    throw invalid_state("Agree to sign electronically before signing");
  if (auto errors = domain::validate_typed_name(typed_name); !errors.empty())
    throw invalid_fields(errors);
  sql::record_signer_approval(db, found.request.org_id, found.signer.id, typed_name);
  std::string intent = domain::intent_sentence(found.request.kind, found.request.document_name,
                                               found.request.amount_cents);
  record_signature_event(db, found.request, found.signer.id, SignatureEventType::approved, witness,
                         intent + ", signed " + typed_name);
  found.signer.typed_name = typed_name;
  found.signer.status = SignerStatus::approved;
  bool last = everyone_approved(db, found.request);
  if (last) complete(db, found, witness, mail);
  tx.commit();
  return last ? Approval::completed : Approval::approved;
}

void decline(sql::Connection& db, const SignerKey& key, const std::string& reason,
             const Witness& witness, const SignatureMail& mail) {
  sql::Transaction tx(db);
  sql::SignerOfToken found = require_session(db, tx, key);
  if (!found.signer.code_accepted_at)
    throw invalid_state("Enter the code we emailed you before declining");
  if (auto errors = domain::validate_reason(reason); !errors.empty()) throw invalid_fields(errors);
  sql::record_signer_decline(db, found.request.org_id, found.signer.id, reason);
  sql::end_signature_request(db, found.request.org_id, found.request.id, SignatureStatus::declined,
                             reason);
  record_signature_event(db, found.request, found.signer.id, SignatureEventType::declined, witness,
                         reason);
  found.request.status = SignatureStatus::declined;
  found.request.status_reason = reason;
  found.signer.status = SignerStatus::declined;
  found.signer.decline_reason = reason;
  queue_signature_email(db, found.request,
                        {found.request.sent_by_email,
                         mail.wording.declined({found.request, found.signer}),
                         true,
                         {}});
  tx.commit();
}

}  // namespace construction::operations
