// POST /auth/tokens (log in: email + password → a token shown once),
// DELETE /auth/tokens/{id} (revoke), GET /me.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "api/user_json.hpp"
#include "operations/authentication.hpp"
#include "operations/password.hpp"
#include "runtime/log.hpp"
#include "sql/user_store.hpp"

namespace construction::api {

namespace {

using http::RequestContext;
using http::Response;

struct Credentials {
  std::string email;
  std::string password;
  std::string name;
};

Credentials read_credentials(const RequestContext& ctx) {
  JsonValue body = json_body(ctx);
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  in.require({"email", "password"});
  auto email = in.text("email", {254});
  auto password = in.text("password", {operations::kMaxPasswordLength});
  auto name = in.text("name", {200});
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return {*email, *password, name.value_or("")};
}

Response create_token(RequestContext& ctx, sql::Connection& db) {
  Credentials credentials = read_credentials(ctx);
  // No cookie here: always an unknown client (DESIGN.md, "Failed log-ins").
  operations::LogIn login = operations::log_in(db, credentials.email, credentials.password,
                                               {ctx.client_address, std::nullopt});
  if (!login.note.empty()) log::warning(login.note);
  if (login.outcome == operations::LogIn::Outcome::throttled)
    throw too_many_attempts(static_cast<int>(login.retry_after));
  // No token either when the user changed since the password was checked.
  std::optional<operations::IssuedToken> issued;
  if (login.login) issued = operations::issue_token(db, login.login->user, credentials.name);
  if (!issued) throw unauthorized("The email or password is wrong, or the user is deactivated");
  const operations::IssuedToken& token = *issued;
  JsonWriter w;
  w.begin_object()
      .num("id", token.record.id)
      .str("name", token.record.name)
      .str("token", token.text)
      .str("created_at", rfc3339(token.record.created_at))
      .end_object();
  return created(std::move(w).text(),
                 std::string(kApiBase) + "/auth/tokens/" + std::to_string(token.record.id));
}

// The caller's own tokens; an owner may revoke any of the organisation's.
Response revoke_token(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authenticate(ctx, db);
  operations::revoke_token(db, caller, path_id(ctx));
  return no_content();
}

Response me(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authenticate(ctx, db);
  auto member = sql::find_member(db, caller.org_id, caller.user_id);
  if (!member) throw unauthorized("The token's user is gone", true);
  JsonWriter w;
  w.begin_object().key("user");
  write_user(w, member->user);
  w.key("organisation")
      .begin_object()
      .num("id", caller.org_id)
      .str("name", member->org_name)
      .end_object();
  w.str("role", domain::to_string(caller.role)).num("token_id", caller.token_id).end_object();
  return ok(std::move(w).text());
}

}  // namespace

void add_auth_routes(ApiRoutes& routes) {
  routes.add_public(http::Verb::post, "/auth/tokens", create_token,
                    "Log in with email and password: a new API token, shown once");
  routes.add_any_role(http::Verb::delete_, "/auth/tokens/{id}", revoke_token,
                      "Revoke an API token");
  routes.add_any_role(http::Verb::get, "/me", me, "The caller, their organisation and role");
}

}  // namespace construction::api
