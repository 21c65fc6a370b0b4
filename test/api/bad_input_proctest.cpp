// Bad input on every writing route: each answered in the error shape with
// the right code, every bad field named at once, and the worker (there is
// one) still serving afterwards, same pid. Strings with SQL and HTML in them
// are stored and returned exactly as sent.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;

namespace {

struct Fixture {
  std::string token, project, estimate, line;
};

Fixture fixture(ApiServer& api) {
  Fixture f;
  f.token = api.user_token(unique("Bad Org"), unique("owner") + "@example.com", "owner");
  f.project =
      at(api.send("POST", "/api/v1/projects", f.token, R"({"number":"X-1","name":"P"})"), "id");
  HttpResult e =
      api.send("POST", "/api/v1/projects/" + f.project + "/estimates", f.token,
               R"({"title":"E","lines":[{"cost_code":"01-100","cost_type":"other","description":"d",
          "quantity":1,"unit_cost_cents":100}]})");
  f.estimate = at(e, "id");
  f.line = at(e, "lines.0.id");
  return f;
}

std::string pid_of_worker(ApiServer& api) {
  auto pids = api.server->worker_pids();
  return pids.empty() ? "" : std::to_string(pids.front());
}

}  // namespace

TEST_CASE("malformed JSON, wrong media type and a body over the limit on every writing route",
          "[process]") {
  ApiServer& api = shared_api_server();
  Fixture f = fixture(api);
  std::string worker = pid_of_worker(api);
  std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/v1/auth/tokens"},
      {"POST", "/api/v1/users"},
      {"POST", "/api/v1/parties"},
      {"POST", "/api/v1/projects"},
      {"PATCH", "/api/v1/projects/" + f.project},
      {"POST", "/api/v1/projects/" + f.project + "/estimates"},
      {"PATCH", "/api/v1/estimates/" + f.estimate},
      {"POST", "/api/v1/estimates/" + f.estimate + "/lines"},
      {"PATCH", "/api/v1/estimates/" + f.estimate + "/lines/" + f.line},
      // The body is read before the record is looked up: these ids need not exist.
      {"POST", "/api/v1/projects/" + f.project + "/change-orders"},
      {"PATCH", "/api/v1/change-orders/1"},
      {"POST", "/api/v1/change-orders/1/lines"},
      {"PATCH", "/api/v1/change-orders/1/lines/1"},
      {"POST", "/api/v1/change-orders/1/approve"},
      {"POST", "/api/v1/projects/" + f.project + "/pay-applications"},
      {"PATCH", "/api/v1/pay-applications/1/lines/1"},
      {"POST", "/api/v1/pay-applications/1/certify"},
      {"POST", "/api/v1/projects/" + f.project + "/invoices"},
      {"PATCH", "/api/v1/invoices/1"},
      {"POST", "/api/v1/invoices/1/payments"},
      {"POST", "/api/v1/projects/" + f.project + "/tasks"},
      {"PATCH", "/api/v1/tasks/1"},
      {"POST", "/api/v1/projects/" + f.project + "/daily-logs"},
      {"PATCH", "/api/v1/daily-logs/1"},
      {"POST", "/api/v1/projects/" + f.project + "/budget/transfers"},
      {"POST", "/api/v1/projects/" + f.project + "/commitments"},
      {"PATCH", "/api/v1/commitments/1"},
      {"POST", "/api/v1/commitments/1/lines"},
      {"PATCH", "/api/v1/commitments/1/lines/1"},
      {"POST", "/api/v1/commitments/1/approve"},
      {"POST", "/api/v1/projects/" + f.project + "/vendor-bills"},
      {"PATCH", "/api/v1/vendor-bills/1"},
      {"POST", "/api/v1/vendor-bills/1/lines"},
      {"PATCH", "/api/v1/vendor-bills/1/lines/1"},
      {"POST", "/api/v1/vendor-bills/1/approve"},
  };
  for (const auto& [method, path] : routes) {
    INFO(method << " " << path);
    for (std::string broken : {"{", "{\"a\":1,}", "[1, 2", "nul", "{\"a\":1} x", "\"\xff\""}) {
      HttpResult r = api.send(method, path, f.token, broken);
      CHECK(r.status == 400);
      CHECK(at(r, "error.code") == "bad_json");
    }
    HttpResult array = api.send(method, path, f.token, "[]");
    CHECK(array.status == 400);
    HttpResult form = api.call(method, path, f.token, "a=1", {{"Content-Type", "text/plain"}});
    CHECK(form.status == 415);
    CHECK(at(form, "error.code") == "unsupported_media_type");
    HttpResult huge = api.send(method, path, f.token, std::string(1048577, ' '));
    CHECK(huge.status == 413);
  }
  CHECK(api.call("GET", "/health", "").status == 200);
  CHECK(pid_of_worker(api) == worker);
}

TEST_CASE("every bad field of a line is named at once", "[process]") {
  ApiServer& api = shared_api_server();
  Fixture f = fixture(api);
  HttpResult r =
      api.send("POST", "/api/v1/estimates/" + f.estimate + "/lines", f.token,
               R"({"cost_code":"9-25","cost_type":"labour","description":7,"quantity":"-1",
          "unit_cost_cents":"100","markup_bps":100001,"taxable":"yes","colour":"red"})");
  REQUIRE(r.status == 422);
  construction::api::JsonValue body = json_of(r);
  CHECK(at(body, "error.code") == "validation_failed");
  for (const char* field : {"cost_code", "cost_type", "description", "quantity", "unit_cost_cents",
                            "markup_bps", "taxable", "colour"})
    CHECK(!at(body, std::string("error.fields.") + field).empty());
  CHECK(at(body, "error.fields.quantity") == "must be 0 or more");

  for (std::string quantity : {"1.2345", "1e3", "\"1.2345\"", "\"abc\"", "-0.5"}) {
    HttpResult q = api.send("PATCH", "/api/v1/estimates/" + f.estimate + "/lines/" + f.line,
                            f.token, R"({"quantity":)" + quantity + "}");
    INFO(quantity << " -> " << q.body);
    CHECK(q.status == 422);
    CHECK(!at(q, "error.fields.quantity").empty());
  }
  HttpResult three = api.send("PATCH", "/api/v1/estimates/" + f.estimate + "/lines/" + f.line,
                              f.token, R"({"quantity":1.125})");
  CHECK(three.status == 200);
  CHECK(at(three, "quantity") == "1.125");
  CHECK(at(three, "cost_cents") == "113");  // 1.125 x 100 = 112.5 -> 113

  HttpResult missing = api.send("POST", "/api/v1/projects", f.token, R"({"site_address":3})");
  CHECK(missing.status == 422);
  CHECK(at(missing, "error.fields.number") == "is required");
  CHECK(at(missing, "error.fields.name") == "is required");
  CHECK(at(missing, "error.fields.site_address") == "must be a string, not a number");
  HttpResult dates =
      api.send("PATCH", "/api/v1/projects/" + f.project, f.token,
               R"({"start_date":"2026-02-30","retainage_work_bps":-1,"status":"done"})");
  CHECK(dates.status == 422);
  CHECK(json_of(dates).member("error")->member("fields")->members.size() == 3);
  CHECK(api.db.scalar("SELECT version FROM projects WHERE id = " + f.project) == "1");
}

TEST_CASE("a 1 MB string is refused by its length limit, SQL and HTML are kept verbatim",
          "[process]") {
  ApiServer& api = shared_api_server();
  Fixture f = fixture(api);
  std::string worker = pid_of_worker(api);
  std::string big(1000000, 'x');
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/parties", "address"}, {"/api/v1/projects", "site_address"}}) {
    HttpResult r =
        api.send("POST", path, f.token, R"({"name":"n",")" + field + R"(":")" + big + "\"}");
    INFO(path);
    CHECK(r.status == 422);
    CHECK(at(r, "error.fields." + field).starts_with("must be at most"));
    CHECK(r.body.size() < 1000);
  }
  HttpResult notes =
      api.send("PATCH", "/api/v1/estimates/" + f.estimate, f.token, R"({"notes":")" + big + "\"}");
  CHECK(notes.status == 422);

  std::string nasty = R"(Robert'); DROP TABLE parties;-- <script>alert(\"x\")</script> & é)";
  HttpResult party =
      api.send("POST", "/api/v1/parties", f.token, R"({"kind":"vendor","name":")" + nasty + "\"}");
  REQUIRE(party.status == 201);
  std::string expected = R"(Robert'); DROP TABLE parties;-- <script>alert("x")</script> & é)";
  CHECK(at(party, "name") == expected);
  CHECK(at(api.call("GET", "/api/v1/parties/" + at(party, "id"), f.token), "name") == expected);
  HttpResult nul =
      api.send("POST", "/api/v1/parties", f.token, R"({"kind":"vendor","name":"a\u0000b"})");
  CHECK(nul.status == 422);
  HttpResult limit = api.call("GET", "/api/v1/parties?limit=500&cursor=x", f.token);
  CHECK(limit.status == 422);
  CHECK(!at(limit, "error.fields.limit").empty());
  CHECK(!at(limit, "error.fields.cursor").empty());
  CHECK(api.call("GET", "/health", "").status == 200);
  CHECK(pid_of_worker(api) == worker);
}

TEST_CASE("lists page with a cursor and filter", "[process]") {
  ApiServer& api = shared_api_server();
  std::string token = api.user_token(unique("List Org"), unique("owner") + "@example.com", "owner");
  for (int i = 0; i < 5; ++i)
    api.send("POST", "/api/v1/parties", token,
             R"({"kind":")" + std::string(i % 2 ? "vendor" : "client") + R"(","name":"Name 50%_)" +
                 std::to_string(i) + "\"}");
  HttpResult first = api.call("GET", "/api/v1/parties?limit=2", token);
  CHECK(at(first, "data.1.name") == "Name 50%_1");
  std::string cursor = at(first, "next_cursor");
  REQUIRE(!cursor.empty());
  HttpResult second = api.call("GET", "/api/v1/parties?limit=2&cursor=" + cursor, token);
  CHECK(at(second, "data.0.name") == "Name 50%_2");
  HttpResult last =
      api.call("GET", "/api/v1/parties?limit=2&cursor=" + at(second, "next_cursor"), token);
  CHECK(at(last, "next_cursor") == "null");
  HttpResult vendors = api.call("GET", "/api/v1/parties?kind=vendor&q=50%25_3", token);
  CHECK(at(vendors, "data.0.name") == "Name 50%_3");
  CHECK(at(vendors, "data.1.name").empty());
}

TEST_CASE("lists refuse an unknown value of an enumerated filter with 422 naming it", "[process]") {
  ApiServer& api = shared_api_server();
  std::string token = api.user_token(unique("List Org"), unique("owner") + "@example.com", "owner");
  CHECK(api.send("POST", "/api/v1/projects", token, R"({"number":"S-1","name":"P"})").status ==
        201);
  HttpResult bogus = api.call("GET", "/api/v1/projects?status=bogus", token);
  CHECK(bogus.status == 422);
  CHECK(at(bogus, "error.fields.status").find("lead") != std::string::npos);
  HttpResult kind = api.call("GET", "/api/v1/parties?kind=bogus", token);
  CHECK(kind.status == 422);
  CHECK(!at(kind, "error.fields.kind").empty());
  HttpResult lead = api.call("GET", "/api/v1/projects?status=lead", token);
  CHECK(lead.status == 200);
  CHECK(at(lead, "data.0.number") == "S-1");
}

TEST_CASE("every bad field of the billing, schedule and log routes is named at once", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  std::string worker = pid_of_worker(api);
  BillingRecords r = billing_records(api, p);
  struct Case {
    std::string method, path, body;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"POST",
       "/api/v1/projects/" + p.id + "/change-orders",
       R"({"title":"","days_delta":"2","reason":7,"lines":[{"cost_code":"x","quantity":-1}],"x":1})",
       {"title", "days_delta", "reason", "lines[0].cost_code", "lines[0].quantity",
        "lines[0].cost_type", "lines[0].description", "lines[0].unit_cost_cents", "x"}},
      {"PATCH",
       "/api/v1/change-orders/" + r.co,
       R"({"number":"","days_delta":99999,"title":null})",
       {"number", "days_delta", "title"}},
      {"POST",
       "/api/v1/change-orders/" + r.co + "/lines",
       R"({"cost_code":"1","cost_type":"labour","description":"","quantity":"a","markup_bps":-1})",
       {"cost_code", "cost_type", "description", "quantity", "unit_cost_cents", "markup_bps"}},
      {"PATCH",
       "/api/v1/change-orders/" + r.co + "/lines/" + r.co_line,
       R"({"quantity":"1.2345","taxable":"no"})",
       {"quantity", "taxable"}},
      {"PATCH",
       "/api/v1/pay-applications/" + r.pay + "/lines/" + r.pay_line,
       R"({"this_period_cents":"5","stored_cents":1.5,"retainage_cents":1})",
       {"this_period_cents", "stored_cents", "retainage_cents"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/invoices",
       R"({"kind":"progress","total_cents":-1,"due_date":"tomorrow"})",
       {"kind", "total_cents", "due_date"}},
      {"PATCH",
       "/api/v1/invoices/" + r.draft_invoice,
       R"({"number":"","notes":5})",
       {"number", "notes"}},
      {"POST",
       "/api/v1/invoices/" + r.invoice + "/payments",
       R"({"amount_cents":"1","received_on":"2026-13-01","method":"barter","reference":7})",
       {"amount_cents", "received_on", "method", "reference"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/tasks",
       R"({"name":"","start_date":"2026-02-30","percent_complete":-1,"assignee_party_id":"x"})",
       {"name", "start_date", "percent_complete", "assignee_party_id"}},
      {"PATCH",
       "/api/v1/tasks/" + r.task,
       R"({"end_date":"x","predecessor_id":0})",
       {"end_date", "predecessor_id"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/daily-logs",
       R"({"weather":1,"temp_high_c":99,"crew":[{"headcount":0}]})",
       {"log_date", "weather", "temp_high_c", "crew[0].trade", "crew[0].headcount",
        "crew[0].hours"}},
      {"PATCH",
       "/api/v1/daily-logs/" + r.log,
       R"({"log_date":null,"delays":[],"crew":{}})",
       {"log_date", "delays", "crew"}},
  };
  for (const Case& c : cases) {
    HttpResult r = api.send(c.method, c.path, p.token, c.body);
    INFO(c.method << " " << c.path << " -> " << r.body);
    CHECK(r.status == 422);
    CHECK(at(r, "error.code") == "validation_failed");
    for (const std::string& field : c.fields) {
      INFO(field);
      CHECK(!field_error(r, field).empty());
    }
  }
  // A new application is refused 409 while one is open, so on a project without one:
  ApiProject q = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100}])");
  HttpResult period = api.send("POST", "/api/v1/projects/" + q.id + "/pay-applications", q.token,
                               R"({"period_to":"2026-02-30","colour":"red"})");
  CHECK(period.status == 422);
  CHECK(!at(period, "error.fields.period_to").empty());
  CHECK(!at(period, "error.fields.colour").empty());
  CHECK(api.call("GET", "/health", "").status == 200);
  CHECK(pid_of_worker(api) == worker);
}

TEST_CASE("every bad field of the job-costing routes is named at once", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  std::string worker = pid_of_worker(api);
  std::string sub = at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                              R"({"kind":"subcontractor","name":"Sub"})"),
                       "id");
  std::string client =
      at(expect(api, 201, "POST", "/api/v1/parties", p.token, R"({"kind":"client","name":"C"})"),
         "id");
  HttpResult sc = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/commitments", p.token,
                         R"({"kind":"subcontract","party_id":)" + sub +
                             R"(,"title":"S","lines":[{"cost_code":"01-100","cost_type":"other",
                                 "description":"d","amount_cents":1000}]})");
  HttpResult bill = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
                           R"({"number":"B-1","party_id":)" + sub +
                               R"(,"bill_date":"2026-03-01","lines":[{"cost_code":"01-100",
                                   "cost_type":"other","description":"d","amount_cents":-5}]})");

  struct Case {
    std::string method, path, body;
    std::vector<std::string> fields;
  };
  std::vector<Case> cases = {
      {"POST",
       "/api/v1/projects/" + p.id + "/budget/transfers",
       R"({"from":{"cost_code":"1-100","cost_type":"labour"},"to":"x","amount_cents":0,"why":1})",
       {"from.cost_code", "from.cost_type", "to", "amount_cents", "reason", "why"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/budget/transfers",
       R"({"from":{"cost_code":"01-100"},"to":{"cost_code":"01-100","cost_type":"other","x":1},
           "amount_cents":"5","reason":""})",
       {"from.cost_type", "to.x", "amount_cents", "reason"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/commitments",
       R"({"kind":"contract","party_id":"1","title":"","retainage_bps":10001,
           "lines":[{"cost_code":"x","amount_cents":0}],"colour":1})",
       {"kind", "party_id", "title", "retainage_bps", "lines[0].cost_code", "lines[0].cost_type",
        "lines[0].description", "lines[0].amount_cents", "colour"}},
      // A party that may not be paid: a client.
      {"POST",
       "/api/v1/projects/" + p.id + "/commitments",
       R"({"kind":"purchase_order","title":"PO","party_id":)" + client + "}",
       {"party_id"}},
      {"PATCH",
       "/api/v1/commitments/" + at(sc, "id"),
       R"({"number":"","kind":null,"retainage_bps":-1})",
       {"number", "kind", "retainage_bps"}},
      {"POST",
       "/api/v1/commitments/" + at(sc, "id") + "/lines",
       R"({"cost_code":"01","cost_type":"misc","description":" ","amount_cents":-1})",
       {"cost_code", "cost_type", "description", "amount_cents"}},
      {"PATCH",
       "/api/v1/commitments/" + at(sc, "id") + "/lines/" + at(sc, "lines.0.id"),
       R"({"amount_cents":1.5,"description":7})",
       {"amount_cents", "description"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/vendor-bills",
       R"({"party_id":0,"commitment_id":"x","bill_date":"2026-02-30","due_date":"soon",
           "lines":[{"amount_cents":0}]})",
       {"number", "party_id", "commitment_id", "bill_date", "due_date", "lines[0].cost_code",
        "lines[0].cost_type", "lines[0].description", "lines[0].amount_cents"}},
      {"POST",
       "/api/v1/projects/" + p.id + "/vendor-bills",
       R"({"number":"B-2","party_id":)" + sub +
           R"(,"commitment_id":999999999,"bill_date":"2026-03-05"})",
       {"commitment_id"}},
      {"PATCH",
       "/api/v1/vendor-bills/" + at(bill, "id"),
       R"({"bill_date":"2026-03-05","due_date":"2026-03-01"})",
       {"due_date"}},
      {"PATCH",
       "/api/v1/vendor-bills/" + at(bill, "id"),
       R"({"number":"","bill_date":null,"status":"paid"})",
       {"number", "bill_date", "status"}},
      {"POST",
       "/api/v1/vendor-bills/" + at(bill, "id") + "/lines",
       R"({"cost_code":"01-100","cost_type":"other","description":"d","amount_cents":0})",
       {"amount_cents"}},
      {"PATCH",
       "/api/v1/vendor-bills/" + at(bill, "id") + "/lines/" + at(bill, "lines.0.id"),
       R"({"cost_code":"","amount_cents":"-5"})",
       {"cost_code", "amount_cents"}},
  };
  for (const Case& c : cases) {
    HttpResult r = api.send(c.method, c.path, p.token, c.body);
    INFO(c.method << " " << c.path << " " << c.body << " -> " << r.body);
    CHECK(r.status == 422);
    CHECK(at(r, "error.code") == "validation_failed");
    for (const std::string& field : c.fields) {
      INFO(field);
      CHECK(!field_error(r, field).empty());
    }
  }
  HttpResult format = api.call("GET", "/api/v1/projects/" + p.id + "/budget?format=xlsx", p.token);
  CHECK(format.status == 422);
  CHECK(!at(format, "error.fields.format").empty());
  CHECK(api.call("GET", "/health", "").status == 200);
  CHECK(pid_of_worker(api) == worker);
}
