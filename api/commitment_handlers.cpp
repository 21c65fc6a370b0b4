// /projects/{id}/commitments, /commitments/{id} and the transitions
// POST /commitments/{id}/approve|close|void: owners and managers only. A new
// commitment may bring its lines along ("lines": [...]); only a draft is
// changed or deleted (409 invalid_state otherwise). retainage_bps defaults
// to the kind's (10 % on a subcontract, 0 on a purchase order).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/job_cost_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/commitment_transitions.hpp"
#include "sql/project_store.hpp"

namespace construction::api {

namespace {

using domain::CommitmentAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

Response list(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = sql::list_commitments(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [](JsonWriter& w, const sql::CommitmentRecord& c) {
    w.begin_object();
    write_commitment_fields(w, c);
    w.end_object();
  }));
}

Response create(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::create_commitment(db, caller.org_id, path_id(ctx), [&] {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    in.require({"kind", "party_id", "title"});
    operations::NewCommitment input;
    read_commitment_fields(in, input.fields, &input.retainage_given);
    input.lines = read_new_amount_lines(in, domain::AmountSign::positive);
    in.finish();
    if (!errors.empty()) throw validation_failed(std::move(errors));
    return input;
  });
  return created(commitment_json(saved.commitment, saved.lines),
                 std::string(kApiBase) + "/commitments/" + std::to_string(saved.commitment.id));
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto document = operations::load_commitment(db, caller.org_id, path_id(ctx));
  return ok(commitment_json(document.commitment, document.lines));
}

Response update(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  JsonValue body = json_body(ctx);
  auto saved = operations::change_commitment(db, caller.org_id, path_id(ctx), if_match(ctx),
                                             [&](const sql::CommitmentFields& stored) {
                                               domain::FieldErrors errors;
                                               FieldReader in(body, errors);
                                               sql::CommitmentFields fields = stored;
                                               read_commitment_fields(in, fields);
                                               in.finish();
                                               if (!errors.empty())
                                                 throw validation_failed(std::move(errors));
                                               return fields;
                                             });
  return ok(commitment_json(saved.commitment, saved.lines));
}

Response remove(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  operations::delete_commitment(db, caller.org_id, path_id(ctx), if_match(ctx));
  return no_content();
}

ApiHandler transition_handler(CommitmentAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    auto document = operations::transition_commitment(db, caller.org_id, path_id(ctx), action);
    return ok(commitment_json(document.commitment, document.lines));
  };
}

}  // namespace

void add_commitment_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/commitments", domain::Permission::read_commercial,
             list, "List a project's commitments (subcontracts and purchase orders)");
  routes.add(http::Verb::post, "/projects/{id}/commitments", domain::Permission::write_commercial,
             create, "Create a draft subcontract or purchase order, optionally with its lines");
  routes.add(http::Verb::get, "/commitments/{id}", domain::Permission::read_commercial, show,
             "One commitment with its lines");
  routes.add(http::Verb::patch, "/commitments/{id}", domain::Permission::write_commercial, update,
             "Change a draft commitment's number, kind, party, title or retainage");
  routes.add(http::Verb::delete_, "/commitments/{id}", domain::Permission::write_commercial, remove,
             "Delete a draft commitment");
  routes.add(http::Verb::post, "/commitments/{id}/approve", domain::Permission::write_commercial,
             transition_handler(CommitmentAction::approve),
             "Approve a draft commitment (it must have lines): it becomes committed cost");
  routes.add(http::Verb::post, "/commitments/{id}/close", domain::Permission::write_commercial,
             transition_handler(CommitmentAction::close),
             "Close an approved commitment: no more bills against it");
  routes.add(http::Verb::post, "/commitments/{id}/void", domain::Permission::write_commercial,
             transition_handler(CommitmentAction::void_),
             "Void a draft commitment, or an approved one nothing is billed against");
}

}  // namespace construction::api
