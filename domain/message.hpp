// An email's delivery, as the outbox keeps it (operations/outbox.hpp): queued
// until the mailer first tries it, retrying after a temporary failure (the
// SMTP server answered 4xx, or could not be reached), and then either sent
// (the server answered 250) or failed (a 5xx answer, or 24 hours of
// temporary failures).
#pragma once

#include <optional>
#include <string_view>

namespace construction::domain {

enum class MessageStatus { queued, sent, retrying, failed };

// How one attempt ended (a row of message_attempts).
enum class AttemptOutcome { sent, temporary_failure, permanent_failure };

std::string_view to_string(MessageStatus status);
std::optional<MessageStatus> parse_message_status(std::string_view name);
std::string_view to_string(AttemptOutcome outcome);
std::optional<AttemptOutcome> parse_attempt_outcome(std::string_view name);

// After a temporary failure: seconds until the next attempt, or none when
// the message is to be given up (failed). `failures` counts the temporary
// failures so far (1 after the first); the wait starts at `first_seconds`
// and doubles, at most 30 minutes, and no attempt is made later than 24
// hours after the message was queued (`age_seconds` ago): the last wait is
// cut short to land on that limit.
inline constexpr long long kMaxRetryWaitSeconds = 30 * 60;
inline constexpr long long kRetryForSeconds = 24 * 60 * 60;
std::optional<long long> retry_delay_seconds(int failures, long long first_seconds,
                                             long long age_seconds);

// An address as the outbox accepts it: a bare addr-spec, local@domain, of
// printable ASCII with no space, quote, comma, angle bracket or control
// character (so it can never end a header or add a recipient), a domain of
// letters, digits, hyphens and dots, at most 254 bytes. Stricter than RFC
// 5322 (no quoted local parts, no address literals): what people type.
bool is_email_address(std::string_view address);

}  // namespace construction::domain
