// The outbox: how the product sends email. An action that sends (an invoice
// sent to its client, an invitation, a password reset) queues its message
// here in its own transaction, so that the action and the message commit
// together or not at all; `construction mailer` (mail/) delivers it later,
// and nothing is ever sent from inside a request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/message.hpp"
#include "sql/connection.hpp"
#include "sql/message_store.hpp"

namespace construction::operations {

// The channel `construction mailer` LISTENs on.
inline constexpr std::string_view kOutboxChannel = "outbox";

struct Attachment {
  std::string filename, content_type, bytes;
};

struct OutgoingMessage {
  std::vector<std::string> to, cc;  // bare addresses
  std::string subject, text, html;  // html already escaped by its template
  std::optional<std::string> reply_to_name, reply_to_address;  // the user who sends
  std::optional<Attachment> attachment;
  std::optional<std::string> record;    // "invoice:12"; none for invitations, resets
  std::optional<std::int64_t> sent_by;  // user id
};

// In the caller's transaction: checks every address (a Refusal
// invalid_fields naming "to", "cc" or "reply_to"), makes the subject and
// the reply-to name single-line (a CR, LF or other control character
// becomes a space, so no header can be added through them), fixes the
// Message-ID, inserts the row and NOTIFYs the mailer (PostgreSQL delivers
// the NOTIFY at commit: a rollback sends nothing). Returns the message's id.
std::int64_t queue_message(sql::Connection& db, std::int64_t org_id,
                           const OutgoingMessage& message);

// What was sent for one record ("invoice:12"), newest first; for the API and
// the pages.
std::vector<sql::MessageRecord> list_messages(sql::Connection& db, std::int64_t org_id,
                                              std::string_view record);

// The mailer's side (mail/mailer.hpp). In a transaction the caller keeps
// open while it sends: the next due message, locked (FOR UPDATE SKIP
// LOCKED, so several mailers never take the same one), or none.
std::optional<sql::OutboxMessage> claim_next_message(sql::Connection& db);

// How an attempt to send ended, and the SMTP server's answer (or why there
// was none).
struct Delivery {
  domain::AttemptOutcome outcome = domain::AttemptOutcome::sent;
  std::string answer;
};

// Records the attempt on the claimed message and moves it on: sent; failed
// on a permanent failure, or on a temporary one 24 hours after queueing;
// otherwise retrying after domain::retry_delay_seconds. Returns the new
// status.
domain::MessageStatus record_delivery(sql::Connection& db, const sql::OutboxMessage& message,
                                      const Delivery& delivery, long long first_retry_seconds,
                                      domain::Timestamp now);

// A header value as one line: every control character (CR, LF, tab, …)
// becomes a space, and spaces at the ends go.
std::string single_line(std::string_view text);

}  // namespace construction::operations
