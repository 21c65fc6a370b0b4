// The estimate's life over HTTP against the real server: a client, a
// project, an estimate built line by line with figures checked against a
// hand calculation, send, accept, the schedule of values and the contract
// sum; then what must be refused afterwards.
#include <catch2/catch.hpp>

#include "test/support/api_server.hpp"

using namespace construction::testing;

namespace {

struct Project {
  std::string token;
  std::string id;
};

Project new_project(ApiServer& api) {
  std::string token = api.user_token(unique("Builders"), unique("owner") + "@example.com", "owner");
  HttpResult client = api.send("POST", "/api/v1/parties", token,
                               R"({"kind":"client","name":"Ada Smith","email":"ada@example.com"})");
  REQUIRE(client.status == 201);
  HttpResult project = api.send(
      "POST", "/api/v1/projects", token,
      R"({"number":"2026-014","name":"Kitchen remodel","client_id":)" + at(client, "id") + "}");
  INFO(project.body);
  REQUIRE(project.status == 201);
  CHECK(project.header("location") == "/api/v1/projects/" + at(project, "id"));
  return {token, at(project, "id")};
}

std::string add_line(ApiServer& api, const Project& p, const std::string& estimate,
                     const std::string& json) {
  HttpResult line = api.send("POST", "/api/v1/estimates/" + estimate + "/lines", p.token, json);
  INFO(line.body);
  REQUIRE(line.status == 201);
  return line.body;
}

}  // namespace

TEST_CASE("an estimate built line by line is priced, sent, accepted and scheduled", "[process]") {
  ApiServer& api = shared_api_server();
  Project p = new_project(api);
  HttpResult created = api.send("POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
                                R"({"title":"Kitchen","tax_bps":825})");
  REQUIRE(created.status == 201);
  std::string id = at(created, "id");
  CHECK(at(created, "status") == "draft");
  CHECK(at(created, "number") == "EST-001");

  // Line 1: 12.5 hr x $45.00 = $562.50 cost; x 1.35 = 759.375 -> $759.38 (half away from zero).
  std::string l1 =
      add_line(api, p, id,
               R"({"cost_code":"09-250","cost_type":"labor","description":"Hang drywall",
          "quantity":12.5,"unit":"hr","unit_cost_cents":4500,"markup_bps":3500})");
  CHECK(at(json_of({.body = l1}), "cost_cents") == "56250");
  CHECK(at(json_of({.body = l1}), "price_cents") == "75938");
  CHECK(at(json_of({.body = l1}), "quantity") == "12.5");
  // Line 2: 3.125 x 999 = 3121.875 -> 3122 cost; x 1.20 = 3746.4 -> 3746 price; taxable.
  std::string l2 = add_line(api, p, id,
                            R"({"cost_code":"06-100","cost_type":"material","description":"Lumber",
          "quantity":"3.125","unit_cost_cents":999,"markup_bps":2000,"taxable":true})");
  CHECK(at(json_of({.body = l2}), "cost_cents") == "3122");
  CHECK(at(json_of({.body = l2}), "price_cents") == "3746");
  // Line 3: 40 x 1250 = 50000 cost; x 1.25 = 62500 price; taxable.
  add_line(api, p, id,
           R"({"cost_code":"09-250","cost_type":"material","description":"Drywall sheets",
          "quantity":"40","unit":"ea","unit_cost_cents":1250,"markup_bps":2500,"taxable":true})");

  // cost     = 56250 + 3122 + 50000             = 109372
  // subtotal = 75938 + 3746 + 62500             = 142184
  // tax      = round((3746 + 62500) x 825 / 10000) = round(5465.295) = 5465
  // total    = 142184 + 5465                    = 147649
  // margin   = round((142184 - 109372) x 10000 / 142184) = round(2307.71) = 2308
  HttpResult estimate = api.call("GET", "/api/v1/estimates/" + id, p.token);
  REQUIRE(estimate.status == 200);
  CHECK(at(estimate, "cost_cents") == "109372");
  CHECK(at(estimate, "subtotal_cents") == "142184");
  CHECK(at(estimate, "tax_cents") == "5465");
  CHECK(at(estimate, "total_cents") == "147649");
  CHECK(at(estimate, "margin_bps") == "2308");
  CHECK(at(estimate, "lines.2.description") == "Drywall sheets");

  HttpResult early = api.call("POST", "/api/v1/estimates/" + id + "/accept", p.token);
  CHECK(early.status == 409);
  CHECK(at(early, "error.code") == "invalid_state");

  REQUIRE(api.call("POST", "/api/v1/estimates/" + id + "/send", p.token).status == 200);
  HttpResult accepted = api.call("POST", "/api/v1/estimates/" + id + "/accept", p.token);
  REQUIRE(accepted.status == 200);
  CHECK(at(accepted, "status") == "accepted");

  // One line per cost code in cost-code order, then the tax on its own line:
  // 06-100 = 3746; 09-250 = 75938 + 62500 = 138438; tax 5465; sum 147649.
  HttpResult sov = api.call("GET", "/api/v1/projects/" + p.id + "/schedule-of-values", p.token);
  REQUIRE(sov.status == 200);
  CHECK(at(sov, "data.0.item_no") == "1");
  CHECK(at(sov, "data.0.description") == "06-100 Lumber");
  CHECK(at(sov, "data.0.scheduled_value_cents") == "3746");
  CHECK(at(sov, "data.1.description") == "09-250 Hang drywall; Drywall sheets");
  CHECK(at(sov, "data.1.scheduled_value_cents") == "138438");
  CHECK(at(sov, "data.2.description") == "Sales tax");
  CHECK(at(sov, "data.2.scheduled_value_cents") == "5465");
  CHECK(at(sov, "data.3.id").empty());
  CHECK(at(sov, "total_cents") == "147649");

  HttpResult project = api.call("GET", "/api/v1/projects/" + p.id, p.token);
  CHECK(at(project, "financials.original_contract_sum_cents") == "147649");
  CHECK(at(project, "financials.contract_sum_to_date_cents") == "147649");
  CHECK(at(project, "financials.balance_to_finish_cents") == "147649");
  CHECK(at(project, "financials.billed_to_date_cents") == "0");

  SECTION("an accepted estimate cannot be edited") {
    HttpResult patch = api.send("PATCH", "/api/v1/estimates/" + id, p.token, R"({"title":"x"})");
    CHECK(patch.status == 409);
    CHECK(at(patch, "error.code") == "invalid_state");
    HttpResult line = api.send(
        "POST", "/api/v1/estimates/" + id + "/lines", p.token,
        R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,"unit_cost_cents":1})");
    CHECK(line.status == 409);
    CHECK(api.call("DELETE", "/api/v1/estimates/" + id, p.token).status == 409);
  }
  SECTION("a second accepted estimate on the project is a conflict") {
    HttpResult second = api.send("POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
                                 R"({"title":"Alternate","lines":[{"cost_code":"01-100",
                                     "cost_type":"other","description":"d","quantity":1,
                                     "unit_cost_cents":100}]})");
    REQUIRE(second.status == 201);
    std::string other = at(second, "id");
    CHECK(at(second, "number") == "EST-002");
    REQUIRE(api.call("POST", "/api/v1/estimates/" + other + "/send", p.token).status == 200);
    HttpResult refused = api.call("POST", "/api/v1/estimates/" + other + "/accept", p.token);
    CHECK(refused.status == 409);
    CHECK(at(refused, "error.code") == "conflict");
    CHECK(at(api.call("GET", "/api/v1/estimates/" + other, p.token), "status") == "sent");
    CHECK(api.db.scalar("SELECT count(*) FROM schedule_of_values_lines WHERE project_id = " +
                        p.id) == "3");
  }
}

TEST_CASE("revise makes a draft copy of a sent estimate's lines, PATCH honours If-Match",
          "[process]") {
  ApiServer& api = shared_api_server();
  Project p = new_project(api);
  HttpResult created = api.send(
      "POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
      R"({"title":"Bath","lines":[{"cost_code":"01-100","cost_type":"other","description":"Permit",
          "quantity":1,"unit_cost_cents":35000}]})");
  REQUIRE(created.status == 201);
  std::string id = at(created, "id");
  CHECK(at(created, "total_cents") == "35000");
  CHECK(at(created, "version") == "1");

  HttpResult stale = api.send("PATCH", "/api/v1/estimates/" + id, p.token, R"({"notes":"n"})",
                              {{"If-Match", "\"7\""}});
  CHECK(stale.status == 412);
  HttpResult fresh = api.send("PATCH", "/api/v1/estimates/" + id, p.token,
                              R"({"notes":"n","tax_bps":1000})", {{"If-Match", "1"}});
  REQUIRE(fresh.status == 200);
  CHECK(at(fresh, "version") == "2");
  CHECK(at(fresh, "tax_cents") == "0");  // the permit is not taxable

  REQUIRE(api.call("POST", "/api/v1/estimates/" + id + "/send", p.token).status == 200);
  HttpResult revised = api.call("POST", "/api/v1/estimates/" + id + "/revise", p.token);
  REQUIRE(revised.status == 200);
  CHECK(at(revised, "status") == "draft");
  CHECK(at(revised, "revision") == "2");
  CHECK(at(revised, "revised_from_id") == id);
  CHECK(at(revised, "lines.0.price_cents") == "35000");
  CHECK(at(revised, "id") != id);
  HttpResult old = api.call("POST", "/api/v1/estimates/" + id + "/accept", p.token);
  CHECK(old.status == 409);
  CHECK(at(old, "error.code") == "invalid_state");
}

TEST_CASE("an estimate without lines cannot be sent", "[process]") {
  ApiServer& api = shared_api_server();
  Project p = new_project(api);
  HttpResult empty = api.send("POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
                              R"({"title":"Nothing priced yet"})");
  REQUIRE(empty.status == 201);
  HttpResult refused = api.call("POST", "/api/v1/estimates/" + at(empty, "id") + "/send", p.token);
  CHECK(refused.status == 409);
  CHECK(at(refused, "error.code") == "invalid_state");
  CHECK(at(api.call("GET", "/api/v1/estimates/" + at(empty, "id"), p.token), "status") == "draft");
}
