#include "sql/session_store.hpp"

#include "sql/statement_catalog.hpp"

namespace construction::sql {

namespace {

// Only while the user is as the log-in found them (the version whose
// password was checked, still active). FOR SHARE waits for a change of the
// user in flight and then sees its new version: a log-in racing a password
// change either begins before it (and the change ends the row) or begins
// nothing.
constexpr std::string_view kInsert =
    "INSERT INTO sessions (key_hash, org_id, user_id) "
    "SELECT $1::bytea, u.org_id, u.id FROM users u "
    "WHERE u.org_id = $2 AND u.id = $3 AND u.version = $4 AND u.active FOR SHARE";
constexpr std::string_view kEnd =
    "UPDATE sessions SET ended_at = now() WHERE key_hash = $1::bytea AND ended_at IS NULL";
constexpr std::string_view kEndUserSignIns =
    "WITH epoch AS (UPDATE users SET session_epoch = session_epoch + 1 "
    "WHERE org_id = $1 AND id = $2 RETURNING session_epoch), "
    "sessions_ended AS (UPDATE sessions SET ended_at = now() "
    "WHERE org_id = $1 AND user_id = $2 AND ended_at IS NULL), "
    "tokens_revoked AS (UPDATE api_tokens SET revoked_at = now() "
    "WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL) "
    "SELECT session_epoch FROM epoch";
// SKIP LOCKED: a row a user change holds is left for next time, so a log-in
// never waits on one.
constexpr std::string_view kForget =
    "DELETE FROM sessions WHERE key_hash IN (SELECT key_hash FROM sessions "
    "WHERE created_at < now() - make_interval(secs => $1::bigint) FOR UPDATE SKIP LOCKED)";

}  // namespace

bool insert_session(Connection& db, const std::string& key, std::int64_t org_id,
                    std::int64_t user_id, int user_version) {
  return db.exec(kInsert, key, org_id, user_id, user_version).affected_rows() == 1;
}

void end_session(Connection& db, const std::string& key) {
  db.exec(kEnd, key);
}

int end_user_sign_ins(Connection& db, std::int64_t org_id, std::int64_t user_id) {
  return db.exec(kEndUserSignIns, org_id, user_id).single_row()["session_epoch"].int32();
}

void forget_sessions_older_than(Connection& db, std::int64_t lifetime) {
  db.exec(kForget, lifetime);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements session_store_statements() {
  return {"session_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kEnd), SQL_NAMED(kEndUserSignIns), SQL_NAMED(kForget)}};
}

}  // namespace construction::sql
