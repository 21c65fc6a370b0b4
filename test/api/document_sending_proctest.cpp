// Sending documents through the API, against the real server: POST
// /{estimates,change-orders,pay-applications,invoices}/{id}/send with and
// without a body, and GET /messages?record= listing what was queued. A draft
// moves with the message (sent, submitted) or neither does: a send the
// transition refuses, or a bad address, leaves the document as it was and
// queues nothing. {"email": false} marks a draft handed over by hand: its
// transition alone, nothing queued, and the email's fields refused beside
// it. (test/mail/document_delivery_proctest.cpp carries the messages on to
// a real SMTP server.)
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;
using construction::api::JsonValue;

namespace {

const std::string kLines =
    R"([{"cost_code":"09-250","cost_type":"material","description":"Drywall","quantity":1,"unit_cost_cents":100000}])";

std::string new_invoice(ApiServer& api, const ApiProject& p, const std::string& cents) {
  return at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/invoices", p.token,
                   R"({"kind":"deposit","total_cents":)" + cents + "}"),
            "id");
}

JsonValue messages(ApiServer& api, const std::string& token, const std::string& record) {
  return json_of(expect(api, 200, "GET", "/api/v1/messages?record=" + record, token));
}

std::size_t count(const JsonValue& list) {
  return list.member("data")->items.size();
}

}  // namespace

TEST_CASE("send without a body emails the client and moves the draft, and again only emails",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string invoice = new_invoice(api, p, "250000");
  std::string record = "invoice:" + invoice;
  CHECK(count(messages(api, p.token, record)) == 0);

  HttpResult sent = expect(api, 200, "POST", "/api/v1/invoices/" + invoice + "/send", p.token);
  CHECK(at(sent, "status") == "sent");
  CHECK(at(sent, "id") == invoice);
  JsonValue list = messages(api, p.token, record);
  REQUIRE(count(list) == 1);
  CHECK(at(list, "data.0.to.0") == "owner@harbor.example");
  CHECK(at(list, "data.0.subject").starts_with("Invoice INV-"));
  CHECK(at(list, "data.0.subject").ends_with(" \u2013 Office fit-out"));
  CHECK(at(list, "data.0.status") == "queued");
  CHECK(at(list, "data.0.attempts") == "0");
  CHECK(list.member("data")->items[0].member("last_error")->kind == JsonValue::Kind::null);
  CHECK(list.member("data")->items[0].member("sent_at")->kind == JsonValue::Kind::null);

  // A copy to the lender: the invoice stays sent, a second message, newest first.
  HttpResult copy = expect(api, 200, "POST", "/api/v1/invoices/" + invoice + "/send", p.token,
                           R"({"to":["loans@bank.example"],"cc":["pm@acme.example"],
                               "subject":"Copy for your file","message":"As agreed."})");
  CHECK(at(copy, "status") == "sent");
  list = messages(api, p.token, record);
  REQUIRE(count(list) == 2);
  CHECK(at(list, "data.0.to.0") == "loans@bank.example");
  CHECK(at(list, "data.0.subject") == "Copy for your file");
  CHECK(at(list, "data.1.to.0") == "owner@harbor.example");
  CHECK(std::stoll(at(list, "data.0.id")) > std::stoll(at(list, "data.1.id")));
}

TEST_CASE("send refuses what it cannot address and queues nothing", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string invoice = new_invoice(api, p, "1000");
  const std::string path = "/api/v1/invoices/" + invoice + "/send";

  HttpResult bad = expect(api, 422, "POST", path, p.token, R"({"to":["not an address"]})");
  CHECK(field_error(bad, "to") == "\"not an address\" is not an email address.");
  bad = expect(api, 422, "POST", path, p.token, R"({"to":["a@b.example"],"cc":["x@"]})");
  CHECK_FALSE(field_error(bad, "cc").empty());
  bad = expect(api, 422, "POST", path, p.token, R"({"to":"a@b.example","bcc":[]})");
  CHECK_FALSE(field_error(bad, "to").empty());
  CHECK_FALSE(field_error(bad, "bcc").empty());
  bad = expect(api, 422, "POST", path, p.token, R"({"subject":""})");
  CHECK_FALSE(field_error(bad, "subject").empty());
  CHECK(at(expect(api, 200, "GET", "/api/v1/invoices/" + invoice, p.token), "status") == "draft");
  CHECK(count(messages(api, p.token, "invoice:" + invoice)) == 0);

  // A project whose client has no email: the address must be typed.
  std::string bare = at(expect(api, 201, "POST", "/api/v1/projects", p.token,
                               R"({"number":"2026-021","name":"No client yet"})"),
                        "id");
  std::string unaddressed = at(expect(api, 201, "POST", "/api/v1/projects/" + bare + "/invoices",
                                      p.token, R"({"kind":"deposit","total_cents":500})"),
                               "id");
  HttpResult nobody =
      expect(api, 422, "POST", "/api/v1/invoices/" + unaddressed + "/send", p.token);
  CHECK(field_error(nobody, "to") == "the client has no email address: type the recipient's");
  CHECK(at(expect(api, 200, "GET", "/api/v1/invoices/" + unaddressed, p.token), "status") ==
        "draft");
  CHECK(count(messages(api, p.token, "invoice:" + unaddressed)) == 0);
  expect(api, 200, "POST", "/api/v1/invoices/" + unaddressed + "/send", p.token,
         R"({"to":["owner@else.example"]})");
  CHECK(count(messages(api, p.token, "invoice:" + unaddressed)) == 1);
}

TEST_CASE("a send the transition refuses rolls back: nothing queued", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  // An estimate without lines cannot be sent (the transition says so).
  std::string empty = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates",
                                p.token, R"({"title":"Nothing yet"})"),
                         "id");
  HttpResult refused = expect(api, 409, "POST", "/api/v1/estimates/" + empty + "/send", p.token,
                              R"({"to":["owner@harbor.example"]})");
  CHECK(at(refused, "error.code") == "invalid_state");
  CHECK(at(expect(api, 200, "GET", "/api/v1/estimates/" + empty, p.token), "status") == "draft");
  CHECK(count(messages(api, p.token, "estimate:" + empty)) == 0);

  // A void invoice is not sent, again or ever.
  std::string invoice = new_invoice(api, p, "1000");
  expect(api, 200, "POST", "/api/v1/invoices/" + invoice + "/void", p.token);
  expect(api, 409, "POST", "/api/v1/invoices/" + invoice + "/send", p.token);
  CHECK(count(messages(api, p.token, "invoice:" + invoice)) == 0);
}

TEST_CASE("a change order is submitted and a pay application submitted by sending them",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  HttpResult order = expect(api, 200, "POST", "/api/v1/change-orders/" + r.co + "/send", p.token);
  CHECK(at(order, "status") == "pending");
  HttpResult again =
      expect(api, 200, "POST", "/api/v1/change-orders/" + r.pending_co + "/send", p.token);
  CHECK(at(again, "status") == "pending");
  HttpResult app = expect(api, 200, "POST", "/api/v1/pay-applications/" + r.pay + "/send", p.token,
                          R"({"message":"Application 1 for your certificate."})");
  CHECK(at(app, "status") == "submitted");
  JsonValue list = messages(api, p.token, "pay_application:" + r.pay);
  REQUIRE(count(list) == 1);
  CHECK(at(list, "data.0.subject").starts_with("Pay application No. 1 from "));
  CHECK(count(messages(api, p.token, "change_order:" + r.co)) == 1);
}

TEST_CASE("send with email false moves each draft and queues nothing", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  std::string estimate = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates",
                                   p.token, R"({"title":"Handed over","lines":)" + kLines + "}"),
                            "id");
  auto queued = [&] { return api.db.scalar("SELECT count(*) FROM messages"); };
  const std::string before = queued();
  struct Draft {
    std::string path, record, becomes;
  };
  for (const Draft& d :
       {Draft{"estimates/" + estimate, "estimate:" + estimate, "sent"},
        Draft{"change-orders/" + r.co, "change_order:" + r.co, "pending"},
        Draft{"pay-applications/" + r.pay, "pay_application:" + r.pay, "submitted"},
        Draft{"invoices/" + r.draft_invoice, "invoice:" + r.draft_invoice, "sent"}}) {
    INFO(d.path);
    HttpResult marked =
        expect(api, 200, "POST", "/api/v1/" + d.path + "/send", p.token, R"({"email":false})");
    CHECK(at(marked, "status") == d.becomes);
    CHECK(at(expect(api, 200, "GET", "/api/v1/" + d.path, p.token), "status") == d.becomes);
    CHECK(count(messages(api, p.token, d.record)) == 0);
    // Past draft there is nothing to mark: 409, as the transition says.
    HttpResult again =
        expect(api, 409, "POST", "/api/v1/" + d.path + "/send", p.token, R"({"email":false})");
    CHECK(at(again, "error.code") == "invalid_state");
  }
  CHECK(queued() == before);
}

TEST_CASE("send with email false refuses an email's fields, naming email", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string invoice = new_invoice(api, p, "1000");
  const std::string path = "/api/v1/invoices/" + invoice + "/send";
  for (const char* body :
       {R"({"email":false,"to":["owner@harbor.example"]})", R"({"email":false,"cc":[]})",
        R"({"email":false,"subject":"Hi"})", R"({"email":false,"message":"By hand."})"}) {
    INFO(body);
    HttpResult bad = expect(api, 422, "POST", path, p.token, body);
    CHECK(field_error(bad, "email") ==
          "is false: to, cc, subject and message are for an email, and none is sent");
  }
  HttpResult not_boolean = expect(api, 422, "POST", path, p.token, R"({"email":"no"})");
  CHECK_FALSE(field_error(not_boolean, "email").empty());
  CHECK(at(expect(api, 200, "GET", "/api/v1/invoices/" + invoice, p.token), "status") == "draft");
  CHECK(count(messages(api, p.token, "invoice:" + invoice)) == 0);

  // "email": true is the usual send.
  CHECK(at(expect(api, 200, "POST", path, p.token, R"({"email":true})"), "status") == "sent");
  CHECK(count(messages(api, p.token, "invoice:" + invoice)) == 1);
}

TEST_CASE(
    "a pay application goes to the project's architect, to the client while it has no address",
    "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  std::string architect = at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                                    R"({"kind":"architect","name":"Lindqvist Architecture"})"),
                             "id");
  expect(api, 200, "PATCH", "/api/v1/projects/" + p.id, p.token,
         R"({"architect_id":)" + architect + "}");
  const std::string send = "/api/v1/pay-applications/" + r.pay + "/send";
  const std::string record = "pay_application:" + r.pay;

  // An architect without an email: the client's address, as before.
  expect(api, 200, "POST", send, p.token);
  CHECK(at(messages(api, p.token, record), "data.0.to.0") == "owner@harbor.example");

  expect(api, 200, "PATCH", "/api/v1/parties/" + architect, p.token,
         R"({"email":"studio@lindqvist.example"})");
  expect(api, 200, "POST", send, p.token);
  JsonValue list = messages(api, p.token, record);
  REQUIRE(count(list) == 2);
  CHECK(at(list, "data.0.to.0") == "studio@lindqvist.example");
  CHECK(at(list, "data.0.to.1").empty());

  // The project's other documents still go to its client.
  std::string invoice = new_invoice(api, p, "1000");
  expect(api, 200, "POST", "/api/v1/invoices/" + invoice + "/send", p.token);
  CHECK(at(messages(api, p.token, "invoice:" + invoice), "data.0.to.0") == "owner@harbor.example");
}

TEST_CASE("messages: record is required and well formed, and of the caller's organisation",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string invoice = new_invoice(api, p, "1000");
  for (const char* bad :
       {"", "?record=", "?record=invoice", "?record=invoice:", "?record=invoice:x",
        "?record=budget:1", "?record=invoice:-1", "?record=:12"}) {
    INFO(bad);
    HttpResult r = expect(api, 422, "GET", std::string("/api/v1/messages") + bad, p.token);
    CHECK_FALSE(field_error(r, "record").empty());
  }
  ApiProject other = accepted_project(api, kLines);
  expect(api, 404, "GET", "/api/v1/messages?record=invoice:" + invoice, other.token);
  expect(api, 404, "POST", "/api/v1/invoices/" + invoice + "/send", other.token);
  expect(api, 404, "GET", "/api/v1/messages?record=invoice:999999999", p.token);
}
