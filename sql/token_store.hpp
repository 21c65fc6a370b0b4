// API tokens: stored as SHA-256 hashes (bytea), revocable. The per-request
// check is one indexed query from the hash to the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/role.hpp"
#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::sql {

struct TokenCaller {
  std::int64_t token_id = 0;
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  domain::Role role = domain::Role::field;
  std::string token_hash_hex;  // as stored, for a constant-time recheck
};

struct TokenRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  domain::Timestamp created_at{};
};

// A live token as the team page lists it, with whose it is.
struct TokenListing {
  TokenRecord token;
  std::string user_name;  // or their email, when they have no name
};

// `hash` in bytea text form ("\x…"). Only an unrevoked token of an active user.
std::optional<TokenCaller> find_token_caller(Connection& db, const std::string& hash);
// Nothing, and no token, when the user is no longer at `user.version` or
// no longer active.
std::optional<TokenRecord> insert_token(Connection& db, const UserRecord& user,
                                        const std::string& name, const std::string& hash);
std::optional<TokenRecord> find_live_token(Connection& db, std::int64_t org_id, std::int64_t id);
void revoke_token(Connection& db, std::int64_t org_id, std::int64_t id);
// The organisation's live tokens of active users, the newest first.
std::vector<TokenListing> list_live_tokens(Connection& db, std::int64_t org_id);
// (A user's every token is revoked with their sessions:
// sql::end_user_sign_ins.)

}  // namespace construction::sql
