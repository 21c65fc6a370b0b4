// Two organisations on one server: every route of the API, with every
// method, given the other organisation's ids answers 404 exactly as a
// missing id would, and nothing in the database changes (the billing,
// schedule and log routes in a test of their own).
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;

namespace {

// What org A's rows look like in the database: counts and versions.
std::string fingerprint(ApiServer& api) {
  return api.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) FROM parties), "
      "(SELECT count(*) || ':' || sum(version) || ':' || sum(original_contract_sum_cents) FROM "
      "projects), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "estimates), "
      "(SELECT count(*) || ':' || sum(version) FROM estimate_lines), "
      "(SELECT count(*) FROM schedule_of_values_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || bool_and(active) FROM users), "
      "(SELECT count(*) FILTER (WHERE revoked_at IS NULL) FROM api_tokens))");
}

// Each probe, sent with the other organisation's token, answers 404.
void expect_not_found(ApiServer& api, const std::string& token, const std::vector<Probe>& probes) {
  for (const Probe& probe : probes) {
    HttpResult r = probe.body.empty() ? api.call(probe.method, probe.path, token)
                                      : api.send(probe.method, probe.path, token, probe.body);
    INFO(probe.method << " " << probe.path << " -> " << r.body);
    CHECK(r.status == 404);
    CHECK(at(r, "error.code") == "not_found");
  }
}

}  // namespace

TEST_CASE("another organisation's ids are 404 on every route and change nothing", "[process]") {
  ApiServer& api = shared_api_server();
  std::string a = api.user_token(unique("Org A"), unique("a") + "@example.com", "owner");
  std::string b = api.user_token(unique("Org B"), unique("b") + "@example.com", "owner");

  std::string party =
      at(api.send("POST", "/api/v1/parties", a, R"({"kind":"client","name":"C"})"), "id");
  std::string project = at(api.send("POST", "/api/v1/projects", a,
                                    R"({"number":"A-1","name":"P","client_id":)" + party + "}"),
                           "id");
  HttpResult estimate =
      api.send("POST", "/api/v1/projects/" + project + "/estimates", a,
               R"({"title":"E","lines":[{"cost_code":"01-100","cost_type":"other","description":"d",
          "quantity":1,"unit_cost_cents":100}]})");
  std::string est = at(estimate, "id");
  std::string line = at(estimate, "lines.0.id");
  std::string sent = at(api.send("POST", "/api/v1/projects/" + project + "/estimates", a,
                                 R"({"title":"S","lines":[{"cost_code":"01-100","cost_type":"other",
                   "description":"d","quantity":1,"unit_cost_cents":100}]})"),
                        "id");
  REQUIRE(
      api.send("POST", "/api/v1/estimates/" + sent + "/send", a, R"({"to":["owner@example.com"]})")
          .status == 200);
  std::string user = at(api.call("GET", "/api/v1/me", a), "user.id");
  std::string token = at(api.call("GET", "/api/v1/me", a), "token_id");
  std::string before = fingerprint(api);

  const std::string line_body =
      R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,"unit_cost_cents":1})";
  std::vector<Probe> probes = {
      {"GET", "/api/v1/users/" + user, ""},
      {"PATCH", "/api/v1/users/" + user, R"({"name":"x"})"},
      {"DELETE", "/api/v1/users/" + user, ""},
      {"DELETE", "/api/v1/auth/tokens/" + token, ""},
      {"GET", "/api/v1/parties/" + party, ""},
      {"PATCH", "/api/v1/parties/" + party, R"({"name":"x"})"},
      {"DELETE", "/api/v1/parties/" + party, ""},
      {"GET", "/api/v1/projects/" + project, ""},
      {"PATCH", "/api/v1/projects/" + project, R"({"name":"x"})"},
      {"DELETE", "/api/v1/projects/" + project, ""},
      {"GET", "/api/v1/projects/" + project + "/estimates", ""},
      {"POST", "/api/v1/projects/" + project + "/estimates", R"({"title":"x"})"},
      {"GET", "/api/v1/projects/" + project + "/schedule-of-values", ""},
      {"GET", "/api/v1/estimates/" + est, ""},
      {"PATCH", "/api/v1/estimates/" + est, R"({"title":"x"})"},
      {"DELETE", "/api/v1/estimates/" + est, ""},
      {"POST", "/api/v1/estimates/" + est + "/send", ""},
      {"POST", "/api/v1/estimates/" + sent + "/accept", ""},
      {"POST", "/api/v1/estimates/" + sent + "/decline", ""},
      {"POST", "/api/v1/estimates/" + sent + "/revise", ""},
      {"GET", "/api/v1/estimates/" + est + "/lines", ""},
      {"POST", "/api/v1/estimates/" + est + "/lines", line_body},
      {"GET", "/api/v1/estimates/" + est + "/lines/" + line, ""},
      {"PATCH", "/api/v1/estimates/" + est + "/lines/" + line, R"({"quantity":2})"},
      {"DELETE", "/api/v1/estimates/" + est + "/lines/" + line, ""},
  };
  expect_not_found(api, b, probes);
  // Another organisation's client cannot be named on one's own project either.
  HttpResult foreign_client = api.send("POST", "/api/v1/projects", b,
                                       R"({"number":"B-1","name":"P","client_id":)" + party + "}");
  CHECK(foreign_client.status == 422);
  CHECK(!at(foreign_client, "error.fields.client_id").empty());
  // Lists show only one's own rows.
  CHECK(at(api.call("GET", "/api/v1/projects", b), "data.0.id").empty());
  CHECK(at(api.call("GET", "/api/v1/parties", b), "data.0.id").empty());
  CHECK(fingerprint(api) == before);
}

namespace {

// Org A's billing and site records: counts, versions and states.
std::string billing_fingerprint(ApiServer& api) {
  return api.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) || ':' || "
      "string_agg(status, '' ORDER BY id) FROM change_orders), "
      "(SELECT count(*) || ':' || sum(version) FROM change_order_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "pay_applications), "
      "(SELECT count(*) || ':' || sum(version) FROM pay_application_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "invoices), (SELECT count(*) FROM payments), "
      "(SELECT count(*) || ':' || sum(version) FROM tasks), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "daily_logs), (SELECT count(*) FROM daily_log_crew))");
}

}  // namespace

TEST_CASE("another organisation's billing, schedule and log ids are 404 and change nothing",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  std::string b = api.user_token(unique("Org B"), unique("b") + "@example.com", "owner");
  BillingRecords r = billing_records(api, p);
  std::string before = billing_fingerprint(api);

  std::vector<Probe> probes = billing_routes(p, r);
  const std::string task = "/api/v1/tasks/" + r.task, log = "/api/v1/daily-logs/" + r.log;
  probes.insert(
      probes.end(),
      {
          {"GET", "/api/v1/projects/" + p.id + "/tasks", ""},
          {"POST", "/api/v1/projects/" + p.id + "/tasks", R"({"name":"x"})"},
          {"GET", task, ""},
          {"PATCH", task, R"({"name":"x"})"},
          {"DELETE", task, ""},
          {"GET", "/api/v1/projects/" + p.id + "/daily-logs", ""},
          {"POST", "/api/v1/projects/" + p.id + "/daily-logs", R"({"log_date":"2026-03-03"})"},
          {"GET", log, ""},
          {"PATCH", log, R"({"weather":"x"})"},
          {"POST", log + "/submit", ""},
          {"DELETE", log, ""},
      });
  expect_not_found(api, b, probes);
  // Org B cannot point its own records at org A's rows either.
  std::string own =
      at(expect(api, 201, "POST", "/api/v1/projects", b, R"({"number":"B-9","name":"B"})"), "id");
  HttpResult foreign_task = expect(api, 422, "POST", "/api/v1/projects/" + own + "/tasks", b,
                                   R"({"name":"x","predecessor_id":)" + r.task + "}");
  CHECK(!at(foreign_task, "error.fields.predecessor_id").empty());
  CHECK(billing_fingerprint(api) == before);
}

namespace {

// Org A's job-costing records: counts, versions and states.
std::string job_cost_fingerprint(ApiServer& api) {
  return api.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) FROM budget_transfers), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "commitments), (SELECT count(*) || ':' || sum(version) FROM commitment_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) FROM "
      "vendor_bills), (SELECT count(*) || ':' || sum(version) FROM vendor_bill_lines))");
}

}  // namespace

TEST_CASE("another organisation's budget, commitment and vendor bill ids are 404", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  std::string b = api.user_token(unique("Org B"), unique("b") + "@example.com", "owner");
  const std::string& a = p.token;
  std::string sub =
      at(expect(api, 201, "POST", "/api/v1/parties", a, R"({"kind":"subcontractor","name":"S"})"),
         "id");
  const std::string line = R"({"cost_code":"01-100","cost_type":"other","description":"x",
                               "amount_cents":100})";
  HttpResult draft = expect(
      api, 201, "POST", "/api/v1/projects/" + p.id + "/commitments", a,
      R"({"kind":"subcontract","title":"D","party_id":)" + sub + R"(,"lines":[)" + line + "]}");
  std::string sc = at(draft, "id");
  std::string sc_line = at(draft, "lines.0.id");
  std::string approved = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/commitments", a,
                                   R"({"kind":"subcontract","title":"A","party_id":)" + sub +
                                       R"(,"lines":[)" + line + "]}"),
                            "id");
  expect(api, 200, "POST", "/api/v1/commitments/" + approved + "/approve", a);
  HttpResult bill = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", a,
                           R"({"number":"B-1","party_id":)" + sub + R"(,"commitment_id":)" +
                               approved + R"(,"bill_date":"2026-03-01","lines":[)" + line + "]}");
  std::string vb = at(bill, "id");
  std::string vb_line = at(bill, "lines.0.id");
  std::string approved_bill =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", a,
                R"({"number":"B-2","party_id":)" + sub + R"(,"bill_date":"2026-03-01","lines":[)" +
                    line + "]}"),
         "id");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + approved_bill + "/approve", a);
  std::string before = job_cost_fingerprint(api);

  const std::string transfer =
      R"({"from":{"cost_code":"01-100","cost_type":"other"},
          "to":{"cost_code":"01-200","cost_type":"other"},"amount_cents":1,"reason":"x"})";
  std::vector<Probe> probes = {
      {"GET", "/api/v1/projects/" + p.id + "/budget", ""},
      {"GET", "/api/v1/projects/" + p.id + "/budget?format=csv", ""},
      {"GET", "/api/v1/projects/" + p.id + "/budget/transfers", ""},
      {"POST", "/api/v1/projects/" + p.id + "/budget/transfers", transfer},
      {"GET", "/api/v1/projects/" + p.id + "/commitments", ""},
      {"POST", "/api/v1/projects/" + p.id + "/commitments",
       R"({"kind":"subcontract","title":"x","party_id":)" + sub + "}"},
      {"GET", "/api/v1/commitments/" + sc, ""},
      {"PATCH", "/api/v1/commitments/" + sc, R"({"title":"x"})"},
      {"DELETE", "/api/v1/commitments/" + sc, ""},
      {"POST", "/api/v1/commitments/" + sc + "/approve", ""},
      {"POST", "/api/v1/commitments/" + approved + "/close", ""},
      {"POST", "/api/v1/commitments/" + sc + "/void", ""},
      {"GET", "/api/v1/commitments/" + sc + "/lines", ""},
      {"POST", "/api/v1/commitments/" + sc + "/lines", line},
      {"GET", "/api/v1/commitments/" + sc + "/lines/" + sc_line, ""},
      {"PATCH", "/api/v1/commitments/" + sc + "/lines/" + sc_line, R"({"amount_cents":2})"},
      {"DELETE", "/api/v1/commitments/" + sc + "/lines/" + sc_line, ""},
      {"GET", "/api/v1/projects/" + p.id + "/vendor-bills", ""},
      {"POST", "/api/v1/projects/" + p.id + "/vendor-bills",
       R"({"number":"x","party_id":)" + sub + R"(,"bill_date":"2026-03-01"})"},
      {"GET", "/api/v1/vendor-bills/" + vb, ""},
      {"PATCH", "/api/v1/vendor-bills/" + vb, R"({"number":"x"})"},
      {"DELETE", "/api/v1/vendor-bills/" + vb, ""},
      {"POST", "/api/v1/vendor-bills/" + vb + "/approve", ""},
      {"POST", "/api/v1/vendor-bills/" + approved_bill + "/pay", ""},
      {"POST", "/api/v1/vendor-bills/" + vb + "/void", ""},
      {"GET", "/api/v1/vendor-bills/" + vb + "/lines", ""},
      {"POST", "/api/v1/vendor-bills/" + vb + "/lines", line},
      {"GET", "/api/v1/vendor-bills/" + vb + "/lines/" + vb_line, ""},
      {"PATCH", "/api/v1/vendor-bills/" + vb + "/lines/" + vb_line, R"({"amount_cents":-2})"},
      {"DELETE", "/api/v1/vendor-bills/" + vb + "/lines/" + vb_line, ""},
  };
  expect_not_found(api, b, probes);
  // Org B cannot name org A's party or commitment on its own documents.
  std::string own =
      at(expect(api, 201, "POST", "/api/v1/projects", b, R"({"number":"B-7","name":"B"})"), "id");
  HttpResult foreign_party = expect(api, 422, "POST", "/api/v1/projects/" + own + "/commitments", b,
                                    R"({"kind":"subcontract","title":"x","party_id":)" + sub + "}");
  CHECK(!at(foreign_party, "error.fields.party_id").empty());
  std::string own_sub =
      at(expect(api, 201, "POST", "/api/v1/parties", b, R"({"kind":"subcontractor","name":"S"})"),
         "id");
  HttpResult foreign_commitment =
      expect(api, 422, "POST", "/api/v1/projects/" + own + "/vendor-bills", b,
             R"({"number":"x","party_id":)" + own_sub + R"(,"commitment_id":)" + approved +
                 R"(,"bill_date":"2026-03-01"})");
  CHECK(!at(foreign_commitment, "error.fields.commitment_id").empty());
  CHECK(job_cost_fingerprint(api) == before);
}
