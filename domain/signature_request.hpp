// Signature requests: a document (an estimate, a change order, a pay
// application) sent to one or more signers who approve it, or decline it,
// from a link in their email (DESIGN.md, "Signatures (schema and rules)").
//
//   request  sent -> completed   every signer approved (the document moves)
//            sent -> declined    one signer declined
//            sent -> voided      the sender voided it, or the document changed
//            sent -> expired     its last day (expires_on, UTC) went by
//   signer   pending -> viewed -> approved | declined
//
// Only a document that waits for this decision may be sent: an estimate
// `sent` (the client accepts it), a change order `pending` (the owner
// approves it), a pay application `submitted` (the architect certifies it).
// The intent sentence a signer types their name under is made here, once,
// for the pages, the sealed PDF and the tests alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/change_order.hpp"
#include "domain/estimate.hpp"
#include "domain/money.hpp"
#include "domain/pay_application.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class SignedDocumentKind { estimate, change_order, pay_application };
enum class SignatureStatus { sent, completed, declined, voided, expired };
enum class SignerStatus { pending, viewed, approved, declined };
enum class SignerRole { client, owner, architect, lender };
enum class SignatureEventType {
  sent,
  viewed,
  code_sent,
  code_accepted,
  code_rejected,
  consented,
  approved,
  declined,
  expired,
  voided,
  completed
};

// The names the API, the database and the pages use: "change_order",
// "sent", "architect", "code_rejected".
std::string_view to_string(SignedDocumentKind kind);
std::string_view to_string(SignatureStatus status);
std::string_view to_string(SignerStatus status);
std::string_view to_string(SignerRole role);
std::string_view to_string(SignatureEventType type);
std::optional<SignedDocumentKind> parse_signed_document_kind(std::string_view name);
std::optional<SignatureStatus> parse_signature_status(std::string_view name);
std::optional<SignerStatus> parse_signer_status(std::string_view name);
std::optional<SignerRole> parse_signer_role(std::string_view name);
std::optional<SignatureEventType> parse_signature_event_type(std::string_view name);

// Nothing when a document in this state may be sent for signature; else the
// 409 to answer ("Only a pending change order can be sent for signature").
std::optional<InvalidState> refuse_signature_request(EstimateStatus status);
std::optional<InvalidState> refuse_signature_request(ChangeOrderStatus status);
std::optional<InvalidState> refuse_signature_request(PayApplicationStatus status);

// What is signed, as the request stores it.
struct SignedDocument {
  SignedDocumentKind kind = SignedDocumentKind::change_order;
  std::string number;  // "CO-003", "EST-001 rev 2", "no. 3"
  std::string title;   // "Added outlets"; a pay application's project name
  Cents amount{};      // the total, the order's amount, the current payment due
};

// "Change order CO-003, Added outlets": how the request, its emails and its
// certificate name the document.
std::string document_name(const SignedDocument& document);
// The verb a signer's approval stands for: accept (an estimate), approve (a
// change order), certify (a pay application).
std::string_view signing_verb(SignedDocumentKind kind);
// "I approve change order CO-003, Added outlets, for $4,950.00", from the
// stored name (document_name) and amount.
std::string intent_sentence(SignedDocumentKind kind, std::string_view document_name, Cents amount);

// Signers of one request: 1 to kMaxSigners, each a name, an address and a
// role; no address twice (one person signs once). The errors name
// "signers" or "signers[0].email", "signers[1].name", "signers[2].role".
inline constexpr std::size_t kMaxSigners = 10;
struct SignerInput {
  std::string name, email, role;
};
struct SignerFields {
  std::string name, email;
  SignerRole role = SignerRole::client;
};
Validated<std::vector<SignerFields>> validate_signers(const std::vector<SignerInput>& signers);

// Days a request stays open when the sender names no expiry, and the most
// it may: a signature wanted in a year is not a signature request.
inline constexpr int kDefaultExpiryDays = 14;
inline constexpr int kMaxExpiryDays = 90;
// "expires_on" from today (UTC) to today + kMaxExpiryDays; the default when
// not given. `message`: at most 5000 characters.
Validated<Date> validate_expiry(std::optional<Date> expires_on, Date today);
FieldErrors validate_signature_message(std::string_view message);

// A reason to decline, or to void: 1 to 2000 characters, not blank
// (field "reason"). A typed signature: 1 to 200, not blank ("typed_name").
FieldErrors validate_reason(std::string_view reason);
FieldErrors validate_typed_name(std::string_view typed_name);

}  // namespace construction::domain
