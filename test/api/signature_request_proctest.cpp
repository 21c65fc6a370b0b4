// Signature requests through the API, against the real server (spec
// portal.md, "Signature requests"): sending a document for signature
// answers 201 with the request, its PDF's SHA-256 and its signers; only a
// document waiting for its client's decision may go (409 otherwise, and
// while one is open); every bad field is named (422) and nothing is sent;
// a request is read with its events, voided, listed; its sealed PDF is 404
// until it is completed; and another organisation's ids are 404 throughout.
// (test/operations/ signs them to completion; test/views/ walks the pages.)
#include <catch2/catch.hpp>
#include <chrono>

#include "domain/calendar.hpp"
#include "domain/hex.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/signature_requests.hpp"
#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"
#include "test/support/signature_signers.hpp"

using namespace construction::testing;
using construction::api::JsonValue;

namespace {

const std::string kLines =
    R"([{"cost_code":"09-250","cost_type":"material","description":"Drywall","quantity":1,"unit_cost_cents":100000}])";

const std::string kTwoSigners =
    R"({"signers":[{"name":"Dana Harper","email":"dana@harbor.example","role":"owner"},
                   {"name":"Avery Lin","email":"avery@lin-architects.example","role":"architect"}],
        "message":"Please sign by Friday."})";

std::string requests_of(const std::string& document) {
  return "/api/v1/" + document + "/signature-requests";
}

std::string day_from_today(int days) {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return construction::domain::iso_date(today + std::chrono::days(days));
}

std::size_t count(const HttpResult& list) {
  return json_of(list).member("data")->items.size();
}

bool is_hex_sha256(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("sending a pending change order for signature answers 201 with the request",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string document = "change-orders/" + r.pending_co;

  HttpResult sent = expect(api, 201, "POST", requests_of(document), p.token, kTwoSigners);
  const std::string id = at(sent, "id");
  CHECK(sent.header("location") == "/api/v1/signature-requests/" + id);
  CHECK(at(sent, "status") == "sent");
  CHECK(at(sent, "document_kind") == "change_order");
  CHECK(at(sent, "document_id") == r.pending_co);
  CHECK(at(sent, "document_version") ==
        at(expect(api, 200, "GET", "/api/v1/" + document, p.token), "version"));
  CHECK(at(sent, "expires_on") == day_from_today(14));
  CHECK(at(sent, "message") == "Please sign by Friday.");
  CHECK(json_of(sent).member("sealed_sha256")->kind == JsonValue::Kind::null);
  // The hash is of the PDF the signers are sent, which is the document's PDF
  // as it stands (the same bytes for the same version).
  std::string hash = at(sent, "document_sha256");
  CHECK(is_hex_sha256(hash));
  HttpResult pdf = expect(api, 200, "GET", "/api/v1/" + document + "/pdf", p.token);
  CHECK(hash == construction::domain::hex_digits(construction::operations::sha256_bytes(pdf.body)));

  REQUIRE(json_of(sent).member("signers")->items.size() == 2);
  CHECK(at(sent, "signers.0.name") == "Dana Harper");
  CHECK(at(sent, "signers.0.email") == "dana@harbor.example");
  CHECK(at(sent, "signers.0.role") == "owner");
  CHECK(at(sent, "signers.0.status") == "pending");
  CHECK(at(sent, "signers.1.role") == "architect");
  CHECK(at(sent, "signers.1.status") == "pending");
  CHECK(at(sent, "signers.0.id") != at(sent, "signers.1.id"));
  // The links are in the signers' emails only, never in an answer.
  CHECK(sent.body.find("/sign/") == std::string::npos);

  HttpResult list = expect(api, 200, "GET", requests_of(document), p.token);
  REQUIRE(count(list) == 1);
  CHECK(at(list, "data.0.id") == id);
  CHECK(at(list, "data.0.signers.1.name") == "Avery Lin");
  CHECK(json_of(list).member("next_cursor")->kind == JsonValue::Kind::null);

  // One request read alone has its evidence: a `sent` event per signer.
  HttpResult one = expect(api, 200, "GET", "/api/v1/signature-requests/" + id, p.token);
  JsonValue body = json_of(one);
  REQUIRE(body.member("events")->items.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    INFO("event " << i);
    std::string event = "events." + std::to_string(i);
    CHECK(at(one, event + ".type") == "sent");
    CHECK(at(one, event + ".signer_id") == at(one, "signers." + std::to_string(i) + ".id"));
    std::string when = at(one, event + ".at");
    CHECK(when.size() == 20);
    CHECK(when.back() == 'Z');
    CHECK(when.substr(0, 10) == day_from_today(0));
  }
}

TEST_CASE("an estimate sent and a pay application submitted may be sent for signature",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  expect(api, 200, "POST", "/api/v1/pay-applications/" + r.pay + "/submit", p.token);
  HttpResult app = expect(api, 201, "POST", requests_of("pay-applications/" + r.pay), p.token,
                          R"({"signers":[{"name":"Avery Lin","email":"avery@lin.example",
                              "role":"architect"}],"expires_on":")" +
                              day_from_today(30) + R"("})");
  CHECK(at(app, "document_kind") == "pay_application");
  CHECK(at(app, "expires_on") == day_from_today(30));

  std::string estimate = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates",
                                   p.token, R"({"title":"Extra room","lines":)" + kLines + "}"),
                            "id");
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/send", p.token);
  HttpResult sent = expect(api, 201, "POST", requests_of("estimates/" + estimate), p.token,
                           R"({"signers":[{"name":"Dana Harper","email":"dana@harbor.example",
                               "role":"client"}]})");
  CHECK(at(sent, "document_kind") == "estimate");
  CHECK(at(sent, "amount_cents") ==
        at(expect(api, 200, "GET", "/api/v1/estimates/" + estimate, p.token), "total_cents"));
}

TEST_CASE("only a document waiting for its client may be sent for signature, once at a time",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  // A draft change order, a draft pay application: nothing to approve yet.
  for (const std::string& draft : {"change-orders/" + r.co, "pay-applications/" + r.pay}) {
    INFO(draft);
    HttpResult refused = expect(api, 409, "POST", requests_of(draft), p.token, kTwoSigners);
    CHECK(at(refused, "error.code") == "invalid_state");
    CHECK(count(expect(api, 200, "GET", requests_of(draft), p.token)) == 0);
  }
  // An approved change order is decided already.
  const std::string pending = "change-orders/" + r.pending_co;
  expect(api, 200, "POST", "/api/v1/" + pending + "/approve", p.token);
  CHECK(at(expect(api, 409, "POST", requests_of(pending), p.token, kTwoSigners), "error.code") ==
        "invalid_state");

  // One open request per document: a second would ask the same people twice.
  std::string other = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders",
                                p.token, R"({"title":"Outlets","lines":)" + kLines + "}"),
                         "id");
  expect(api, 200, "POST", "/api/v1/change-orders/" + other + "/submit", p.token);
  const std::string open = "change-orders/" + other;
  std::string first = at(expect(api, 201, "POST", requests_of(open), p.token, kTwoSigners), "id");
  HttpResult twice = expect(api, 409, "POST", requests_of(open), p.token, kTwoSigners);
  CHECK(at(twice, "error.code") == "conflict");
  CHECK(count(expect(api, 200, "GET", requests_of(open), p.token)) == 1);
  // Voided, it may go again.
  expect(api, 200, "POST", "/api/v1/signature-requests/" + first + "/void", p.token);
  expect(api, 201, "POST", requests_of(open), p.token, kTwoSigners);
  CHECK(count(expect(api, 200, "GET", requests_of(open), p.token)) == 2);
}

TEST_CASE("a signature request's bad fields are each named, and nothing is sent", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string path = requests_of("change-orders/" + r.pending_co);
  auto messages = [&] { return api.db.scalar("SELECT count(*) FROM messages"); };
  const std::string queued = messages();
  const std::string dana = R"({"name":"Dana Harper","email":"dana@harbor.example","role":"owner"})";

  struct Bad {
    std::string body, field;
  };
  std::string eleven;
  for (int i = 0; i < 11; ++i)
    eleven += std::string(i ? "," : "") + R"({"name":"Signer )" + std::to_string(i) +
              R"(","email":"s)" + std::to_string(i) + R"(@example.com","role":"owner"})";
  for (const Bad& bad : {
           Bad{"{}", "signers"},
           Bad{R"({"signers":[]})", "signers"},
           Bad{R"({"signers":[)" + eleven + "]}", "signers"},
           Bad{R"({"signers":[)" + dana +
                   R"(,{"name":"Avery","email":"not an address","role":"architect"}]})",
               "signers[1].email"},
           Bad{R"({"signers":[{"name":" ","email":"a@b.example","role":"owner"}]})",
               "signers[0].name"},
           Bad{R"({"signers":[{"name":"A","email":"a@b.example","role":"boss"}]})",
               "signers[0].role"},
           Bad{R"({"signers":[{"name":"A","email":"a@b.example"}]})", "signers[0].role"},
           Bad{R"({"signers":[)" + dana + "," + dana + "]}", "signers[1].email"},
           Bad{R"({"signers":[)" + dana + R"(],"expires_on":")" + day_from_today(-1) + R"("})",
               "expires_on"},
           Bad{R"({"signers":[)" + dana + R"(],"expires_on":"2026-02-30"})", "expires_on"},
           Bad{R"({"signers":[)" + dana + R"(],"message":7})", "message"},
           Bad{R"({"signers":[)" + dana + R"(],"cc":["x@example.com"]})", "cc"},
       }) {
    INFO(bad.body);
    HttpResult refused = expect(api, 422, "POST", path, p.token, bad.body);
    CHECK(at(refused, "error.code") == "validation_failed");
    CHECK_FALSE(field_error(refused, bad.field).empty());
  }
  CHECK(count(expect(api, 200, "GET", path, p.token)) == 0);
  CHECK(messages() == queued);
  // The last day may be today: the links work through its end.
  HttpResult today =
      expect(api, 201, "POST", path, p.token,
             R"({"signers":[)" + dana + R"(],"expires_on":")" + day_from_today(0) + R"("})");
  CHECK(at(today, "expires_on") == day_from_today(0));
}

TEST_CASE("a voided signature request says why, keeps its evidence, and stays voided",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  std::string id = at(
      expect(api, 201, "POST", requests_of("change-orders/" + r.pending_co), p.token, kTwoSigners),
      "id");
  const std::string request = "/api/v1/signature-requests/" + id;
  // Not completed: no sealed PDF to fetch.
  expect(api, 404, "GET", request + "/sealed.pdf", p.token);

  HttpResult voided = expect(api, 200, "POST", request + "/void", p.token,
                             R"({"reason":"Sent to the wrong architect"})");
  CHECK(at(voided, "status") == "voided");
  CHECK(at(voided, "status_reason") == "Sent to the wrong architect");
  CHECK_FALSE(at(voided, "ended_at").empty());
  REQUIRE(json_of(voided).member("events")->items.size() == 3);
  CHECK(at(voided, "events.2.type") == "voided");
  CHECK(at(expect(api, 200, "GET", request, p.token), "status") == "voided");

  HttpResult again = expect(api, 409, "POST", request + "/void", p.token);
  CHECK(at(again, "error.code") == "invalid_state");
  expect(api, 404, "GET", request + "/sealed.pdf", p.token);
  HttpResult bad = expect(api, 422, "POST", request + "/void", p.token, R"({"why":"x"})");
  CHECK_FALSE(field_error(bad, "why").empty());

  // No reason given: the evidence still says who ended it.
  std::string second = at(
      expect(api, 201, "POST", requests_of("change-orders/" + r.pending_co), p.token, kTwoSigners),
      "id");
  HttpResult plain =
      expect(api, 200, "POST", "/api/v1/signature-requests/" + second + "/void", p.token);
  CHECK(at(plain, "status_reason") == "Voided by the sender, no reason given");
}

TEST_CASE("another organisation's signature requests and documents are 404", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string document = requests_of("change-orders/" + r.pending_co);
  std::string id = at(expect(api, 201, "POST", document, p.token, kTwoSigners), "id");
  const std::string request = "/api/v1/signature-requests/" + id;

  std::string stranger = api.user_token(unique("Other"), unique("owner") + "@example.com", "owner");
  expect(api, 404, "POST", document, stranger, kTwoSigners);
  expect(api, 404, "GET", document, stranger);
  expect(api, 404, "GET", request, stranger);
  expect(api, 404, "POST", request + "/void", stranger);
  expect(api, 404, "GET", request + "/sealed.pdf", stranger);
  // Untouched by any of it.
  CHECK(at(expect(api, 200, "GET", request, p.token), "status") == "sent");

  // A field user of the same organisation does not send or read them.
  std::string org = api.db.scalar(
      "SELECT o.name FROM organisations o JOIN signature_requests s ON s.org_id = o.id "
      "WHERE s.id = " +
      id);
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  expect(api, 403, "GET", request, field);
  expect(api, 403, "POST", document, field, kTwoSigners);
}

TEST_CASE("a completed request reads with its evidence, and its sealed PDF is the one hashed",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string owner = unique("owner") + "@harbor.example";
  const std::string architect = unique("architect") + "@lin.example";
  std::string id =
      at(expect(api, 201, "POST", requests_of("change-orders/" + r.pending_co), p.token,
                R"({"signers":[{"name":"Dana Harper","email":")" + owner +
                    R"(","role":"owner"},{"name":"Avery Lin","email":")" + architect +
                    R"(","role":"architect"}]})"),
         "id");
  const std::string request = "/api/v1/signature-requests/" + id;

  CHECK(sign_as(api.db, owner, "Dana Harper") == construction::operations::Approval::approved);
  HttpResult half = expect(api, 200, "GET", request, p.token);
  CHECK(at(half, "status") == "sent");
  CHECK(at(half, "signers.0.status") == "approved");
  CHECK(at(half, "signers.0.typed_name") == "Dana Harper");
  CHECK(at(half, "signers.1.status") == "pending");
  expect(api, 404, "GET", request + "/sealed.pdf", p.token);

  CHECK(sign_as(api.db, architect, "Avery Lin") == construction::operations::Approval::completed);
  HttpResult done = expect(api, 200, "GET", request, p.token);
  CHECK(at(done, "status") == "completed");
  CHECK_FALSE(at(done, "completed_at").empty());
  CHECK(at(done, "signers.1.status") == "approved");
  std::string sealed = at(done, "sealed_sha256");
  REQUIRE(is_hex_sha256(sealed));
  // Every step is in the evidence, each with its signer, address and agent.
  std::vector<std::string> types;
  JsonValue body = json_of(done);
  for (const JsonValue& event : body.member("events")->items)
    types.push_back(event.member("type")->text);
  CHECK(types.front() == "sent");
  CHECK(types.back() == "completed");
  CHECK(std::count(types.begin(), types.end(), "approved") == 2);
  CHECK(std::count(types.begin(), types.end(), "consented") == 2);
  CHECK(std::count(types.begin(), types.end(), "code_accepted") == 2);
  CHECK(at(done, "events.2.ip") == "203.0.113.7");
  CHECK(at(done, "events.2.user_agent") == "Mozilla/5.0 (iPhone) Mobile Safari");

  HttpResult pdf = expect(api, 200, "GET", request + "/sealed.pdf", p.token);
  CHECK(pdf.header("content-type") == "application/pdf");
  CHECK(pdf.header("content-disposition").find(" signed.pdf") != std::string::npos);
  CHECK(pdf.body.starts_with("%PDF-"));
  CHECK(construction::domain::hex_digits(construction::operations::sha256_bytes(pdf.body)) ==
        sealed);
  // The change order moved with the last signature.
  CHECK(at(expect(api, 200, "GET", "/api/v1/change-orders/" + r.pending_co, p.token), "status") ==
        "approved");
  // A completed request is not voided.
  CHECK(at(expect(api, 409, "POST", request + "/void", p.token), "error.code") == "invalid_state");
}
