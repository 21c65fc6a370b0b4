#include "sql/token_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

// One query, one index (api_tokens.token_hash is unique), then two primary
// key lookups.
constexpr std::string_view kFindTokenCaller =
    "SELECT t.id AS token_id, u.id AS user_id, t.org_id, u.role, "
    "encode(t.token_hash, 'hex') AS token_hash_hex "
    "FROM api_tokens t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id "
    "WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL AND u.active";
// Only while the user is as the caller found them (the version whose
// password a log-in checked, still active); FOR SHARE waits for a change in
// flight, so a token made racing a password change is either revoked by it
// or not made.
constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (org_id, user_id, name, token_hash) "
    "SELECT u.org_id, u.id, $4, $5::bytea FROM users u "
    "WHERE u.org_id = $1 AND u.id = $2 AND u.version = $3 AND u.active FOR SHARE "
    "RETURNING id, user_id, name, " SQL_UNIX_SECONDS("created_at") " AS created_at";
constexpr std::string_view kFindLiveToken =
    "SELECT id, user_id, name, " SQL_UNIX_SECONDS("created_at") " AS created_at FROM api_tokens "
    "WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = now() "
    "WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL";

constexpr std::string_view kListLive =
    "SELECT t.id, t.user_id, t.name, " SQL_UNIX_SECONDS("t.created_at") " AS created_at, "
    "coalesce(nullif(u.name, ''), u.email) AS user_name "
    "FROM api_tokens t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id "
    "WHERE t.org_id = $1 AND t.revoked_at IS NULL AND u.active ORDER BY t.id DESC";

TokenRecord token_from(const Row& row) {
  return {row["id"].int64(), row["user_id"].int64(), row["name"].string(),
          row["created_at"].timestamp()};
}

}  // namespace

std::optional<TokenCaller> find_token_caller(Connection& db, const std::string& hash) {
  Result result = db.exec(kFindTokenCaller, hash);
  if (result.empty()) return std::nullopt;
  Row row = result[0];
  return TokenCaller{row["token_id"].int64(), row["user_id"].int64(), row["org_id"].int64(),
                     row["role"].named(domain::parse_role), row["token_hash_hex"].string()};
}

std::optional<TokenRecord> insert_token(Connection& db, const UserRecord& user,
                                        const std::string& name, const std::string& hash) {
  Result result = db.exec(kInsertToken, user.org_id, user.id, user.version, name, hash);
  if (result.empty()) return std::nullopt;
  return token_from(result[0]);
}

std::optional<TokenRecord> find_live_token(Connection& db, std::int64_t org_id, std::int64_t id) {
  Result result = db.exec(kFindLiveToken, org_id, id);
  if (result.empty()) return std::nullopt;
  return token_from(result[0]);
}

void revoke_token(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kRevokeToken, org_id, id);
}

std::vector<TokenListing> list_live_tokens(Connection& db, std::int64_t org_id) {
  std::vector<TokenListing> rows;
  for (Row row : db.exec(kListLive, org_id))
    rows.push_back({token_from(row), row["user_name"].string()});
  return rows;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements token_store_statements() {
  return {"token_store",
          {SQL_NAMED(kFindTokenCaller), SQL_NAMED(kInsertToken), SQL_NAMED(kFindLiveToken),
           SQL_NAMED(kRevokeToken), SQL_NAMED(kListLive)}};
}

}  // namespace construction::sql
