#include "operations/outbox.hpp"

#include "domain/message.hpp"
#include "domain/validation.hpp"
#include "operations/refusal.hpp"

namespace construction::operations {

namespace {

constexpr std::size_t kMostRecipients = 50;

void check_addresses(domain::FieldErrors& errors, std::string_view field,
                     const std::vector<std::string>& addresses) {
  if (addresses.size() > kMostRecipients) {
    errors.add(field, "At most " + std::to_string(kMostRecipients) + " addresses.");
    return;
  }
  for (const auto& address : addresses)
    if (!domain::is_email_address(address)) {
      errors.add(field, "\"" + single_line(address) + "\" is not an email address.");
      return;
    }
}

// At most `bytes` bytes, cut before a UTF-8 sequence rather than inside one.
std::string cut(std::string text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

// A file name a mail client shows and saves as it is: one line, no quote
// and no path ("INV/2026/7" becomes "INV-2026-7").
std::string attachment_filename(std::string_view name) {
  std::string safe = single_line(name);
  for (char& c : safe)
    if (c == '"' || c == '/' || c == '\\') c = '-';
  safe = cut(std::move(safe), 200);
  return safe.empty() ? "attachment" : safe;
}

}  // namespace

std::string single_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    line += (byte < 0x20 || byte == 0x7F) ? ' ' : c;
  }
  auto first = line.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return line.substr(first, line.find_last_not_of(' ') - first + 1);
}

std::int64_t queue_message(sql::Connection& db, std::int64_t org_id, const OutgoingMessage& m) {
  domain::FieldErrors errors;
  if (m.to.empty()) errors.add("to", "At least one recipient.");
  check_addresses(errors, "to", m.to);
  check_addresses(errors, "cc", m.cc);
  if (m.reply_to_address && !domain::is_email_address(*m.reply_to_address))
    errors.add("reply_to", "\"" + single_line(*m.reply_to_address) + "\" is not an email address.");
  std::string subject = single_line(m.subject);
  if (subject.empty()) errors.add("subject", "A subject.");
  if (domain::count_characters(subject) > 500) errors.add("subject", "At most 500 characters.");
  if (!errors.empty()) throw invalid_fields(std::move(errors));

  sql::MessageFields fields;
  fields.record = m.record;
  fields.sent_by = m.sent_by;
  fields.to = m.to;
  fields.cc = m.cc;
  if (m.reply_to_address) {
    fields.reply_to_address = m.reply_to_address;
    if (m.reply_to_name) fields.reply_to_name = cut(single_line(*m.reply_to_name), 200);
  }
  fields.subject = std::move(subject);
  fields.text_body = m.text;
  fields.html_body = m.html;
  if (m.attachment)
    fields.attachment = sql::MessageAttachment{attachment_filename(m.attachment->filename),
                                               m.attachment->content_type, m.attachment->bytes};
  std::int64_t id = sql::insert_message(db, org_id, fields);
  // Delivered at commit, once per transaction however many were queued.
  db.exec("SELECT pg_notify($1, '')", kOutboxChannel);
  return id;
}

std::optional<sql::OutboxMessage> claim_next_message(sql::Connection& db) {
  auto claimed = sql::claim_due_messages(db, 1);
  if (claimed.empty()) return std::nullopt;
  return std::move(claimed.front());
}

domain::MessageStatus record_delivery(sql::Connection& db, const sql::OutboxMessage& message,
                                      const Delivery& delivery, long long first_retry_seconds,
                                      domain::Timestamp now) {
  using domain::AttemptOutcome;
  using domain::MessageStatus;
  MessageStatus status = MessageStatus::sent;
  long long wait = 0;
  if (delivery.outcome == AttemptOutcome::permanent_failure) {
    status = MessageStatus::failed;
  } else if (delivery.outcome == AttemptOutcome::temporary_failure) {
    long long age = (now - message.created_at).count();
    auto delay = domain::retry_delay_seconds(message.attempts + 1, first_retry_seconds, age);
    status = delay ? MessageStatus::retrying : MessageStatus::failed;
    wait = delay.value_or(0);
  }
  sql::record_attempt(db, message.org_id, message.id, delivery.outcome, status, delivery.answer,
                      wait);
  return status;
}

std::vector<sql::MessageRecord> list_messages(sql::Connection& db, std::int64_t org_id,
                                              std::string_view record) {
  return sql::list_messages_of_record(db, org_id, record);
}

}  // namespace construction::operations
