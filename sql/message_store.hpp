// The outbox's rows (migration 0011): messages queued by the product's
// actions, claimed and updated by `construction mailer`, and the attempts
// it made. Addresses are stored as text[] of bare addresses, checked by the
// caller (operations/outbox.hpp) to hold no comma, space or quote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/message.hpp"
#include "sql/connection.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct MessageAttachment {
  std::string filename, content_type, bytes;
};

// What the caller writes, checked already.
struct MessageFields {
  std::optional<std::string> record;  // "invoice:12"
  std::optional<std::int64_t> sent_by;
  std::vector<std::string> to, cc;
  std::optional<std::string> reply_to_name, reply_to_address;
  std::string subject, text_body, html_body;
  std::optional<MessageAttachment> attachment;
};

// A message as listed for its record: where it went and how its delivery
// stands, without its bodies.
struct MessageRecord {
  std::int64_t id = 0;
  std::optional<std::string> record;
  std::optional<std::int64_t> sent_by;
  std::vector<std::string> to, cc;
  std::string subject;
  std::string message_id;  // "<…>", as sent
  domain::MessageStatus status = domain::MessageStatus::queued;
  int attempts = 0;
  std::optional<std::string> last_error;
  domain::Timestamp created_at;
  domain::Timestamp next_attempt_at;
  std::optional<domain::Timestamp> sent_at;
};

// A claimed message, whole: what the mailer sends.
struct OutboxMessage {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  MessageFields fields;
  std::string message_id;
  domain::MessageStatus status = domain::MessageStatus::queued;
  int attempts = 0;
  domain::Timestamp created_at;
};

// Inserts a queued message with a new Message-ID and returns its id.
std::int64_t insert_message(Connection& db, std::int64_t org_id, const MessageFields& fields);
// The record's messages, newest first.
std::vector<MessageRecord> list_messages_of_record(Connection& db, std::int64_t org_id,
                                                   std::string_view record);
// The same as a Query: a document's page reads it with the document, in one
// round trip.
Query<std::vector<MessageRecord>> messages_of_record_query(std::int64_t org_id,
                                                           std::string_view record);
std::optional<MessageRecord> find_message(Connection& db, std::int64_t org_id, std::int64_t id);

// Locks up to `limit` due messages (queued or retrying, next attempt now or
// past), oldest due first, skipping rows another mailer holds: call it in a
// transaction, which holds the locks until the messages' outcomes commit.
std::vector<OutboxMessage> claim_due_messages(Connection& db, int limit);
// Records one attempt of a claimed message and sets the message's status:
// sent (sent_at now), retrying (next attempt in `retry_after_seconds`) or
// failed, with `answer` as its last_error when it was not sent.
void record_attempt(Connection& db, std::int64_t org_id, std::int64_t id,
                    domain::AttemptOutcome outcome, domain::MessageStatus status,
                    std::string_view answer, std::int64_t retry_after_seconds = 0);
// Seconds until the next queued or retrying message falls due (0: one is
// due now), or none when nothing waits.
std::optional<std::int64_t> seconds_until_next_due(Connection& db);

// /metrics: messages by status, the age of the oldest waiting one (queued
// or retrying) in seconds, 0 when none waits, and the mailers connected to
// this database now (their LISTEN sessions, named kMailerApplicationName).
struct OutboxCounts {
  std::int64_t queued = 0, retrying = 0, sent = 0, failed = 0;
  std::int64_t oldest_queued_age_seconds = 0;
  std::int64_t mailers = 0;
};
inline constexpr std::string_view kMailerApplicationName = "construction mailer";
OutboxCounts count_messages(Connection& db);

// The attempts of one message, first first.
struct MessageAttemptRecord {
  domain::Timestamp attempted_at;
  domain::AttemptOutcome outcome = domain::AttemptOutcome::sent;
  std::string answer;
};
std::vector<MessageAttemptRecord> list_message_attempts(Connection& db, std::int64_t org_id,
                                                        std::int64_t message_id);

}  // namespace construction::sql
