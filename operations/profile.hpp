// A user's own name, email and password, as /account changes them. The
// caller has checked the current password (through operations::log_in, so
// that guesses from a borrowed session are throttled like any log-in) of
// the user as it read them: the change applies only to that version, so a
// change made meanwhile (by an owner, or in another tab) is not overwritten.
//
// A new password or a new email ends every sign-in of the user in the same
// transaction (sql::end_user_sign_ins: the session epoch moves on, every
// session row ends, every API token is revoked); the caller then begins a
// new session for the browser that made the change, so only that one stays
// logged in. A new name ends nothing.
#pragma once

#include <optional>
#include <string>

#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

struct ProfileChange {
  std::string name;
  std::string email;
  std::optional<std::string> password;  // a new one, when given
};

struct SavedProfile {
  sql::UserRecord user;
  bool sign_ins_ended = false;  // a new password or email
};

// invalid_fields (name, email, new_password), stale_version when the user
// changed since `checked`, not_found when they are no longer active, a
// UniqueViolation when another user has the email.
SavedProfile change_profile(sql::Connection& db, const sql::UserRecord& checked,
                            const ProfileChange& change);

}  // namespace construction::operations
