// The rows of web sessions (migration 0010), found by the SHA-256 of a
// cookie's nonce in bytea text form ("\x…", operations::session_key). What
// a page reads with them is the member's read, sql::session_member_query.
#pragma once

#include <cstdint>
#include <string>

#include "sql/connection.hpp"

namespace construction::sql {

// False, and nothing inserted, when the user is no longer at `user_version`
// or no longer active.
bool insert_session(Connection& db, const std::string& key, std::int64_t org_id,
                    std::int64_t user_id, int user_version);
void end_session(Connection& db, const std::string& key);
// Everything the user is signed in with ends, in one statement: the
// user's session epoch goes up by one (every cookie sealed before opens
// nothing), every live session row ends and every live API token is
// revoked. A password, email, role or active change; gives the new epoch.
int end_user_sign_ins(Connection& db, std::int64_t org_id, std::int64_t user_id);
// Deletes the rows made more than `lifetime` seconds ago (ended or not:
// either way they open nothing).
void forget_sessions_older_than(Connection& db, std::int64_t lifetime);

}  // namespace construction::sql
