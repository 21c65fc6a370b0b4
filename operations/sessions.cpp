#include "operations/sessions.hpp"

#include "operations/token.hpp"
#include "sql/session_store.hpp"

namespace construction::operations {

std::string session_key(std::string_view nonce) {
  return bytea_literal(hash_token(nonce));
}

bool begin_session(sql::Connection& db, const sql::UserRecord& user, std::string_view nonce) {
  if (!sql::insert_session(db, session_key(nonce), user.org_id, user.id, user.version))
    return false;
  // Here rather than on a timer: a log-in is rare enough to afford it and
  // frequent enough to keep the table to about a day of log-ins.
  sql::forget_sessions_older_than(db, kSessionLifetime);
  return true;
}

void end_session(sql::Connection& db, std::string_view nonce) {
  sql::end_session(db, session_key(nonce));
}

}  // namespace construction::operations
