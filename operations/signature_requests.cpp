#include "operations/signature_requests.hpp"

#include <chrono>

#include "documents/estimate_pdf.hpp"
#include "operations/document_pdfs.hpp"
#include "operations/refusal.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/token.hpp"
#include "sql/change_order_store.hpp"
#include "sql/estimate_store.hpp"
#include "sql/pay_application_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::SignedDocumentKind;

// The document as a request needs it: what is signed, its version, and why
// it may not be sent, if it may not.
struct Signable {
  domain::SignedDocument document;
  int version = 1;
  std::optional<domain::InvalidState> refused;
};

std::string project_name(sql::Connection& db, std::int64_t org_id, std::int64_t project_id) {
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  return project->fields.name;
}

// Locked when `lock`: a transition of the document at the same moment comes
// before the request (which then sees its new state) or after it (and its
// trigger voids the request).
Signable read_signable(sql::Connection& db, std::int64_t org_id, SignedDocumentRef ref, bool lock) {
  switch (ref.kind) {
    case SignedDocumentKind::estimate: {
      auto e = sql::find_estimate(db, org_id, ref.id, lock);
      if (!e) break;
      Signable s{{ref.kind, documents::estimate_number(*e), e->fields.title, e->totals.total},
                 e->version,
                 domain::refuse_signature_request(e->status)};
      if (e->revised_by_id)
        s.refused = domain::InvalidState{"This estimate was revised: send its revision"};
      return s;
    }
    case SignedDocumentKind::change_order: {
      auto o = sql::find_change_order(db, org_id, ref.id, lock);
      if (!o) break;
      return {{ref.kind, o->fields.number, o->fields.title, o->amount_cents},
              o->version,
              domain::refuse_signature_request(o->status)};
    }
    case SignedDocumentKind::pay_application: {
      auto a = sql::find_pay_application(db, org_id, ref.id, lock);
      if (!a) break;
      return {{ref.kind, "No. " + std::to_string(a->number),
               project_name(db, org_id, a->project_id), a->g702.current_payment_due_cents},
              a->version,
              domain::refuse_signature_request(a->status)};
    }
  }
  throw not_found();
}

domain::Date today_utc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

struct CheckedForm {
  std::vector<domain::SignerFields> signers;
  domain::Date expires_on{};
};

// Every field's error at once.
CheckedForm check_form(const SignatureRequestForm& form) {
  domain::FieldErrors errors;
  auto signers = domain::validate_signers(form.signers);
  if (!signers) errors.merge(signers.error());
  errors.merge(domain::validate_signature_message(form.message));
  std::optional<domain::Date> asked;
  if (form.expires_on) {
    asked = domain::parse_date(*form.expires_on);
    if (!asked) errors.add("expires_on", "must be a date, YYYY-MM-DD");
  }
  auto expires_on = domain::validate_expiry(asked, today_utc());
  if (!expires_on) errors.merge(expires_on.error());
  if (!errors.empty()) throw invalid_fields(errors);
  return {signers.value(), expires_on.value()};
}

void refuse_second_open_request(sql::Connection& db, std::int64_t org_id, SignedDocumentRef ref) {
  for (const auto& request : sql::list_signature_requests(db, org_id, ref.kind, ref.id))
    if (request.status == domain::SignatureStatus::sent)
      throw conflict(
          "This document has an open signature request already: void it before sending another");
}

sql::SignatureRequestRecord store_request(sql::Connection& db, const Caller& caller,
                                          SignedDocumentRef ref, const Signable& signable,
                                          const SignatureRequestForm& form,
                                          domain::Date expires_on) {
  DocumentPdf pdf = document_pdf(db, caller.org_id, document_kind(ref.kind), ref.id);
  sql::NewSignatureRequest r;
  r.org_id = caller.org_id;
  r.kind = ref.kind;
  r.document_id = ref.id;
  r.document_version = signable.version;
  r.document_name = domain::document_name(signable.document);
  r.amount_cents = signable.document.amount;
  r.pdf_sha256 = sha256_bytes(pdf.bytes);
  r.pdf = std::move(pdf.bytes);
  r.pdf_filename = pdf.filename;
  r.message = form.message;
  r.expires_on = expires_on;
  r.sent_by = caller.user_id;
  return sql::insert_signature_request(db, r);
}

// The signer's row, their email with their link, and their `sent` event.
std::string add_signer(sql::Connection& db, const sql::SignatureRequestRecord& request,
                       int position, const domain::SignerFields& fields, const SignatureMail& mail,
                       const Witness& witness, std::vector<sql::SignatureSignerRecord>& signers) {
  NewToken token = generate_link_token();
  auto signer =
      sql::insert_signer(db, request.org_id, request.id, position,
                         {fields.name, fields.email, fields.role, bytea_literal(token.hash)});
  std::string link = team_link(mail.public_url, "/sign/", token.text);
  queue_signature_email(db, request,
                        {signer.email, mail.wording.request({request, signer}, link), false, {}});
  record_signature_event(db, request, signer.id, domain::SignatureEventType::sent, witness,
                         signer.email);
  signers.push_back(std::move(signer));
  return link;
}

// The request of the caller's organisation, after any expiry fell due.
sql::SignatureRequestRecord current_request(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t id, bool lock = false) {
  sql::expire_due_signature_requests(db, org_id, id);
  auto request = sql::find_signature_request(db, org_id, id, lock);
  if (!request) throw not_found();
  return *request;
}

SignatureRequestDetail detail_of(sql::Connection& db, sql::SignatureRequestRecord request) {
  auto signers = sql::list_signers(db, request.org_id, request.id);
  auto events = sql::list_signature_events(db, request.org_id, request.id);
  return {std::move(request), std::move(signers), std::move(events)};
}

}  // namespace

IssuedSignatureRequest create_signature_request(sql::Connection& db, const Caller& caller,
                                                SignedDocumentRef document,
                                                const SignatureRequestForm& form,
                                                const SignatureMail& mail, const Witness& witness) {
  sql::Transaction tx(db);
  Signable signable = read_signable(db, caller.org_id, document, true);
  if (signable.refused) throw invalid_state(signable.refused->message);
  require_public_url(mail.public_url);
  CheckedForm checked = check_form(form);
  sql::expire_due_signature_requests(db, caller.org_id, std::nullopt);
  refuse_second_open_request(db, caller.org_id, document);

  IssuedSignatureRequest issued;
  issued.request.request = store_request(db, caller, document, signable, form, checked.expires_on);
  for (std::size_t i = 0; i < checked.signers.size(); ++i)
    issued.links.push_back(add_signer(db, issued.request.request, static_cast<int>(i + 1),
                                      checked.signers[i], mail, witness, issued.request.signers));
  tx.commit();
  return issued;
}

std::vector<SignatureRequest> list_signature_requests(sql::Connection& db, const Caller& caller,
                                                      SignedDocumentRef document) {
  sql::Transaction tx(db);
  read_signable(db, caller.org_id, document, false);
  sql::expire_due_signature_requests(db, caller.org_id, std::nullopt);
  std::vector<SignatureRequest> requests;
  for (auto& request : sql::list_signature_requests(db, caller.org_id, document.kind, document.id))
    requests.push_back({request, sql::list_signers(db, caller.org_id, request.id)});
  tx.commit();
  return requests;
}

SignatureRequestDetail get_signature_request(sql::Connection& db, const Caller& caller,
                                             std::int64_t id) {
  sql::Transaction tx(db);
  SignatureRequestDetail detail = detail_of(db, current_request(db, caller.org_id, id));
  tx.commit();
  return detail;
}

SignatureRequestDetail void_signature_request(sql::Connection& db, const Caller& caller,
                                              std::int64_t id, const std::string& reason,
                                              const Witness& witness) {
  sql::Transaction tx(db);
  auto request = current_request(db, caller.org_id, id, true);
  if (request.status != domain::SignatureStatus::sent)
    throw invalid_state("Only an open signature request can be voided; this one is " +
                        std::string(domain::to_string(request.status)));
  if (auto errors = domain::validate_reason(reason); !errors.empty()) throw invalid_fields(errors);
  sql::end_signature_request(db, caller.org_id, id, domain::SignatureStatus::voided, reason);
  record_signature_event(db, request, std::nullopt, domain::SignatureEventType::voided, witness,
                         reason);
  SignatureRequestDetail detail = detail_of(db, current_request(db, caller.org_id, id));
  tx.commit();
  return detail;
}

int tell_signers_of_ended_requests(sql::Connection& db, const SignatureMail& mail, int limit) {
  sql::Transaction tx(db);
  sql::expire_due_signature_requests(db, std::nullopt, std::nullopt);
  auto ended = sql::claim_untold_ended_requests(db, limit);
  for (const auto& request : ended) {
    // Everyone but who declined (they ended it): an approval that no longer
    // counts is news to its signer too.
    std::vector<sql::SignatureSignerRecord> waiting;
    for (const auto& signer : sql::list_signers(db, request.org_id, request.id)) {
      if (signer.status == domain::SignerStatus::declined) continue;
      queue_signature_email(db, request, {signer.email, mail.wording.ended({request, signer}), true});
      if (signer.status != domain::SignerStatus::approved) waiting.push_back(signer);
    }
    if (request.status == domain::SignatureStatus::expired)
      queue_signature_email(
          db, request, {request.sent_by_email, mail.wording.expired(request, waiting), true});
    sql::mark_signers_told(db, request.org_id, request.id);
  }
  tx.commit();
  return static_cast<int>(ended.size());
}

std::string signature_request_pdf(sql::Connection& db, const Caller& caller, std::int64_t id) {
  if (!sql::find_signature_request(db, caller.org_id, id)) throw not_found();
  return sql::signature_request_pdf(db, caller.org_id, id);
}

std::string sealed_signature_pdf(sql::Connection& db, const Caller& caller, std::int64_t id) {
  auto sealed = sql::sealed_signature_pdf(db, caller.org_id, id);
  if (!sealed) throw not_found();
  return *sealed;
}

}  // namespace construction::operations
