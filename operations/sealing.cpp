#include "operations/sealing.hpp"

#include <algorithm>

#include "documents/sealed_record_pdf.hpp"
#include "domain/signing_consent.hpp"
#include "operations/refusal.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/signing.hpp"
#include "sql/project_store.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

namespace {

using domain::SignatureEventType;

// When the signer first did `type` (their first `viewed`: the first time
// they continued past the link's page).
std::optional<domain::Timestamp> first_event(const std::vector<sql::SignatureEventRecord>& events,
                                             std::int64_t signer_id, SignatureEventType type) {
  auto found = std::find_if(events.begin(), events.end(), [&](const auto& event) {
    return event.signer_id == signer_id && event.type == type;
  });
  if (found == events.end()) return std::nullopt;
  return found->at;
}

documents::CertificateSigner certificate_signer(
    const sql::SignatureSignerRecord& signer,
    const std::vector<sql::SignatureEventRecord>& events) {
  documents::CertificateSigner out;
  out.name = signer.name;
  out.email = signer.email;
  out.role = std::string(domain::to_string(signer.role));
  out.consent_version = signer.consent_version.value_or("");
  out.consent_sha256 = signer.consent_sha256.value_or("");
  out.typed_name = signer.typed_name.value_or("");
  out.viewed_at = first_event(events, signer.id, SignatureEventType::viewed);
  out.code_accepted_at = signer.code_accepted_at;
  out.consented_at = signer.consented_at;
  if (signer.status == domain::SignerStatus::approved) out.approved_at = signer.decided_at;
  return out;
}

std::string signer_name(const std::vector<sql::SignatureSignerRecord>& signers,
                        const std::optional<std::int64_t>& id) {
  if (!id) return "";
  for (const auto& signer : signers)
    if (signer.id == *id) return signer.name;
  return "";
}

std::string project_line(sql::Connection& db, const sql::SignatureRequestRecord& request) {
  auto project = sql::find_project(db, request.org_id, request.project_id);
  if (!project) return request.project_name;
  return project->fields.number + " · " + project->fields.name;
}

}  // namespace

SealedRecord seal_signature_request(sql::Connection& db, std::int64_t org_id,
                                    std::int64_t request_id) {
  auto request = sql::find_signature_request(db, org_id, request_id);
  if (!request || !request->completed_at) throw not_found();
  std::vector<sql::SignatureSignerRecord> signers = sql::list_signers(db, org_id, request_id);
  std::vector<sql::SignatureEventRecord> events =
      sql::list_signature_events(db, org_id, request_id);

  documents::Certificate certificate;
  certificate.organisation = request->org_name;
  certificate.request_id = request->id;
  certificate.document_name = request->document_name;
  certificate.project = project_line(db, *request);
  certificate.amount = request->amount_cents;
  certificate.document_version = request->document_version;
  certificate.document_filename = request->pdf_filename;
  certificate.document_sha256 = request->pdf_sha256;
  certificate.sent_by = request->sent_by_name;
  certificate.sent_at = request->created_at;
  certificate.completed_at = *request->completed_at;
  for (const auto& signer : signers)
    certificate.signers.push_back(certificate_signer(signer, events));
  for (const auto& event : events)
    certificate.events.push_back({event.at, std::string(domain::to_string(event.type)),
                                  signer_name(signers, event.signer_id), event.ip, event.user_agent,
                                  event.detail});

  certificate.consent_version = domain::kSigningConsentVersion;
  certificate.consent_sha256 =
      std::string(reinterpret_cast<const char*>(signing_consent_sha256().data()),
                  signing_consent_sha256().size());
  certificate.consent_text = domain::kSigningConsentText;

  SealedRecord sealed;
  sealed.bytes =
      documents::sealed_record_pdf(sql::signature_request_pdf(db, org_id, request_id), certificate);
  sealed.sha256 = sha256_bytes(sealed.bytes);
  return sealed;
}

}  // namespace construction::operations
