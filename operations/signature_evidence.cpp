#include "operations/signature_evidence.hpp"

#include "operations/document_sending.hpp"
#include "operations/outbox.hpp"
#include "operations/token.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

namespace {

constexpr std::size_t kMaxIpBytes = 100;
constexpr std::size_t kMaxUserAgentBytes = 1000;

// At most `most` bytes, never ending inside a UTF-8 sequence.
std::string clip(std::string_view text, std::size_t most) {
  if (text.size() <= most) return std::string(text);
  std::size_t end = most;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace

std::string sealed_filename(const std::string& pdf_filename) {
  std::string stem = pdf_filename;
  if (stem.ends_with(".pdf")) stem.resize(stem.size() - 4);
  return stem + " signed.pdf";
}

DocumentKind document_kind(domain::SignedDocumentKind kind) {
  switch (kind) {
    case domain::SignedDocumentKind::estimate:
      return DocumentKind::estimate;
    case domain::SignedDocumentKind::change_order:
      return DocumentKind::change_order;
    case domain::SignedDocumentKind::pay_application:
      return DocumentKind::pay_application;
  }
  return DocumentKind::change_order;
}

void record_signature_event(sql::Connection& db, const sql::SignatureRequestRecord& request,
                            std::optional<std::int64_t> signer_id, domain::SignatureEventType type,
                            const Witness& witness, std::string_view detail) {
  sql::insert_signature_event(
      db, {request.org_id, request.id, signer_id, type, clip(witness.ip, kMaxIpBytes),
           clip(witness.user_agent, kMaxUserAgentBytes), std::string(detail)});
}

void queue_signature_email(sql::Connection& db, const sql::SignatureRequestRecord& request,
                           const SignatureEmail& email) {
  OutgoingMessage message;
  message.to = {email.to};
  message.subject = email.text.subject;
  message.text = email.text.text;
  message.html = email.text.html;
  message.reply_to_name = request.sent_by_name;
  message.reply_to_address = request.sent_by_email;
  if (email.on_record)
    message.record = record_name({document_kind(request.kind), request.document_id});
  if (email.attachment)
    message.attachment =
        Attachment{sealed_filename(request.pdf_filename), "application/pdf", *email.attachment};
  queue_message(db, request.org_id, message);
}

std::string sha256_bytes(std::string_view data) {
  TokenHash hash = hash_token(data);
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

}  // namespace construction::operations
