#include "api/auth.hpp"

#include "api/api_error.hpp"

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
  auto caller = operations::caller_of_token(db, token);
  if (!caller)
    throw unauthorized("The token is not valid, was revoked, or its user was deactivated", true);
  return *caller;
}

Caller authorize(const http::RequestContext& ctx, sql::Connection& db,
                 domain::Permission permission) {
  Caller caller = authenticate(ctx, db);
  if (!domain::allows(caller.role, permission)) throw forbidden();
  return caller;
}

}  // namespace construction::api
