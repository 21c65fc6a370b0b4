#include "operations/team_mail.hpp"

namespace construction::operations {

std::string team_link(std::string_view public_url, std::string_view path, std::string_view token) {
  while (public_url.ends_with('/')) public_url.remove_suffix(1);
  return std::string(public_url) + std::string(path) + std::string(token);
}

void queue_invitation_mail(sql::Connection&, const sql::InvitationRecord&, const std::string&) {}

void queue_reset_mail(sql::Connection&, const sql::ResetTarget&, const std::string&) {}

}  // namespace construction::operations
