#include "sql/message_store.hpp"

#include "sql/bytea.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

// Addresses travel as one comma-separated text (they hold no comma: the
// outbox checks them) so that no array literal quoting is needed.
#define MESSAGE_COLUMNS                                                                    \
  "id, org_id, record, sent_by, array_to_string(to_addresses, ',') AS to_list, "           \
  "array_to_string(cc_addresses, ',') AS cc_list, subject, message_id, status, attempts, " \
  "last_error, " SQL_UNIX_SECONDS("created_at") " AS created_at, " SQL_UNIX_SECONDS(       \
      "next_attempt_at") " AS next_attempt_at, " SQL_UNIX_SECONDS("sent_at") " AS sent_at"

// The Message-ID is made here, once: a retry resends the row's.
constexpr std::string_view kInsert =
    "INSERT INTO messages (org_id, record, sent_by, to_addresses, cc_addresses, reply_to_name, "
    "reply_to_address, subject, text_body, html_body, attachment_filename, "
    "attachment_content_type, attachment, message_id) "
    "VALUES ($1, $2, $3, string_to_array($4, ','), string_to_array($5, ','), $6, $7, $8, $9, $10, "
    "$11, $12, $13::bytea, '<' || gen_random_uuid() || '@construction>') RETURNING id";
constexpr std::string_view kListOfRecord = "SELECT " MESSAGE_COLUMNS
                                           " FROM messages WHERE org_id = $1 AND record = $2 "
                                           "ORDER BY id DESC";
constexpr std::string_view kFind =
    "SELECT " MESSAGE_COLUMNS " FROM messages WHERE org_id = $1 AND id = $2";
constexpr std::string_view kClaim =
    "SELECT id, org_id, record, sent_by, array_to_string(to_addresses, ',') AS to_list, "
    "array_to_string(cc_addresses, ',') AS cc_list, reply_to_name, reply_to_address, subject, "
    "text_body, html_body, attachment_filename, attachment_content_type, attachment, "
    "message_id, status, attempts, " SQL_UNIX_SECONDS("created_at") " AS created_at "
    "FROM messages WHERE status IN ('queued', 'retrying') AND next_attempt_at <= now() "
    "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED";
constexpr std::string_view kRecordAttempt =
    "WITH attempt AS (INSERT INTO message_attempts (org_id, message_id, outcome, answer) "
    "VALUES ($1, $2, $3, left($5, 2000))) "
    "UPDATE messages SET status = $4, attempts = attempts + 1, "
    "sent_at = CASE WHEN $4 = 'sent' THEN now() END, "
    "last_error = CASE WHEN $4 = 'sent' THEN NULL ELSE left($5, 2000) END, "
    "next_attempt_at = now() + make_interval(secs => $6::bigint) "
    "WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextDue =
    "SELECT greatest(0, ceil(date_part('epoch', min(next_attempt_at) - now())))::bigint AS wait "
    "FROM messages WHERE status IN ('queued', 'retrying')";
constexpr std::string_view kCounts =
    "SELECT count(*) FILTER (WHERE status = 'queued') AS queued, "
    "count(*) FILTER (WHERE status = 'retrying') AS retrying, "
    "count(*) FILTER (WHERE status = 'sent') AS sent, "
    "count(*) FILTER (WHERE status = 'failed') AS failed, "
    "coalesce(floor(date_part('epoch', now() - min(created_at) FILTER "
    "(WHERE status IN ('queued', 'retrying')))), 0)::bigint AS oldest, "
    "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND application_name = $1) AS mailers FROM messages";
constexpr std::string_view kAttempts =
    "SELECT " SQL_UNIX_SECONDS("attempted_at") " AS attempted_at, outcome, answer "
    "FROM message_attempts WHERE org_id = $1 AND message_id = $2 ORDER BY id";

#undef MESSAGE_COLUMNS

std::string join(const std::vector<std::string>& addresses) {
  std::string joined;
  for (const auto& address : addresses) joined += (joined.empty() ? "" : ",") + address;
  return joined;
}

std::vector<std::string> split(std::string_view joined) {
  std::vector<std::string> addresses;
  while (!joined.empty()) {
    auto comma = joined.find(',');
    addresses.emplace_back(joined.substr(0, comma));
    if (comma == joined.npos) break;
    joined.remove_prefix(comma + 1);
  }
  return addresses;
}

MessageRecord message_from(const Row& row) {
  MessageRecord m;
  m.id = row["id"].int64();
  m.record = row["record"].optional_string();
  m.sent_by = row["sent_by"].optional_int64();
  m.to = split(row["to_list"].text());
  m.cc = split(row["cc_list"].text());
  m.subject = row["subject"].string();
  m.message_id = row["message_id"].string();
  m.status = row["status"].named(domain::parse_message_status);
  m.attempts = row["attempts"].int32();
  m.last_error = row["last_error"].optional_string();
  m.created_at = row["created_at"].timestamp();
  m.next_attempt_at = row["next_attempt_at"].timestamp();
  m.sent_at = row["sent_at"].optional_timestamp();
  return m;
}

OutboxMessage outbox_message_from(const Row& row) {
  OutboxMessage m;
  m.id = row["id"].int64();
  m.org_id = row["org_id"].int64();
  MessageFields& f = m.fields;
  f.record = row["record"].optional_string();
  f.sent_by = row["sent_by"].optional_int64();
  f.to = split(row["to_list"].text());
  f.cc = split(row["cc_list"].text());
  f.reply_to_name = row["reply_to_name"].optional_string();
  f.reply_to_address = row["reply_to_address"].optional_string();
  f.subject = row["subject"].string();
  f.text_body = row["text_body"].string();
  f.html_body = row["html_body"].string();
  if (auto filename = row["attachment_filename"].optional_string())
    f.attachment = MessageAttachment{*filename, row["attachment_content_type"].string(),
                                     bytes_of_bytea_hex(row["attachment"].text())};
  m.message_id = row["message_id"].string();
  m.status = row["status"].named(domain::parse_message_status);
  m.attempts = row["attempts"].int32();
  m.created_at = row["created_at"].timestamp();
  return m;
}

}  // namespace

std::int64_t insert_message(Connection& db, std::int64_t org_id, const MessageFields& f) {
  std::optional<std::string> filename, content_type, bytes;
  if (f.attachment) {
    filename = f.attachment->filename;
    content_type = f.attachment->content_type;
    bytes = bytea_hex(f.attachment->bytes);
  }
  return db
      .exec(kInsert, org_id, f.record, f.sent_by, join(f.to), join(f.cc), f.reply_to_name,
            f.reply_to_address, f.subject, f.text_body, f.html_body, filename, content_type, bytes)
      .single_row()["id"]
      .int64();
}

std::vector<MessageRecord> list_messages_of_record(Connection& db, std::int64_t org_id,
                                                   std::string_view record) {
  return fetch(db, messages_of_record_query(org_id, record));
}

Query<std::vector<MessageRecord>> messages_of_record_query(std::int64_t org_id,
                                                           std::string_view record) {
  return make_query<std::vector<MessageRecord>>(
      kListOfRecord,
      [](const Result& result) {
        std::vector<MessageRecord> messages;
        for (Row row : result) messages.push_back(message_from(row));
        return messages;
      },
      org_id, record);
}

std::optional<MessageRecord> find_message(Connection& db, std::int64_t org_id, std::int64_t id) {
  Result result = db.exec(kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return message_from(result[0]);
}

std::vector<OutboxMessage> claim_due_messages(Connection& db, int limit) {
  std::vector<OutboxMessage> messages;
  for (Row row : db.exec(kClaim, limit)) messages.push_back(outbox_message_from(row));
  return messages;
}

void record_attempt(Connection& db, std::int64_t org_id, std::int64_t id,
                    domain::AttemptOutcome outcome, domain::MessageStatus status,
                    std::string_view answer, std::int64_t retry_after_seconds) {
  db.exec(kRecordAttempt, org_id, id, outcome, status, answer, retry_after_seconds);
}

std::optional<std::int64_t> seconds_until_next_due(Connection& db) {
  return db.exec(kNextDue).single_row()["wait"].optional_int64();
}

OutboxCounts count_messages(Connection& db) {
  Row row = db.exec(kCounts, kMailerApplicationName).single_row();
  OutboxCounts counts;
  counts.queued = row["queued"].int64();
  counts.retrying = row["retrying"].int64();
  counts.sent = row["sent"].int64();
  counts.failed = row["failed"].int64();
  counts.oldest_queued_age_seconds = row["oldest"].int64();
  counts.mailers = row["mailers"].int64();
  return counts;
}

std::vector<MessageAttemptRecord> list_message_attempts(Connection& db, std::int64_t org_id,
                                                        std::int64_t message_id) {
  std::vector<MessageAttemptRecord> attempts;
  for (Row row : db.exec(kAttempts, org_id, message_id))
    attempts.push_back({row["attempted_at"].timestamp(),
                        row["outcome"].named(domain::parse_attempt_outcome),
                        row["answer"].string()});
  return attempts;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements message_store_statements() {
  return {
      "message_store",
      {SQL_NAMED(kInsert), SQL_NAMED(kListOfRecord), SQL_NAMED(kFind), SQL_NAMED(kClaim),
       SQL_NAMED(kRecordAttempt), SQL_NAMED(kNextDue), SQL_NAMED(kCounts), SQL_NAMED(kAttempts)}};
}

}  // namespace construction::sql
