// Daily logs over HTTP: one per project and day, crew rows written whole,
// read-only once submitted, written by a field user.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"

using namespace construction::testing;

TEST_CASE("one daily log per project and day, submitted logs are read-only", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Log Org");
  std::string token = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  std::string project = at(
      expect(api, 201, "POST", "/api/v1/projects", token, R"({"number":"L-1","name":"P"})"), "id");
  std::string sub = at(expect(api, 201, "POST", "/api/v1/parties", token,
                              R"({"kind":"subcontractor","name":"Brightline Electric"})"),
                       "id");
  std::string logs = "/api/v1/projects/" + project + "/daily-logs";

  HttpResult log = expect(api, 201, "POST", logs, field,
                          R"({"log_date":"2026-03-02","weather":"Rain","temp_high_c":9,
                              "temp_low_c":3,"work_performed":"Demolition of the kitchen",
                              "crew":[{"trade":"Carpenters","headcount":3,"hours":"22.5"},
                                      {"party_id":)" +
                              sub + R"(,"trade":"Electricians",
                                       "headcount":2,"hours":16}]})");
  std::string id = at(log, "id");
  CHECK(at(log, "status") == "draft");
  CHECK(at(log, "crew.0.hours") == "22.5");
  CHECK(at(log, "crew.1.party_id") == sub);
  CHECK(at(log, "crew.1.hours") == "16");

  HttpResult second = expect(api, 409, "POST", logs, token, R"({"log_date":"2026-03-02"})");
  CHECK(at(second, "error.code") == "conflict");
  std::string next =
      at(expect(api, 201, "POST", logs, token, R"({"log_date":"2026-03-03"})"), "id");
  // Moving a log onto a day that has one is the same conflict.
  expect(api, 409, "PATCH", "/api/v1/daily-logs/" + next, token, R"({"log_date":"2026-03-02"})");

  HttpResult bad = expect(api, 422, "PATCH", "/api/v1/daily-logs/" + id, token,
                          R"({"temp_high_c":2,"temp_low_c":5,
                              "crew":[{"trade":"","headcount":0,"hours":"30"}]})");
  for (const char* f : {"temp_low_c", "crew[0].trade", "crew[0].headcount"})
    CHECK(!field_error(bad, f).empty());

  HttpResult crew = expect(api, 200, "PATCH", "/api/v1/daily-logs/" + id, field,
                           R"({"delays":"Inspector late","crew":[{"trade":"Laborers",
                               "headcount":1,"hours":8}]})");
  CHECK(at(crew, "crew.0.trade") == "Laborers");
  CHECK(at(crew, "crew.1.trade").empty());
  CHECK(at(crew, "work_performed") == "Demolition of the kitchen");

  CHECK(at(expect(api, 200, "POST", "/api/v1/daily-logs/" + id + "/submit", field), "status") ==
        "submitted");
  CHECK(at(expect(api, 409, "PATCH", "/api/v1/daily-logs/" + id, token, R"({"weather":"Sun"})"),
           "error.code") == "invalid_state");
  expect(api, 409, "POST", "/api/v1/daily-logs/" + id + "/submit", token);
  expect(api, 409, "DELETE", "/api/v1/daily-logs/" + id, token);
  CHECK(at(expect(api, 200, "GET", logs, field), "data.0.log_date") == "2026-03-02");
}
