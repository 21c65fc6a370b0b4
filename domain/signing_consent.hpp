// The consent to sign electronically that a signer accepts before signing
// (US ESIGN Act, 15 U.S.C. 7001(c)): what it covers, the right to paper, how
// to withdraw and what that costs, how to get a copy, and the hardware and
// software needed. Its text is versioned: a change to a word is a new
// version, and every acceptance records the version and the SHA-256 of the
// exact text accepted (operations/signing.hpp computes it once per process;
// this layer has no hash), so the record shows what the signer read even
// after the wording moved on.
#pragma once

#include <string_view>

namespace construction::domain {

inline constexpr std::string_view kSigningConsentVersion = "2026-12-05";

// Plain text, paragraphs separated by a blank line; the pages and the
// sealed PDF show it as it is, and hash these very bytes.
inline constexpr std::string_view kSigningConsentText =
    "Consent to sign electronically\n"
    "\n"
    "What this covers. You agree to receive, review and sign this document, "
    "and the records and notices about it (the request, the one-time codes, "
    "the signed copy), electronically rather than on paper. This consent "
    "covers this signature request only.\n"
    "\n"
    "Your right to paper. You may ask the sender for a paper copy of the "
    "document, and sign on paper instead, at no charge. Reply to the email "
    "that brought you here, or contact the sender directly.\n"
    "\n"
    "How to withdraw. You may withdraw this consent at any time before you "
    "sign, by declining to sign on this page or by telling the sender. "
    "Withdrawing costs nothing; it does not undo a signature already given, "
    "and the sender will then arrange to complete the document on paper.\n"
    "\n"
    "Getting a copy. When everyone has signed, a copy of the signed document, "
    "with a certificate of how and when each person signed, is emailed to "
    "you. You may also ask the sender for a copy at any time.\n"
    "\n"
    "What you need. A device with a current web browser (any recent Chrome, "
    "Safari, Firefox or Edge), access to the email address this request was "
    "sent to, and a program that opens PDF files to read or keep the "
    "document. Keep your email address current with the sender: they will "
    "write to it.\n"
    "\n"
    "By ticking \"I agree to sign electronically\" you confirm that you can "
    "open this document and that you consent to sign it electronically.\n";

}  // namespace construction::domain
