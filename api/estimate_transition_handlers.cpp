// POST /estimates/{id}/accept|decline|revise: the transitions of
// operations/estimate_transitions.hpp, each in one transaction; revise
// answers the new revision with its Location. Send emails the estimate too
// (document_sending_handlers.cpp).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/estimate_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/estimate_transitions.hpp"

namespace construction::api {

namespace {

using domain::EstimateAction;
using domain::Permission;
using http::RequestContext;
using http::Response;

ApiHandler transition_handler(EstimateAction action) {
  return [action](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    refuse_body(ctx);
    auto document = operations::transition_estimate(db, caller.org_id, path_id(ctx), action);
    http::Response res = ok(estimate_json(document.estimate, document.lines));
    if (action == EstimateAction::revise)
      res.set(http::Field::location,
              std::string(kApiBase) + "/estimates/" + std::to_string(document.estimate.id));
    return res;
  };
}

}  // namespace

void add_estimate_transition_routes(ApiRoutes& routes) {
  routes.add(http::Verb::post, "/estimates/{id}/accept", domain::Permission::write_commercial,
             transition_handler(EstimateAction::accept),
             "Accept a sent estimate: builds the schedule of values, sets the contract sum");
  routes.add(http::Verb::post, "/estimates/{id}/decline", domain::Permission::write_commercial,
             transition_handler(EstimateAction::decline), "Record that the client declined");
  routes.add(http::Verb::post, "/estimates/{id}/revise", domain::Permission::write_commercial,
             transition_handler(EstimateAction::revise),
             "Make the next revision of a sent or declined estimate, in draft");
}

}  // namespace construction::api
