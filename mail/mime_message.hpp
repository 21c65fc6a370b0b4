// A queued message as the bytes SMTP carries (RFC 5322 + MIME): From is
// MAIL_FROM, Reply-To the user who sent it, the Message-ID the one fixed at
// queueing; the body multipart/alternative (plain text, then HTML), inside
// multipart/mixed with the attachment (base64) when there is one. Lines end
// with CRLF. Header values go through mail/header.hpp, so neither a
// subject nor a name nor an address can add a header.
#pragma once

#include <string>

#include "domain/calendar.hpp"
#include "mail/header.hpp"
#include "sql/message_store.hpp"

namespace construction::mail {

// The envelope SMTP needs beside the message: MAIL FROM and RCPT TO.
struct Envelope {
  std::string from;
  std::vector<std::string> recipients;  // to, then cc
};

Envelope envelope_of(const sql::OutboxMessage& message, const Mailbox& from);

// `date`: the Date header (the time of sending, in UTC).
std::string mime_message(const sql::OutboxMessage& message, const Mailbox& from,
                         domain::Timestamp date);

// RFC 5322's date-time in UTC: "Sat, 05 Dec 2026 14:30:00 +0000".
std::string rfc5322_date(domain::Timestamp when);

}  // namespace construction::mail
