// /users: owners manage their organisation's users (managers may list
// them), through operations/user_accounts.hpp. DELETE deactivates: the row
// stays (it is named on the records the user made) and the user's tokens
// are revoked.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "api/user_json.hpp"
#include "operations/password.hpp"
#include "operations/user_accounts.hpp"
#include "sql/user_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

using operations::UserChange;

// Reads the body over `base` (the stored user, or defaults for a new one).
UserChange read_user(const JsonValue& body, sql::UserFields base, bool creating) {
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  if (creating) in.require({"email", "role", "password"});
  UserChange input{std::move(base), std::nullopt};
  if (auto v = in.email("email")) input.fields.email = *v;
  if (auto v = in.text("name", {200})) input.fields.name = *v;
  if (auto v = in.choice("role", {"owner", "manager", "field"}))
    input.fields.role = *domain::parse_role(*v);  // one of the three: choice has read it
  if (auto v = in.boolean("active")) input.fields.active = *v;
  if (auto v = in.text("password", {operations::kMaxPasswordLength})) {
    if (count_characters(*v) < operations::kMinPasswordLength)
      errors.add("password", "must be at least 8 characters");
    else
      input.password = *v;
  }
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return input;
}

std::string user_json(const sql::UserRecord& user) {
  JsonWriter w;
  write_user(w, user);
  return std::move(w).text();
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_users);
  auto page = sql::list_users(db, caller.org_id, page_of(ctx));
  return ok(list_json(page, write_user));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::manage_users);
  UserChange input = read_user(json_body(ctx), sql::UserFields{}, true);  // "role" is required
  sql::UserRecord user = operations::create_user(db, caller, input.fields, *input.password);
  return created(user_json(user), std::string(kApiBase) + "/users/" + std::to_string(user.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_users);
  auto user = sql::find_user(db, caller.org_id, path_id(ctx));
  if (!user) throw not_found();
  return ok(user_json(*user));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::manage_users);
  JsonValue body = json_body(ctx);
  sql::UserRecord saved = operations::change_user(
      db, caller, path_id(ctx), if_match(ctx), [&](const sql::UserRecord& user) {
        return read_user(body, {user.email, user.name, user.role, user.active}, false);
      });
  return ok(user_json(saved));
}

Response deactivate(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::manage_users);
  operations::deactivate_user(db, caller, path_id(ctx));
  return no_content();
}

}  // namespace

void add_user_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/users", domain::Permission::read_users, list,
             "List the organisation's users");
  routes.add(http::Verb::post, "/users", domain::Permission::manage_users, create,
             "Add a user to the organisation (owners)");
  routes.add(http::Verb::get, "/users/{id}", domain::Permission::read_users, show, "One user");
  routes.add(http::Verb::patch, "/users/{id}", domain::Permission::manage_users, update,
             "Change a user's email, name, role, password or active flag (owners)");
  routes.add(http::Verb::delete_, "/users/{id}", domain::Permission::manage_users, deactivate,
             "Deactivate a user: their tokens are revoked (owners)");
}

}  // namespace construction::api
