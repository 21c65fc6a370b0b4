// Who may do what: log-in by password, tokens revoked and users deactivated
// (401 at once), field users kept to reading projects and writing tasks and
// daily logs (403 on everything else, money above all).
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;

TEST_CASE("POST /auth/tokens trades a password for a token shown once", "[process]") {
  ApiServer& api = shared_api_server();
  std::string email = unique("login") + "@example.com";
  api.user_token(unique("Login Org"), email, "owner", "correct horse battery");
  HttpResult wrong = api.send("POST", "/api/v1/auth/tokens", "",
                              R"({"email":")" + email + R"(","password":"wrong password"})");
  CHECK(wrong.status == 401);
  CHECK(at(wrong, "error.code") == "unauthorized");
  HttpResult nobody = api.send("POST", "/api/v1/auth/tokens", "",
                               R"({"email":"nobody@example.com","password":"whatever1"})");
  CHECK(nobody.status == 401);
  HttpResult ok = api.send(
      "POST", "/api/v1/auth/tokens", "",
      R"({"email":")" + email + R"(","password":"correct horse battery","name":"laptop"})");
  REQUIRE(ok.status == 201);
  CHECK(at(ok, "name") == "laptop");
  std::string token = at(ok, "token");
  CHECK(token.starts_with("cst_"));
  CHECK(token.size() == 47);
  CHECK(api.db.scalar("SELECT count(*) FROM api_tokens WHERE token_hash = sha256('" + token +
                      "'::bytea)") == "1");
  CHECK(api.call("GET", "/api/v1/me", token).status == 200);
  CHECK(api.call("GET", "/api/v1/me", "").status == 401);
  CHECK(api.call("GET", "/api/v1/me", "cst_" + std::string(43, 'A')).status == 401);
}

TEST_CASE("a revoked token and a deactivated user's token get 401", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Auth Org");
  std::string owner = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string spare = api.user_token(org, unique("spare") + "@example.com", "manager");
  std::string spare_token_id = at(api.call("GET", "/api/v1/me", spare), "token_id");
  std::string spare_user_id = at(api.call("GET", "/api/v1/me", spare), "user.id");

  SECTION("revoked") {
    CHECK(api.call("DELETE", "/api/v1/auth/tokens/" + spare_token_id, spare).status == 204);
    HttpResult after = api.call("GET", "/api/v1/me", spare);
    CHECK(after.status == 401);
    CHECK(at(after, "error.code") == "unauthorized");
  }
  SECTION("deactivated") {
    CHECK(api.call("GET", "/api/v1/projects", spare).status == 200);
    CHECK(api.call("DELETE", "/api/v1/users/" + spare_user_id, owner).status == 204);
    CHECK(api.call("GET", "/api/v1/projects", spare).status == 401);
    HttpResult user = api.call("GET", "/api/v1/users/" + spare_user_id, owner);
    CHECK(at(user, "active") == "false");
    CHECK(at(user, "password").empty());
  }
}

TEST_CASE("a field user reads projects and gets 403 on estimate writes", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Field Org");
  std::string owner = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  std::string project =
      at(api.send("POST", "/api/v1/projects", owner, R"({"number":"F-1","name":"P"})"), "id");
  std::string estimate =
      at(api.send("POST", "/api/v1/projects/" + project + "/estimates", owner, R"({"title":"E"})"),
         "id");
  CHECK(api.call("GET", "/api/v1/projects/" + project, field).status == 200);
  CHECK(api.call("GET", "/api/v1/projects", field).status == 200);
  for (
      auto [method, path, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
          {"POST", "/api/v1/projects/" + project + "/estimates", R"({"title":"x"})"},
          {"PATCH", "/api/v1/estimates/" + estimate, R"({"title":"x"})"},
          {"DELETE", "/api/v1/estimates/" + estimate, ""},
          {"POST", "/api/v1/estimates/" + estimate + "/send", ""},
          {"POST", "/api/v1/estimates/" + estimate + "/lines",
           R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,"unit_cost_cents":1})"},
          {"POST", "/api/v1/projects", R"({"number":"F-2","name":"x"})"},
          {"POST", "/api/v1/users",
           R"({"email":"x@example.com","role":"owner","password":"12345678"})"},
      }) {
    HttpResult r =
        body.empty() ? api.call(method, path, field) : api.send(method, path, field, body);
    INFO(method << " " << path << " -> " << r.body);
    CHECK(r.status == 403);
    CHECK(at(r, "error.code") == "forbidden");
  }
  CHECK(api.db.scalar("SELECT status || version FROM estimates WHERE id = " + estimate) ==
        "draft1");
}

TEST_CASE("owners manage users, a manager may not", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Users Org");
  std::string owner = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string manager = api.user_token(org, unique("manager") + "@example.com", "manager");
  std::string email = unique("new") + "@example.com";
  HttpResult created = api.send(
      "POST", "/api/v1/users", owner,
      R"({"email":")" + email + R"(","name":"New","role":"field","password":"long enough"})");
  REQUIRE(created.status == 201);
  CHECK(at(created, "password").empty());
  CHECK(api.send("POST", "/api/v1/users", owner,
                 R"({"email":")" + email + R"(","role":"field","password":"long enough"})")
            .status == 409);
  CHECK(api.send("PATCH", "/api/v1/users/" + at(created, "id"), manager, R"({"role":"owner"})")
            .status == 403);
  HttpResult login = api.send("POST", "/api/v1/auth/tokens", "",
                              R"({"email":")" + email + R"(","password":"long enough"})");
  CHECK(login.status == 201);
}

TEST_CASE("owners change the organisation's address with If-Match and every member reads it",
          "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Address Org");
  std::string owner = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  std::string other = api.user_token(unique("Address Other"), unique("o") + "@example.com", "owner");
  HttpResult read = api.call("GET", "/api/v1/organisation", field);
  REQUIRE(read.status == 200);
  CHECK(at(read, "name") == org);
  CHECK(at(read, "address").empty());
  std::string version = at(read, "version");

  HttpResult saved = api.send("PATCH", "/api/v1/organisation", owner,
                              R"({"address":"400 Oak Avenue\r\nSpringfield, IL 62701\n"})",
                              {{"If-Match", version}});
  REQUIRE(saved.status == 200);
  CHECK(at(saved, "address") == "400 Oak Avenue\nSpringfield, IL 62701");
  CHECK(at(saved, "version") == std::to_string(std::stoi(version) + 1));
  // The same If-Match again: stale.
  HttpResult stale = api.send("PATCH", "/api/v1/organisation", owner, R"({"address":"1 Old Road"})",
                              {{"If-Match", version}});
  CHECK(stale.status == 412);
  CHECK(at(stale, "error.code") == "stale_version");
  HttpResult too_long = api.send("PATCH", "/api/v1/organisation", owner,
                                 R"({"address":")" + std::string(1001, 'a') + R"("})");
  CHECK(too_long.status == 422);
  CHECK(at(too_long, "error.fields.address") == "must be at most 1000 characters");
  CHECK(at(api.send("PATCH", "/api/v1/organisation", owner, R"({"adress":"x"})"),
           "error.fields.adress") == "is not a field of this resource");
  CHECK(api.send("PATCH", "/api/v1/organisation", field, R"({"address":"x"})").status == 403);
  // Each organisation sees its own.
  CHECK(at(api.call("GET", "/api/v1/organisation", other), "address").empty());
  CHECK(at(api.call("GET", "/api/v1/organisation", owner), "address") ==
        "400 Oak Avenue\nSpringfield, IL 62701");
}

TEST_CASE("every 401 carries a Bearer challenge, with invalid_token for a bad token", "[process]") {
  ApiServer& api = shared_api_server();
  HttpResult none = api.call("GET", "/api/v1/me", "");
  CHECK(none.status == 401);
  CHECK(none.header("www-authenticate") == "Bearer realm=\"construction\"");
  HttpResult bad = api.call("GET", "/api/v1/projects", "cst_" + std::string(43, 'A'));
  CHECK(bad.status == 401);
  CHECK(bad.header("www-authenticate") == "Bearer realm=\"construction\", error=\"invalid_token\"");
  HttpResult wrong = api.send("POST", "/api/v1/auth/tokens", "",
                              R"({"email":"nobody@example.com","password":"whatever1"})");
  CHECK(wrong.status == 401);
  CHECK(wrong.header("www-authenticate").starts_with("Bearer realm=\"construction\""));
}

TEST_CASE("a deactivated user's tokens stay revoked when the user is reactivated", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Revive Org");
  std::string owner = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string email = unique("again") + "@example.com";
  std::string token = api.user_token(org, email, "manager", "long enough");
  std::string id = at(api.call("GET", "/api/v1/me", token), "user.id");
  SECTION("deactivated by DELETE") {
    CHECK(api.call("DELETE", "/api/v1/users/" + id, owner).status == 204);
  }
  SECTION("deactivated by PATCH") {
    CHECK(api.send("PATCH", "/api/v1/users/" + id, owner, R"({"active":false})").status == 200);
  }
  CHECK(api.send("PATCH", "/api/v1/users/" + id, owner, R"({"active":true})").status == 200);
  HttpResult old = api.call("GET", "/api/v1/me", token);
  CHECK(old.status == 401);
  CHECK(old.header("www-authenticate").find("invalid_token") != std::string::npos);
  CHECK(api.db.scalar("SELECT count(*) FROM api_tokens WHERE user_id = " + id +
                      " AND revoked_at IS NULL") == "0");
  HttpResult again = api.send("POST", "/api/v1/auth/tokens", "",
                              R"({"email":")" + email + R"(","password":"long enough"})");
  REQUIRE(again.status == 201);
  CHECK(api.call("GET", "/api/v1/me", at(again, "token")).status == 200);
}

TEST_CASE("a field user gets 403 on every billing route, reads included, and changes nothing",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  std::string org = at(expect(api, 200, "GET", "/api/v1/me", p.token), "organisation.name");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  BillingRecords r = billing_records(api, p);
  auto state = [&] {
    return api.db.scalar(
        "SELECT concat_ws(',', (SELECT string_agg(status || version, '' ORDER BY id) "
        "FROM change_orders WHERE project_id = " +
        p.id +
        "), "
        "(SELECT string_agg(status || version, '' ORDER BY id) FROM pay_applications "
        "WHERE project_id = " +
        p.id +
        "), (SELECT string_agg(status || version || paid_cents, "
        "'' ORDER BY id) FROM invoices WHERE project_id = " +
        p.id + "))");
  };
  std::string before = state();

  // Field users read projects and write tasks and daily logs (the flows'
  // tests); money is not theirs to see or change.
  for (const Probe& probe : billing_routes(p, r)) {
    HttpResult answer = probe.body.empty() ? api.call(probe.method, probe.path, field)
                                           : api.send(probe.method, probe.path, field, probe.body);
    INFO(probe.method << " " << probe.path << " -> " << answer.body);
    CHECK(answer.status == 403);
    CHECK(at(answer, "error.code") == "forbidden");
  }
  CHECK(state() == before);
}
