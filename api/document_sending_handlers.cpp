// POST /estimates|change-orders|pay-applications|invoices/{id}/send and
// GET /messages?record=invoice:12: a document emailed to its client
// (operations/document_sending.hpp) and what was sent of it. `send` takes
// an optional body {"to": [...], "cc": [...], "subject", "message"}; none
// sends the usual message to the client, and answers the document as the
// transition did before sending emailed anything. {"email": false} is a
// draft handed over otherwise (by hand, the owner's portal): its transition
// alone, nothing queued (operations::mark_sent), the one way for all four;
// a change order's or pay application's `submit` does the same and stays.
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/change_order_json.hpp"
#include "api/estimate_json.hpp"
#include "api/field_reader.hpp"
#include "api/invoice_json.hpp"
#include "api/pay_application_json.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "api/routes.hpp"
#include "operations/change_order_document.hpp"
#include "operations/document_sending.hpp"
#include "operations/estimate_document.hpp"
#include "operations/invoice_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;
using operations::DocumentKind;
using operations::SentRecord;

// A list of addresses: an array of strings. Whether each is an address is
// the outbox's to say (it names the field too).
std::vector<std::string> addresses(FieldReader& in, std::string_view name) {
  std::vector<std::string> list;
  const JsonValue* array = in.array(name);
  if (!array) return list;
  for (const JsonValue& item : array->items) {
    if (item.kind != JsonValue::Kind::string) {
      in.errors().add(name, "must be an array of email addresses");
      return {};
    }
    list.push_back(item.text);
  }
  return list;
}

struct SendRequest {
  bool email = true;  // false: mark the draft sent, email nothing
  operations::SendingForm form;
};

SendRequest read_request(const RequestContext& ctx) {
  SendRequest request;
  operations::SendingForm& form = request.form;
  if (ctx.request.body().empty()) return request;
  JsonValue body = json_body(ctx);
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  request.email = in.boolean("email").value_or(true);
  // An email's fields with no email would be dropped without a word.
  if (!request.email && (in.has("to") || in.has("cc") || in.has("subject") || in.has("message")))
    errors.add("email", "is false: to, cc, subject and message are for an email, and none is sent");
  form.to = addresses(in, "to");
  form.cc = addresses(in, "cc");
  if (in.has("subject")) form.subject = in.text("subject", {500, false});
  if (in.has("message")) form.message = in.text("message", {5000});
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return request;
}

// The document as its own GET answers it, after sending.
std::string document_json(sql::Connection& db, std::int64_t org_id, SentRecord r) {
  switch (r.kind) {
    case DocumentKind::estimate: {
      auto d = operations::load_estimate(db, org_id, r.id);
      return estimate_json(d.estimate, d.lines);
    }
    case DocumentKind::change_order: {
      auto d = operations::load_change_order(db, org_id, r.id);
      return change_order_json(d.order, d.lines);
    }
    case DocumentKind::pay_application: {
      auto d = operations::load_pay_application(db, org_id, r.id);
      return pay_application_json(d.application, d.lines);
    }
    case DocumentKind::invoice:
    case DocumentKind::job_cost_report: {
      auto d = operations::load_invoice(db, org_id, r.id);
      return invoice_json(d.invoice, d.payments);
    }
  }
  throw operations::not_found();
}

ApiHandler send_handler(DocumentKind kind) {
  return [kind](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    SentRecord record{kind, path_id(ctx)};
    SendRequest request = read_request(ctx);
    if (request.email)
      operations::send_document(db, caller.org_id, record, caller.user_id, request.form);
    else
      operations::mark_sent(db, caller.org_id, record);
    return ok(document_json(db, caller.org_id, record));
  };
}

void write_message(JsonWriter& w, const sql::MessageRecord& m) {
  w.begin_object().num("id", m.id).key("to").begin_array();
  for (const std::string& address : m.to) w.string(address);
  w.end_array()
      .str("subject", m.subject)
      .str("status", to_string(m.status))
      .num("attempts", m.attempts)
      .opt_str("last_error", m.last_error)
      .opt_str("sent_at", rfc3339(m.sent_at))
      .str("created_at", rfc3339(m.created_at))
      .end_object();
}

// ?record=invoice:12 (required): the record's messages, newest first, all of
// them (a document is sent a handful of times, not pages of them).
Response list_messages(RequestContext& ctx, sql::Connection& db) {
  Caller caller = authorize(ctx, db, Permission::read_commercial);
  auto name = filter(ctx, "record");
  if (!name) throw operations::field_error("record", "is required, e.g. invoice:12");
  auto record = operations::parse_sent_record(*name);
  if (!record)
    throw operations::field_error(
        "record", "must be estimate:ID, change_order:ID, pay_application:ID or invoice:ID");
  sql::PageOf<sql::MessageRecord> all{operations::sent_messages(db, caller.org_id, *record), false};
  return ok(list_json(all, write_message));
}

}  // namespace

void add_document_sending_routes(ApiRoutes& routes) {
  routes.add(http::Verb::post, "/estimates/{id}/send", Permission::write_commercial,
             send_handler(DocumentKind::estimate),
             "Email an estimate to the client ({to, cc, subject, message} optional); a draft "
             "becomes sent. {\"email\": false}: mark a draft sent, email nothing");
  routes.add(http::Verb::post, "/change-orders/{id}/send", Permission::write_commercial,
             send_handler(DocumentKind::change_order),
             "Email a change order to the client (optional body as estimates' send); a draft "
             "is submitted. {\"email\": false}: submit a draft, email nothing");
  routes.add(http::Verb::post, "/pay-applications/{id}/send", Permission::write_commercial,
             send_handler(DocumentKind::pay_application),
             "Email a pay application (optional body as estimates' send); a draft is submitted. "
             "{\"email\": false}: submit a draft, email nothing");
  routes.add(http::Verb::post, "/invoices/{id}/send", Permission::write_commercial,
             send_handler(DocumentKind::invoice),
             "Email an invoice to the client (optional body as estimates' send); a draft "
             "becomes sent. {\"email\": false}: mark a draft sent, email nothing");
  routes.add(http::Verb::get, "/messages", Permission::read_commercial, list_messages,
             "The emails sent of one record (?record=invoice:12), newest first, with their "
             "delivery status");
}

}  // namespace construction::api
