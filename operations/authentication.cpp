#include "operations/authentication.hpp"

#include <stdexcept>

#include "operations/password.hpp"
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
  auto role = domain::parse_role(found->role);
  if (!role) throw std::logic_error("a user with an unknown role: " + found->role);
  return Caller{found->user_id, found->org_id, found->token_id, *role};
}

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

IssuedToken issue_token(sql::Connection& db, std::int64_t org_id, std::int64_t user_id,
                        const std::string& name) {
  NewToken token = generate_token();
  return {sql::insert_token(db, org_id, user_id, name, bytea_literal(token.hash)), token.text};
}

}  // namespace construction::operations
