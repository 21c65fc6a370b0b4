// Bad input on every writing route: each answered in the error shape with
// the right code, every bad field named at once, and the worker (there is
// one) still serving afterwards, same pid. Strings with SQL and HTML in them
// are stored and returned exactly as sent.
#include <catch2/catch.hpp>

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
