#include "operations/team_mail.hpp"

#include "operations/outbox.hpp"
#include "operations/refusal.hpp"

namespace construction::operations {

void require_public_url(std::string_view public_url) {
  if (public_url.empty())
    throw invalid_state(
        "The server has no PUBLIC_URL, so it cannot build the link of an email. Set PUBLIC_URL "
        "(the address people open the site at) and try again.");
}

std::string team_link(std::string_view public_url, std::string_view path, std::string_view token) {
  while (public_url.ends_with('/')) public_url.remove_suffix(1);
  return std::string(public_url) + std::string(path) + std::string(token);
}

void queue_team_mail(sql::Connection& db, std::int64_t org_id, const std::string& to,
                     const MailText& mail) {
  OutgoingMessage message;
  message.to = {to};
  message.subject = mail.subject;
  message.text = mail.text;
  message.html = mail.html;
  queue_message(db, org_id, message);
}

}  // namespace construction::operations
