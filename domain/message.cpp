#include "domain/message.hpp"

#include <algorithm>

#include "domain/enum_names.hpp"

namespace construction::domain {
namespace {

constexpr EnumNames kStatuses{std::array{
    EnumName<MessageStatus>{MessageStatus::queued, "queued"},
    EnumName<MessageStatus>{MessageStatus::sent, "sent"},
    EnumName<MessageStatus>{MessageStatus::retrying, "retrying"},
    EnumName<MessageStatus>{MessageStatus::failed, "failed"},
}};

constexpr EnumNames kOutcomes{std::array{
    EnumName<AttemptOutcome>{AttemptOutcome::sent, "sent"},
    EnumName<AttemptOutcome>{AttemptOutcome::temporary_failure, "temporary_failure"},
    EnumName<AttemptOutcome>{AttemptOutcome::permanent_failure, "permanent_failure"},
}};

// RFC 5322 atext, the characters of an unquoted local part.
bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  for (char c : label)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

}  // namespace

std::string_view to_string(MessageStatus status) {
  return kStatuses.name(status);
}
std::optional<MessageStatus> parse_message_status(std::string_view name) {
  return kStatuses.parse(name);
}
std::string_view to_string(AttemptOutcome outcome) {
  return kOutcomes.name(outcome);
}
std::optional<AttemptOutcome> parse_attempt_outcome(std::string_view name) {
  return kOutcomes.parse(name);
}

std::optional<long long> retry_delay_seconds(int failures, long long first_seconds,
                                             long long age_seconds) {
  if (age_seconds >= kRetryForSeconds) return std::nullopt;
  long long wait = first_seconds;
  for (int i = 1; i < failures && wait < kMaxRetryWaitSeconds; ++i) wait *= 2;
  wait = std::min(wait, kMaxRetryWaitSeconds);
  return std::max(1LL, std::min(wait, kRetryForSeconds - age_seconds));
}

bool is_email_address(std::string_view address) {
  if (address.size() > 254) return false;
  auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  // Dot-atoms: no leading, trailing or doubled dot.
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) return false;
  for (char c : local)
    if (c != '.' && !is_atext(c)) return false;
  // A domain has at least two labels: "localhost" is no one's address.
  if (domain.find('.') == domain.npos) return false;
  std::size_t start = 0;
  while (true) {
    auto dot = domain.find('.', start);
    if (!is_domain_label(domain.substr(start, dot == domain.npos ? dot : dot - start)))
      return false;
    if (dot == domain.npos) return true;
    start = dot + 1;
  }
}

}  // namespace construction::domain
