// "Forgot your password?" links (migration 0012), found by the SHA-256 of
// their token in bytea text form ("\x…", operations::bytea_literal). Open
// means: its user's, not used, not past expires_at by the database's clock,
// and the user still active.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::sql {

struct NewPasswordReset {
  std::string token_hash;  // bytea text
  std::string email;       // as typed
  std::string address;     // the client's
  std::int64_t valid_seconds = 0;
};

// Whose account a reset is for, with the organisation's name (for the mail).
struct ResetTarget {
  UserRecord user;
  std::string org_name;
};

// What asking wrote: the user, when an active one has the address; and
// some organisation's id (none only when there is no organisation at all),
// under which a message for nobody can be queued and rolled back, so that
// both cases do the same work (operations/password_resets.hpp).
struct ResetRequestRow {
  std::optional<ResetTarget> target;
  std::optional<std::int64_t> any_org_id;
};
// One statement whether or not an active user has the address: the row is
// written either way, for that user or for nobody.
ResetRequestRow insert_password_reset(Connection& db, const NewPasswordReset& reset);
// The user of the open reset of `token_hash`; the reset's row and the
// user's are locked when `for_update`.
std::optional<ResetTarget> find_open_reset(Connection& db, const std::string& token_hash,
                                           bool for_update = false);
// Every open link of the user is used up (the one used, and any other).
void use_up_resets(Connection& db, std::int64_t org_id, std::int64_t user_id);
// Deletes the rows made more than `age` seconds ago.
void forget_resets_older_than(Connection& db, std::int64_t age);

}  // namespace construction::sql
