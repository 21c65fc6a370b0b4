// Signature requests through the API (spec portal.md, "Signature
// requests"; operations/signature_requests.hpp does the work):
//
//   POST /{estimates|change-orders|pay-applications}/{id}/signature-requests   send for signature
//   GET  /{estimates|change-orders|pay-applications}/{id}/signature-requests   the document's
//   requests GET  /signature-requests/{id}              one request, its events, its sealed_sha256
//   POST /signature-requests/{id}/void         end an open one ({"reason"} optional)
//   GET  /signature-requests/{id}/sealed.pdf   the sealed PDF, once completed
//
// Who may send a document for signature is who may send it by email today:
// owners and managers (write_commercial); the same roles read the requests
// and their evidence (read_commercial: names, amounts, the signers' typed
// signatures). Another organisation's ids are 404, as everywhere.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "api/signature_request_json.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/signature_requests.hpp"
#include "worker/content_disposition.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using domain::SignedDocumentKind;
using http::RequestContext;
using http::Response;

// The client's address (after the trusted-proxy rule) and its User-Agent,
// as the evidence records them.
operations::Witness witness_of(const RequestContext& ctx) {
  return {ctx.client_address, std::string(ctx.header("User-Agent"))};
}

std::string request_path(std::int64_t id) {
  return std::string(kApiBase) + "/signature-requests/" + std::to_string(id);
}

// `mail` is copied: the handler outlives the ApiRoutes that made it.
ApiHandler create_handler(SignedDocumentKind kind, operations::SignatureMail mail) {
  return [kind, mail = std::move(mail)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    operations::SignedDocumentRef document{kind, path_id(ctx)};
    operations::SignatureRequestForm form = read_signature_request_form(json_body(ctx));
    auto issued =
        operations::create_signature_request(db, caller, document, form, mail, witness_of(ctx));
    return created(signature_request_json(issued.request), request_path(issued.request.request.id));
  };
}

ApiHandler list_handler(SignedDocumentKind kind) {
  return [kind](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    return ok(signature_requests_json(
        operations::list_signature_requests(db, caller, {kind, path_id(ctx)})));
  };
}

Response show(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  return ok(signature_request_json(operations::get_signature_request(db, caller, path_id(ctx))));
}

// The words a void without a reason stands on: the evidence keeps a reason
// for every end, and the signer's old link says the request was withdrawn.
constexpr std::string_view kNoReasonGiven = "Voided by the sender, no reason given";

std::string void_reason(const RequestContext& ctx) {
  if (ctx.request.body().empty()) return std::string(kNoReasonGiven);
  JsonValue body = json_body(ctx);
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  std::optional<std::string> reason;
  if (in.has("reason")) reason = in.string("reason");
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return reason.value_or(std::string(kNoReasonGiven));
}

Response void_request(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::write_commercial);
  std::int64_t id = path_id(ctx);
  std::string reason = void_reason(ctx);
  return ok(signature_request_json(
      operations::void_signature_request(db, caller, id, reason, witness_of(ctx))));
}

Response sealed_pdf(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  std::int64_t id = path_id(ctx);
  std::string bytes = operations::sealed_signature_pdf(db, caller, id);
  auto detail = operations::get_signature_request(db, caller, id);
  return http::inline_file_response("application/pdf",
                                    operations::sealed_filename(detail.request.pdf_filename),
                                    std::move(bytes));
}

}  // namespace

void add_signature_request_routes(ApiRoutes& routes) {
  operations::SignatureMail mail = routes.signature_mail();
  routes.add(http::Verb::post, "/estimates/{id}/signature-requests", Permission::write_commercial,
             create_handler(SignedDocumentKind::estimate, mail),
             "Send a sent estimate for signature: {signers: [{name, email, role}], message, "
             "expires_on}; each signer is emailed a link");
  routes.add(http::Verb::get, "/estimates/{id}/signature-requests", Permission::read_commercial,
             list_handler(SignedDocumentKind::estimate),
             "An estimate's signature requests, newest first, with their signers");
  routes.add(http::Verb::post, "/change-orders/{id}/signature-requests",
             Permission::write_commercial, create_handler(SignedDocumentKind::change_order, mail),
             "Send a pending change order for signature (body as estimates')");
  routes.add(http::Verb::get, "/change-orders/{id}/signature-requests", Permission::read_commercial,
             list_handler(SignedDocumentKind::change_order),
             "A change order's signature requests, newest first");
  routes.add(http::Verb::post, "/pay-applications/{id}/signature-requests",
             Permission::write_commercial,
             create_handler(SignedDocumentKind::pay_application, mail),
             "Send a submitted pay application for signature (body as estimates')");
  routes.add(http::Verb::get, "/pay-applications/{id}/signature-requests",
             Permission::read_commercial, list_handler(SignedDocumentKind::pay_application),
             "A pay application's signature requests, newest first");
  routes.add(http::Verb::get, "/signature-requests/{id}", Permission::read_commercial, show,
             "A signature request with its signers, every event (type, at, signer_id, ip, "
             "user_agent) and, once completed, sealed_sha256");
  routes.add(http::Verb::post, "/signature-requests/{id}/void", Permission::write_commercial,
             void_request, "End an open signature request ({reason} optional); its links stop");
  routes.add(http::Verb::get, "/signature-requests/{id}/sealed.pdf", Permission::read_commercial,
             sealed_pdf,
             "The sealed PDF of a completed request: the document as signed and its certificate");
}

}  // namespace construction::api
