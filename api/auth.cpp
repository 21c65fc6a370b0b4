#include "api/auth.hpp"

#include "api/api_error.hpp"
#include "api/token.hpp"
#include "sql/token_store.hpp"

namespace construction::api {

namespace {
std::string_view bearer_token(const http::RequestContext& ctx) {
  std::string_view value = ctx.header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if ((value[i] | 0x20) != (kScheme[i] | 0x20)) return {};
  return value.substr(kScheme.size());
}
}  // namespace

Caller authenticate(const http::RequestContext& ctx, sql::Connection& db) {
  std::string_view token = bearer_token(ctx);
  if (token.empty())
    throw unauthorized("Send a token: Authorization: Bearer <token> (POST /api/v1/auth/tokens)");
  if (!looks_like_token(token)) throw unauthorized("The token is not valid");
  TokenHash hash = hash_token(token);
  auto found = sql::find_token_caller(db, bytea_literal(hash));
  // The index found the row by its hash; compare again in constant time so
  // no comparison of secret bytes depends on where they differ.
  if (!found || !constant_time_equal(found->token_hash_hex, bytea_literal(hash).substr(2)))
    throw unauthorized("The token is not valid, was revoked, or its user was deactivated");
  auto role = domain::parse_role(found->role);
  if (!role) throw std::logic_error("a user with an unknown role: " + found->role);
  return Caller{found->user_id, found->org_id, found->token_id, *role};
}

Caller authorize(const http::RequestContext& ctx, sql::Connection& db,
                 domain::Permission permission) {
  Caller caller = authenticate(ctx, db);
  if (!domain::allows(caller.role, permission)) throw forbidden();
  return caller;
}

}  // namespace construction::api
