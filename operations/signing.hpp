// What a signer does, from the link in their email (DESIGN.md, "Signatures
// (schema and rules)"):
//
//   open_signing       GET of the link: who sent what. Spends nothing and
//                      records nothing (mail scanners open links).
//   continue_signing   POST "Continue": a signer session of its own (a
//                      secret for a cookie on /sign only), event `viewed`.
//   send_code          a 6-digit code by email, 10 minutes, a new one voids
//                      the old; at most one per 30 s and 5 per hour.
//   check_code         5 wrong tries kill the code; a used code is gone.
//   consent            the ESIGN disclosure accepted (its version and SHA-256
//                      recorded), only after the code.
//   approve            the typed name under the intent sentence, only after
//                      the consent. The last approval completes the request
//                      in the same transaction: the document moves (an
//                      estimate accepted, a change order approved, a pay
//                      application certified for its current payment due,
//                      with its invoice), the request is sealed
//                      (operations/sealing.hpp) and the sealed PDF emailed
//                      to every signer and to the sender.
//   decline            with a reason: the request is declined and the sender
//                      told by email.
//
// Everything after open and continue holds both the link's token and the
// session's secret, and both must belong to the same signer. A link that
// opens nothing (unknown, expired, voided, declined, completed, another
// signer's session, a signer who already decided) gives the same answer:
// nothing from open_signing, continue_signing and signing_view, and Refusal
// not_found from the rest, so the pages show one "This link is no longer
// valid" whatever the cause. A request past its last day is marked expired
// (event `expired`) the first time any of these touches it.
//
// Each function is one transaction of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/signature_request.hpp"
#include "operations/signature_requests.hpp"
#include "operations/token.hpp"
#include "sql/connection.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

inline constexpr std::chrono::seconds kSigningCodeLifetime = std::chrono::minutes(10);
inline constexpr int kSigningCodeTries = 5;
inline constexpr std::chrono::seconds kSigningCodeInterval = std::chrono::seconds(30);
inline constexpr int kSigningCodesPerHour = 5;
// Each "Continue" writes a `viewed` event and ends the signer's other
// session: more than this in an hour is not a person reading.
inline constexpr int kSigningContinuesPerHour = 20;

// The SHA-256 of domain::kSigningConsentText, computed once per process.
const TokenHash& signing_consent_sha256();

// What a signer's pages show: the request (its sender, organisation,
// project, document name, amount, expiry, message, PDF's hash) and the
// signer (name, role, status, what they did so far in this session).
struct SigningView {
  sql::SignatureRequestRecord request;
  sql::SignatureSignerRecord signer;
  std::string intent;         // domain::intent_sentence of the request
  bool code_pending = false;  // a code was sent and may still be typed
};

// The GET of a link: nothing for a link that opens nothing (see above).
// Writes only an expiry that fell due.
std::optional<SigningView> open_signing(sql::Connection& db, std::string_view token);

struct SignerSession {
  std::string secret;  // for the cookie: 256 bits, base64url; only its SHA-256 is stored
  SigningView view;
  // Limited (kSigningContinuesPerHour): no session (secret empty), nothing
  // recorded, and the seconds until one may continue again.
  std::int64_t retry_after = 0;
};
// The POST "Continue": a new session for the link's signer (an earlier one
// of theirs ends, with the code and consent given in it), event `viewed`.
// Nothing for a link that opens nothing.
std::optional<SignerSession> continue_signing(sql::Connection& db, std::string_view token,
                                              const Witness& witness);

// A signer's link and session, as each later call holds them.
struct SignerKey {
  std::string_view token;
  std::string_view session;
};

// What the document page shows; nothing when the key opens nothing.
std::optional<SigningView> signing_view(sql::Connection& db, const SignerKey& key);
// The PDF as it was sent, byte for byte; not_found when the key opens nothing.
std::string signing_pdf(sql::Connection& db, const SignerKey& key);

struct CodeSending {
  bool sent = false;
  std::int64_t retry_after = 0;  // not sent: seconds until one may be asked for
};
// Emails a new code (event code_sent), or says how long to wait.
CodeSending send_code(sql::Connection& db, const SignerKey& key, const Witness& witness,
                      const SignatureMail& mail);

enum class CodeCheck {
  accepted,  // event code_accepted; the signer may consent and sign
  wrong,     // event code_rejected; tries remain
  spent      // no code works now (none sent, expired, used, 5 wrong tries):
             // ask for a new one; the fifth wrong try records code_rejected,
             // a try at a dead code records nothing
};
CodeCheck check_code(sql::Connection& db, const SignerKey& key, std::string_view code,
                     const Witness& witness);

// Records the acceptance of the consent `version` the page showed (event
// consented). invalid_state before the code is accepted, or when `version`
// is not the current one (the page is stale: show it again).
void consent(sql::Connection& db, const SignerKey& key, std::string_view version,
             const Witness& witness);

enum class Approval {
  approved,  // others have yet to sign
  completed  // this was the last signature: the document moved
};
// invalid_fields (typed_name) when blank; invalid_state before the consent.
// A refusal of the document's own transition (a change order that would take
// the contract sum below zero) refuses the approval too, with nothing saved.
Approval approve(sql::Connection& db, const SignerKey& key, const std::string& typed_name,
                 const Witness& witness, const SignatureMail& mail);

// invalid_fields (reason) when blank; invalid_state before the code is
// accepted (a decision in the signer's name asks for the same proof of who
// they are as a signature, short of the consent). Declines the request
// (event declined, its reason the request's) and emails the sender.
void decline(sql::Connection& db, const SignerKey& key, const std::string& reason,
             const Witness& witness, const SignatureMail& mail);

}  // namespace construction::operations
