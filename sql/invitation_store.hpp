// Invitations to join an organisation (migration 0012), found by the
// SHA-256 of their link's token in bytea text form ("\x…",
// operations::bytea_literal). Open means: not accepted, not cancelled and
// not past expires_at by the database's clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/role.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

struct InvitationRecord {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string email;
  domain::Role role = domain::Role::field;
  std::string invited_by_name;  // or their email, when they have no name
  std::string org_name;
  domain::Timestamp created_at{};
  domain::Timestamp expires_at{};
};

struct NewInvitation {
  std::int64_t org_id = 0;
  std::string email;
  domain::Role role = domain::Role::field;
  std::int64_t invited_by = 0;
  std::string token_hash;  // bytea text
  std::int64_t valid_seconds = 0;
};

// Cancels the organisation's open invitations to the same address (any
// case) first: the newest link is the one that works.
InvitationRecord insert_invitation(Connection& db, const NewInvitation& invitation);
std::vector<InvitationRecord> open_invitations(Connection& db, std::int64_t org_id);
// The open invitation of `token_hash`, locked when `for_update`.
std::optional<InvitationRecord> find_open_invitation(Connection& db, const std::string& token_hash,
                                                     bool for_update = false);
void mark_invitation_accepted(Connection& db, std::int64_t org_id, std::int64_t id,
                              std::int64_t user_id);
// False when the organisation has no open invitation `id`.
bool cancel_invitation(Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::sql
