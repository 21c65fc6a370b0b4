// Web sessions that can end. The signed cookie (views/session.hpp) says who
// is logged in and keeps the idle limit with no write per request; a row
// per log-in (sql/session_store.hpp) says whether the session is still
// live, and the page's member read joins it, in the same round trip. A
// session is over when it is logged out, when its user's password, role or
// active flag changes (operations/user_accounts.hpp ends every row of the
// user with the change), or kSessionLifetime after its log-in, however
// busy it is kept: a stolen cookie is worth a day at most.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

// A day: the idle limit (8 hours) already ends the session of anyone who
// sleeps, so no one working a shift, even a long one, is asked to log in
// again in the middle of it; only a cookie used without a night's rest,
// which is what a thief's script does, meets this limit.
inline constexpr std::int64_t kSessionLifetime = 24 * 3600;

// The key of a session's row: SHA-256 of the cookie's nonce, as bytea text.
std::string session_key(std::string_view nonce);

// A log-in of `user` (as its password was checked) begins the session of
// `nonce`; rows past their lifetime go then. False when the user changed
// meanwhile (a new password, role or deactivation): no session.
bool begin_session(sql::Connection& db, const sql::UserRecord& user, std::string_view nonce);
// Logging out: the session of `nonce` opens nothing any more.
void end_session(sql::Connection& db, std::string_view nonce);

}  // namespace construction::operations
