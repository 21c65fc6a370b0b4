// /organisation: the caller's organisation, its name and the address that
// heads its PDFs (operations/organisation.hpp); owners change the address,
// with If-Match as every PATCH. The same as /account's form.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "operations/organisation.hpp"
#include "sql/organisation_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

std::string organisation_json(const sql::OrganisationRecord& o) {
  JsonWriter w;
  w.begin_object()
      .num("id", o.id)
      .str("name", o.name)
      .str("address", o.address)
      .num("version", o.version)
      .str("created_at", rfc3339(o.created_at))
      .str("updated_at", rfc3339(o.updated_at))
      .end_object();
  return std::move(w).text();
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_projects);
  auto organisation = sql::find_organisation(db, caller.org_id);
  if (!organisation) throw not_found();
  return ok(organisation_json(*organisation));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::manage_users);
  JsonValue body = json_body(ctx);
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  in.require({"address"});
  auto address = in.string("address");  // its rules are the operation's
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return ok(organisation_json(
      operations::change_organisation_address(db, caller.org_id, if_match(ctx), *address)));
}

}  // namespace

void add_organisation_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/organisation", Permission::read_projects, show,
             "Your organisation: its name, and the address that heads its PDFs");
  routes.add(http::Verb::patch, "/organisation", Permission::manage_users, update,
             "Change the organisation's address ({address}; owners)");
}

}  // namespace construction::api
