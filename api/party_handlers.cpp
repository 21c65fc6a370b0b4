// /parties: clients, vendors, subcontractors and architects. Owners and
// managers read and write them; a party that a project names cannot be
// deleted (409 conflict).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "domain/project.hpp"
#include "operations/projects.hpp"
#include "sql/party_store.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;

// The body's fields onto `party` (the stored ones, for a change), as typed
// values; what cannot be read is noted in `unread`. The rules are the
// operation's (operations/projects.hpp).
void read_party(const JsonValue& body, sql::PartyFields& party, domain::FieldErrors& unread,
                bool creating) {
  FieldReader in(body, unread);
  if (creating) in.require({"kind", "name"});
  if (auto v = in.string("kind"))
    if (auto kind = domain::read_name(*v, domain::parse_party_kind, domain::party_kind_names(),
                                      "kind", unread))
      party.kind = *kind;
  if (auto v = in.string("name")) party.name = *v;
  if (auto v = in.string("email")) party.email = *v;
  if (auto v = in.string("phone")) party.phone = *v;
  if (auto v = in.string("address")) party.address = *v;
  in.finish();
}

void write_party(JsonWriter& w, const sql::PartyRecord& party) {
  w.begin_object()
      .num("id", party.id)
      .str("kind", to_string(party.fields.kind))
      .str("name", party.fields.name)
      .str("email", party.fields.email)
      .str("phone", party.fields.phone)
      .str("address", party.fields.address)
      .num("version", party.version)
      .str("created_at", rfc3339(party.created_at))
      .str("updated_at", rfc3339(party.updated_at))
      .end_object();
}

std::string party_json(const sql::PartyRecord& party) {
  JsonWriter w;
  write_party(w, party);
  return std::move(w).text();
}

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  sql::PartyFilter filter{choice_filter(ctx, "kind", domain::party_kind_names()),
                          api::filter(ctx, "q")};
  auto page = sql::list_parties(db, caller.org_id, filter, page_of(ctx));
  return ok(list_json(page, write_party));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  sql::PartyFields fields;
  domain::FieldErrors unread;
  read_party(json_body(ctx), fields, unread, true);
  sql::PartyRecord party = operations::create_party(db, caller.org_id, fields, unread);
  return created(party_json(party), std::string(kApiBase) + "/parties/" + std::to_string(party.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto party = sql::find_party(db, caller.org_id, path_id(ctx));
  if (!party) throw not_found();
  return ok(party_json(*party));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  JsonValue body = json_body(ctx);
  sql::PartyRecord saved =
      operations::change_party(db, caller.org_id, path_id(ctx), if_match(ctx),
                               [&](sql::PartyFields& fields, domain::FieldErrors& unread) {
                                 read_party(body, fields, unread, false);
                               });
  return ok(party_json(saved));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_projects);
  operations::delete_party(db, caller.org_id, path_id(ctx));
  return no_content();
}

}  // namespace

void add_party_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/parties", domain::Permission::read_commercial, list,
             "List parties; filters kind, q (name)");
  routes.add(http::Verb::post, "/parties", domain::Permission::write_projects, create,
             "Add a client, vendor, subcontractor or architect");
  routes.add(http::Verb::get, "/parties/{id}", domain::Permission::read_commercial, show,
             "One party");
  routes.add(http::Verb::patch, "/parties/{id}", domain::Permission::write_projects, update,
             "Change a party");
  routes.add(http::Verb::delete_, "/parties/{id}", domain::Permission::write_projects, remove,
             "Delete a party no project refers to");
}

}  // namespace construction::api
