// The API's door: the bearer token of the Authorization header, checked by
// operations/authentication.hpp, then the role the route needs. A missing,
// malformed, unknown or revoked token, or one of a deactivated user, is 401;
// a role that may not is 403.
#pragma once

#include "domain/role.hpp"
#include "operations/authentication.hpp"
#include "sql/connection.hpp"
#include "worker/request_context.hpp"

namespace construction::api {

using operations::Caller;

Caller authenticate(const http::RequestContext& ctx, sql::Connection& db);
// authenticate, then 403 unless the caller's role allows `permission`.
Caller authorize(const http::RequestContext& ctx, sql::Connection& db,
                 domain::Permission permission);

}  // namespace construction::api
