// Owners invite people into their organisation by email, with a role. The
// link holds a token of 256 random bits (operations/token.hpp); only its
// SHA-256 is stored. It works for seven days, once: accepting it makes the
// user with the name and password they choose, in the same transaction
// that marks the invitation accepted, so two tabs accepting at once make
// one user. A new invitation to the same address cancels the one before;
// an owner may cancel one too. The email is queued in the outbox in the
// invitation's own transaction (operations/team_mail.hpp), its link built
// on the server's PUBLIC_URL, never on a request's Host.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/role.hpp"
#include "operations/authentication.hpp"
#include "operations/team_mail.hpp"
#include "sql/connection.hpp"
#include "sql/invitation_store.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

inline constexpr std::chrono::seconds kInvitationLifetime = std::chrono::days(7);

struct IssuedInvitation {
  sql::InvitationRecord invitation;
  std::string link;  // in the email; never stored, never shown
};

// invalid_fields (email) when the address is not one or already has an
// account; the caller is an owner (the route's permission).
IssuedInvitation invite_user(sql::Connection& db, const Caller& caller, const std::string& email,
                             domain::Role role, const LinkMail<InvitationWording>& mail);
// not_found when the organisation has no open invitation `id`.
void cancel_invitation(sql::Connection& db, const Caller& caller, std::int64_t id);
// The open invitation of a link's token; nothing for any other token.
std::optional<sql::InvitationRecord> open_invitation(sql::Connection& db, std::string_view token);

struct Acceptance {
  std::string name;
  std::string password;
};
// The new user, to log in. invalid_fields (name, password); not_found when
// the token opens no invitation (expired, used, cancelled, never made);
// conflict when the address got an account meanwhile.
sql::UserRecord accept_invitation(sql::Connection& db, std::string_view token,
                                  const Acceptance& acceptance);

}  // namespace construction::operations
