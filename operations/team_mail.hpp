// The emails of the team pages: an invitation and a password reset link,
// queued in the outbox (operations/outbox.hpp) in the caller's transaction,
// so that a rollback sends nothing. Their links are built on the server's
// PUBLIC_URL, never on the Host a request names: a forged Host would
// otherwise send a victim a link to the forger's site.
#pragma once

#include <string>
#include <string_view>

#include "sql/connection.hpp"
#include "sql/invitation_store.hpp"
#include "sql/password_reset_store.hpp"

namespace construction::operations {

// `public_url` (its trailing "/" dropped) + `path` + `token`.
std::string team_link(std::string_view public_url, std::string_view path, std::string_view token);

void queue_invitation_mail(sql::Connection& db, const sql::InvitationRecord& invitation,
                           const std::string& link);
void queue_reset_mail(sql::Connection& db, const sql::ResetTarget& target, const std::string& link);

}  // namespace construction::operations
