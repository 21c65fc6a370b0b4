#include "operations/authentication.hpp"

#include <stdexcept>

#include "operations/login_throttle.hpp"
#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/token.hpp"

namespace construction::operations {

std::optional<Caller> caller_of_token(sql::Connection& db, std::string_view token) {
  if (!looks_like_token(token)) return std::nullopt;
  TokenHash hash = hash_token(token);
  auto found = sql::find_token_caller(db, bytea_literal(hash));
  // The index found the row by its hash; compare again in constant time so
  // no comparison of secret bytes depends on where they differ.
  if (!found || !constant_time_equal(found->token_hash_hex, bytea_literal(hash).substr(2)))
    return std::nullopt;
  return Caller{found->user_id, found->org_id, found->token_id, found->role};
}

namespace {

// The active user whose password this is; nothing otherwise. Only log_in
// calls it, behind the throttle: no way in may skip the counting.
std::optional<sql::Login> check_password(sql::Connection& db, const std::string& email,
                                         std::string_view password) {
  auto login = sql::find_login(db, email);
  if (!login) {
    verify_nothing(password);
    return std::nullopt;
  }
  if (!verify_password(password, login->password_hash) || !login->user.active) return std::nullopt;
  return login;
}

// The email as typed, quoted, control characters escaped: a log line stays
// one line whatever a client sends.
std::string quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// The counters a try was checked against, for the log.
std::string counts(const Throttle& t, const LogInClient& client) {
  if (client.device) return std::to_string(t.device_failures) + " for the device cookie";
  return std::to_string(t.account_address_failures) + " for the account from the address, " +
         std::to_string(t.account_failures) + " for the account, " +
         std::to_string(t.address_failures) + " from the address";
}

}  // namespace

LogIn log_in(sql::Connection& db, const std::string& email, std::string_view password,
             const LogInClient& client) {
  std::string who = quoted(email) + " from " + (client.address.empty() ? "?" : client.address) +
                    (client.device ? " with a device cookie" : "");
  Throttle throttle = check_throttle(db, email, client);
  if (throttle.retry_after > 0)
    return {LogIn::Outcome::throttled, std::nullopt, throttle.retry_after,
            "Log-in for " + who + " refused for " + std::to_string(throttle.retry_after) +
                " s: too many failed log-ins (" + counts(throttle, client) + ")"};
  auto login = check_password(db, email, password);
  if (login) {
    clear_after_success(db, email, client);
    return {LogIn::Outcome::ok, std::move(login), 0, {}};
  }
  Throttle counted = record_failure(db, email, client);
  return {LogIn::Outcome::wrong, std::nullopt, 0,
          "Failed log-in for " + who + " (" + counts(counted, client) + ")"};
}

std::optional<IssuedToken> issue_token(sql::Connection& db, const sql::UserRecord& user,
                                       const std::string& name) {
  NewToken token = generate_token();
  auto record = sql::insert_token(db, user, name, bytea_literal(token.hash));
  if (!record) return std::nullopt;
  return IssuedToken{std::move(*record), token.text};
}

void revoke_token(sql::Connection& db, const Caller& caller, std::int64_t id) {
  auto token = sql::find_live_token(db, caller.org_id, id);
  if (!token || (token->user_id != caller.user_id && caller.role != domain::Role::owner))
    throw not_found();
  sql::revoke_token(db, caller.org_id, id);
}

}  // namespace construction::operations
