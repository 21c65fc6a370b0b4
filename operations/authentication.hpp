// Who is acting. An API request names itself with a bearer token: read,
// hashed and looked up in one indexed query (never a password hash per
// request), then rechecked in constant time. A person logs in with email and
// password (Argon2id, operations/password.hpp) and gets a token to show once.
// A wrong password, an unknown email and a deactivated user are the same
// answer, found in the same time, and count the same towards the log-in
// throttle (operations/login_throttle.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/role.hpp"
#include "operations/login_throttle.hpp"
#include "sql/connection.hpp"
#include "sql/token_store.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

struct Caller {
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  std::int64_t token_id = 0;
  domain::Role role = domain::Role::field;
};

// Nothing for a malformed, unknown or revoked token, or a deactivated user's.
std::optional<Caller> caller_of_token(sql::Connection& db, std::string_view token);

struct LogIn {
  enum class Outcome { ok, wrong, throttled };
  Outcome outcome = Outcome::wrong;
  std::optional<sql::Login> login;  // ok: who
  std::int64_t retry_after = 0;     // throttled: seconds to wait
  // wrong, throttled: a line for the error log (a warning), naming the email
  // and address, never the password. This layer has no log; its callers do.
  std::string note;
};
// A log-in by password, throttled by who tries (operations/login_throttle.hpp:
// a known device, or any other client from its address). Every way in (API
// token, web session) comes through here.
LogIn log_in(sql::Connection& db, const std::string& email, std::string_view password,
             const LogInClient& client);

struct IssuedToken {
  sql::TokenRecord record;
  std::string text;  // shown once, never stored
};
// A token for `user` as a log-in found them; nothing when the user changed
// since (a new password, role or deactivation ends their tokens).
std::optional<IssuedToken> issue_token(sql::Connection& db, const sql::UserRecord& user,
                                       const std::string& name);
// Revokes token `id`: the caller's own, or as an owner any of the
// organisation's; not_found for any other, a revoked one included, so that
// nobody learns which ids are tokens.
void revoke_token(sql::Connection& db, const Caller& caller, std::int64_t id);

}  // namespace construction::operations
