// Who is asking: the bearer token read, hashed and looked up in one indexed
// query (never a password hash per request), then checked against the role
// the route needs. A missing, malformed, unknown or revoked token, or one of
// a deactivated user, is 401; a role that may not is 403.
#pragma once

#include <cstdint>

#include "domain/role.hpp"
#include "sql/connection.hpp"
#include "worker/request_context.hpp"

namespace construction::api {

struct Caller {
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  std::int64_t token_id = 0;
  domain::Role role = domain::Role::field;
};

Caller authenticate(const http::RequestContext& ctx, sql::Connection& db);
// authenticate, then 403 unless the caller's role allows `permission`.
Caller authorize(const http::RequestContext& ctx, sql::Connection& db,
                 domain::Permission permission);

}  // namespace construction::api
