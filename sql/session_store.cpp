#include "sql/session_store.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO sessions (key_hash, org_id, user_id) VALUES ($1::bytea, $2, $3)";
constexpr std::string_view kEnd =
    "UPDATE sessions SET ended_at = now() WHERE key_hash = $1::bytea AND ended_at IS NULL";
constexpr std::string_view kEndUser =
    "UPDATE sessions SET ended_at = now() "
    "WHERE org_id = $1 AND user_id = $2 AND ended_at IS NULL";
// SKIP LOCKED: a row a user change holds is left for next time, so a log-in
// never waits on one.
constexpr std::string_view kForget =
    "DELETE FROM sessions WHERE key_hash IN (SELECT key_hash FROM sessions "
    "WHERE created_at < now() - make_interval(secs => $1::bigint) FOR UPDATE SKIP LOCKED)";

}  // namespace

void insert_session(Connection& db, const std::string& key, std::int64_t org_id,
                    std::int64_t user_id) {
  db.exec(kInsert, key, org_id, user_id);
}

void end_session(Connection& db, const std::string& key) {
  db.exec(kEnd, key);
}

void end_user_sessions(Connection& db, std::int64_t org_id, std::int64_t user_id) {
  db.exec(kEndUser, org_id, user_id);
}

void forget_sessions_older_than(Connection& db, std::int64_t lifetime) {
  db.exec(kForget, lifetime);
}

}  // namespace construction::sql
