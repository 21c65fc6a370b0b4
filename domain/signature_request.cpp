#include "domain/signature_request.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/enum_names.hpp"
#include "domain/message.hpp"

namespace construction::domain {
namespace {

constexpr EnumNames kKinds{std::array{
    EnumName<SignedDocumentKind>{SignedDocumentKind::estimate, "estimate"},
    EnumName<SignedDocumentKind>{SignedDocumentKind::change_order, "change_order"},
    EnumName<SignedDocumentKind>{SignedDocumentKind::pay_application, "pay_application"},
}};
constexpr EnumNames kStatuses{std::array{
    EnumName<SignatureStatus>{SignatureStatus::sent, "sent"},
    EnumName<SignatureStatus>{SignatureStatus::completed, "completed"},
    EnumName<SignatureStatus>{SignatureStatus::declined, "declined"},
    EnumName<SignatureStatus>{SignatureStatus::voided, "voided"},
    EnumName<SignatureStatus>{SignatureStatus::expired, "expired"},
}};
constexpr EnumNames kSignerStatuses{std::array{
    EnumName<SignerStatus>{SignerStatus::pending, "pending"},
    EnumName<SignerStatus>{SignerStatus::viewed, "viewed"},
    EnumName<SignerStatus>{SignerStatus::approved, "approved"},
    EnumName<SignerStatus>{SignerStatus::declined, "declined"},
}};
constexpr EnumNames kRoles{std::array{
    EnumName<SignerRole>{SignerRole::client, "client"},
    EnumName<SignerRole>{SignerRole::owner, "owner"},
    EnumName<SignerRole>{SignerRole::architect, "architect"},
    EnumName<SignerRole>{SignerRole::lender, "lender"},
}};
constexpr EnumNames kEvents{std::array{
    EnumName<SignatureEventType>{SignatureEventType::sent, "sent"},
    EnumName<SignatureEventType>{SignatureEventType::viewed, "viewed"},
    EnumName<SignatureEventType>{SignatureEventType::code_sent, "code_sent"},
    EnumName<SignatureEventType>{SignatureEventType::code_accepted, "code_accepted"},
    EnumName<SignatureEventType>{SignatureEventType::code_rejected, "code_rejected"},
    EnumName<SignatureEventType>{SignatureEventType::consented, "consented"},
    EnumName<SignatureEventType>{SignatureEventType::approved, "approved"},
    EnumName<SignatureEventType>{SignatureEventType::declined, "declined"},
    EnumName<SignatureEventType>{SignatureEventType::expired, "expired"},
    EnumName<SignatureEventType>{SignatureEventType::voided, "voided"},
    EnumName<SignatureEventType>{SignatureEventType::completed, "completed"},
}};

constexpr std::size_t kMaxMessageCharacters = 5000;
constexpr std::size_t kMaxReasonCharacters = 2000;
constexpr std::size_t kMaxNameCharacters = 200;

std::optional<InvalidState> refuse_unless(bool waiting, std::string_view document) {
  if (waiting) return std::nullopt;
  return InvalidState{"Only " + std::string(document) + " can be sent for signature"};
}

// Blank, or longer than `most` characters: the message, else nothing.
std::optional<std::string> text_problem(std::string_view text, std::size_t most) {
  if (is_blank(text)) return "is required";
  if (count_characters(text) > most) return "must be at most " + std::to_string(most) + " characters";
  return std::nullopt;
}

FieldErrors required_text(std::string_view field, std::string_view text, std::size_t most) {
  FieldErrors errors;
  if (auto problem = text_problem(text, most)) errors.add(field, *problem);
  return errors;
}

std::string_view kind_label(SignedDocumentKind kind) {
  switch (kind) {
    case SignedDocumentKind::estimate:
      return "Estimate";
    case SignedDocumentKind::change_order:
      return "Change order";
    case SignedDocumentKind::pay_application:
      return "Pay application";
  }
  return "Document";
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string_view to_string(SignedDocumentKind kind) {
  return kKinds.name(kind);
}
std::string_view to_string(SignatureStatus status) {
  return kStatuses.name(status);
}
std::string_view to_string(SignerStatus status) {
  return kSignerStatuses.name(status);
}
std::string_view to_string(SignerRole role) {
  return kRoles.name(role);
}
std::string_view to_string(SignatureEventType type) {
  return kEvents.name(type);
}
std::optional<SignedDocumentKind> parse_signed_document_kind(std::string_view name) {
  return kKinds.parse(name);
}
std::optional<SignatureStatus> parse_signature_status(std::string_view name) {
  return kStatuses.parse(name);
}
std::optional<SignerStatus> parse_signer_status(std::string_view name) {
  return kSignerStatuses.parse(name);
}
std::optional<SignerRole> parse_signer_role(std::string_view name) {
  return kRoles.parse(name);
}
std::optional<SignatureEventType> parse_signature_event_type(std::string_view name) {
  return kEvents.parse(name);
}

std::optional<InvalidState> refuse_signature_request(EstimateStatus status) {
  return refuse_unless(status == EstimateStatus::sent, "a sent estimate");
}
std::optional<InvalidState> refuse_signature_request(ChangeOrderStatus status) {
  return refuse_unless(status == ChangeOrderStatus::pending, "a pending change order");
}
std::optional<InvalidState> refuse_signature_request(PayApplicationStatus status) {
  return refuse_unless(status == PayApplicationStatus::submitted, "a submitted pay application");
}

std::string document_name(const SignedDocument& document) {
  return std::string(kind_label(document.kind)) + " " + document.number + ", " + document.title;
}

std::string_view signing_verb(SignedDocumentKind kind) {
  switch (kind) {
    case SignedDocumentKind::estimate:
      return "accept";
    case SignedDocumentKind::change_order:
      return "approve";
    case SignedDocumentKind::pay_application:
      return "certify";
  }
  return "approve";
}

// The stored name starts with its kind ("Change order CO-003, …"); inside a
// sentence the kind is lowercase, the number and title as they were typed.
std::string intent_sentence(SignedDocumentKind kind, std::string_view document_name, Cents amount) {
  std::string name(document_name);
  std::string_view label = kind_label(kind);
  if (name.starts_with(label)) name = lowercase(std::string(label)) + name.substr(label.size());
  return "I " + std::string(signing_verb(kind)) + " " + name + ", for " + format_cents(amount);
}

Validated<std::vector<SignerFields>> validate_signers(const std::vector<SignerInput>& signers) {
  FieldErrors errors;
  if (signers.empty()) errors.add("signers", "must name at least one signer");
  if (signers.size() > kMaxSigners)
    errors.add("signers", "must name at most " + std::to_string(kMaxSigners) + " signers");
  std::vector<SignerFields> fields;
  std::set<std::string> addresses;
  for (std::size_t i = 0; i < signers.size() && i < kMaxSigners; ++i) {
    const SignerInput& input = signers[i];
    std::string prefix = "signers[" + std::to_string(i) + "].";
    errors.merge(required_text("name", input.name, kMaxNameCharacters), prefix);
    auto role = parse_signer_role(input.role);
    if (!role) errors.add(prefix + "role", "must be one of client, owner, architect, lender");
    if (!is_email_address(input.email))
      errors.add(prefix + "email", "must be an email address");
    else if (!addresses.insert(lowercase(input.email)).second)
      errors.add(prefix + "email", "is named twice: each person signs once");
    fields.push_back({input.name, input.email, role.value_or(SignerRole::client)});
  }
  if (!errors.empty()) return errors;
  return fields;
}

Validated<Date> validate_expiry(std::optional<Date> expires_on, Date today) {
  if (!expires_on) return today + std::chrono::days(kDefaultExpiryDays);
  FieldErrors errors;
  if (*expires_on < today)
    errors.add("expires_on", "must be today or later");
  else if (*expires_on > today + std::chrono::days(kMaxExpiryDays))
    errors.add("expires_on", "must be at most " + std::to_string(kMaxExpiryDays) + " days from today");
  if (!errors.empty()) return errors;
  return *expires_on;
}

FieldErrors validate_signature_message(std::string_view message) {
  FieldErrors errors;
  if (count_characters(message) > kMaxMessageCharacters)
    errors.add("message", "must be at most " + std::to_string(kMaxMessageCharacters) + " characters");
  return errors;
}

FieldErrors validate_reason(std::string_view reason) {
  return required_text("reason", reason, kMaxReasonCharacters);
}

FieldErrors validate_typed_name(std::string_view typed_name) {
  return required_text("typed_name", typed_name, kMaxNameCharacters);
}

}  // namespace construction::domain
