// POST /estimates/{id}/send|accept|decline|revise. Each runs in one
// transaction with the estimate's row locked:
//   accept   also locks the project, refuses a second accepted estimate
//            (409 conflict; a unique index is the last word on a race),
//            builds the schedule of values and sets the original contract sum
//            (api/estimate_acceptance.hpp, shared with seed-demo);
//   revise   makes the next revision in draft with copies of the lines and
//            answers it (the revised estimate stays as the client saw it).
// An estimate that was revised is replaced by its revision: acting on it is
// 409 invalid_state.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/estimate_acceptance.hpp"
#include "api/estimate_document.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "domain/estimate.hpp"
#include "sql/transaction.hpp"

namespace construction::api {

namespace {

using domain::EstimateAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

// The estimate, locked, after the state machine agreed to `action`.
std::pair<sql::EstimateRecord, domain::EstimateStatus> start(const RequestContext& ctx,
                                                             sql::Connection& db,
                                                             const Caller& caller,
                                                             EstimateAction action) {
  auto estimate = sql::find_estimate(db, caller.org_id, path_id(ctx), true);
  if (!estimate) throw not_found();
  if (estimate->revised_by_id)
    throw invalid_state("This estimate was revised: act on its revision, estimate " +
                        std::to_string(*estimate->revised_by_id));
  auto next = domain::transition(*domain::parse_estimate_status(estimate->status), action);
  if (!next) throw invalid_state(next.error().message);
  return {*estimate, next.value()};
}

Response accept(const RequestContext& ctx, sql::Connection& db, const Caller& caller) {
  sql::Transaction tx(db);
  sql::EstimateRecord estimate = start(ctx, db, caller, EstimateAction::accept).first;
  auto accepted = accept_estimate(db, caller.org_id, estimate);
  if (!accepted) throw conflict("The project already has an accepted estimate");
  tx.commit();
  return ok(estimate_json(accepted->estimate, accepted->lines));
}

Response revise(const RequestContext& ctx, sql::Connection& db, const Caller& caller) {
  sql::Transaction tx(db);
  auto [estimate, next] = start(ctx, db, caller, EstimateAction::revise);
  sql::EstimateRecord revision = sql::insert_revision(db, caller.org_id, estimate);
  sql::copy_lines(db, caller.org_id, estimate.id, revision.id);
  auto lines = sql::list_lines(db, caller.org_id, revision.id);
  tx.commit();
  http::Response res = ok(estimate_json(revision, lines));
  res.set(http::Field::location,
          std::string(kApiBase) + "/estimates/" + std::to_string(revision.id));
  return res;
}

Response simple_transition(const RequestContext& ctx, sql::Connection& db, const Caller& caller,
                           EstimateAction action) {
  sql::Transaction tx(db);
  auto [estimate, next] = start(ctx, db, caller, action);
  sql::EstimateRecord saved =
      sql::set_estimate_status(db, caller.org_id, estimate.id, std::string(to_string(next)));
  auto lines = sql::list_lines(db, caller.org_id, saved.id);
  tx.commit();
  return ok(estimate_json(saved, lines));
}

ApiHandler transition_handler(EstimateAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    switch (action) {
      case EstimateAction::accept:
        return accept(ctx, db, caller);
      case EstimateAction::revise:
        return revise(ctx, db, caller);
      default:
        return simple_transition(ctx, db, caller, action);
    }
  };
}

}  // namespace

void add_estimate_transition_routes(ApiRoutes& routes) {
  routes.add(http::Verb::post, "/estimates/{id}/send", transition_handler(EstimateAction::send),
             "Send a draft estimate to the client");
  routes.add(http::Verb::post, "/estimates/{id}/accept", transition_handler(EstimateAction::accept),
             "Accept a sent estimate: builds the schedule of values, sets the contract sum");
  routes.add(http::Verb::post, "/estimates/{id}/decline",
             transition_handler(EstimateAction::decline), "Record that the client declined");
  routes.add(http::Verb::post, "/estimates/{id}/revise", transition_handler(EstimateAction::revise),
             "Make the next revision of a sent or declined estimate, in draft");
}

}  // namespace construction::api
