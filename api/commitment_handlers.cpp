// /projects/{id}/commitments, /commitments/{id}, its lines
// /commitments/{id}/lines[/{line_id}] and the transitions
// POST /commitments/{id}/approve|close|void: owners and managers only,
// through the handlers of the documents that share a shape
// (api/amount_document_handlers.hpp). A new commitment may bring its lines
// along ("lines": [...], each positive); only a draft is changed or deleted
// (409 invalid_state otherwise). retainage_bps defaults to the kind's (10 %
// on a subcontract, 0 on a purchase order).
#include "api/amount_document_handlers.hpp"
#include "api/routes.hpp"
#include "operations/commitment_transitions.hpp"

namespace construction::api {

namespace {

using domain::CommitmentAction;

struct CommitmentApi {
  using Shape = operations::CommitmentShape;
  static constexpr std::string_view kBase = "/commitments";
  static constexpr std::string_view kDocumentKey = "commitment_id";
  static constexpr domain::AmountSign kSign = domain::AmountSign::positive;

  static void read_new(FieldReader& in, operations::NewCommitment& input) {
    in.require({"kind", "party_id", "title"});
    read_commitment_fields(in, input.fields, &input.retainage_given);
  }
  static void read_change(FieldReader& in, sql::CommitmentFields& fields) {
    read_commitment_fields(in, fields);
  }
  static void write_fields(JsonWriter& w, const sql::CommitmentRecord& commitment) {
    write_commitment_fields(w, commitment);
  }
};

using Handlers = AmountDocumentHandlers<CommitmentApi>;

}  // namespace

void add_commitment_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/commitments", domain::Permission::read_commercial, Handlers::list,
             "List a project's commitments (subcontracts and purchase orders)");
  routes.add(http::Verb::post, "/projects/{id}/commitments", domain::Permission::write_commercial, Handlers::create,
             "Create a draft subcontract or purchase order, optionally with its lines");
  routes.add(http::Verb::get, "/commitments/{id}", domain::Permission::read_commercial, Handlers::show, "One commitment with its lines");
  routes.add(http::Verb::patch, "/commitments/{id}", domain::Permission::write_commercial, Handlers::update,
             "Change a draft commitment's number, kind, party, title or retainage");
  routes.add(http::Verb::delete_, "/commitments/{id}", domain::Permission::write_commercial, Handlers::remove,
             "Delete a draft commitment");
  routes.add(http::Verb::post, "/commitments/{id}/approve", domain::Permission::write_commercial,
             Handlers::transition(CommitmentAction::approve),
             "Approve a draft commitment (it must have lines): it becomes committed cost");
  routes.add(http::Verb::post, "/commitments/{id}/close", domain::Permission::write_commercial,
             Handlers::transition(CommitmentAction::close),
             "Close an approved commitment: no more bills against it");
  routes.add(http::Verb::post, "/commitments/{id}/void", domain::Permission::write_commercial,
             Handlers::transition(CommitmentAction::void_),
             "Void a draft commitment, or an approved one nothing is billed against");
}

void add_commitment_line_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/commitments/{id}/lines", domain::Permission::read_commercial, Handlers::list_lines,
             "A commitment's lines, in the order they were entered");
  routes.add(http::Verb::post, "/commitments/{id}/lines", domain::Permission::write_commercial, Handlers::add_line,
             "Add a line to a draft commitment");
  routes.add(http::Verb::get, "/commitments/{id}/lines/{line_id}", domain::Permission::read_commercial, Handlers::show_line,
             "One line of a commitment");
  routes.add(http::Verb::patch, "/commitments/{id}/lines/{line_id}", domain::Permission::write_commercial, Handlers::change_line,
             "Change a line of a draft commitment");
  routes.add(http::Verb::delete_, "/commitments/{id}/lines/{line_id}", domain::Permission::write_commercial, Handlers::remove_line,
             "Remove a line from a draft commitment");
}

}  // namespace construction::api
