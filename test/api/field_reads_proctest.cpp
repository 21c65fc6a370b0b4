// What a field user reads over the API: projects, tasks and daily logs, and
// no money in any of them (DESIGN.md, "What a field user sees"). An owner
// reading the same routes still gets every figure.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"

using namespace construction::testing;

namespace {

const std::string kLines =
    R"([{"cost_code":"09-250","cost_type":"material","description":"Board","quantity":10,"unit_cost_cents":123456}])";

// A token of a new field user of `p`'s organisation.
std::string field_user(ApiServer& api, const ApiProject& p) {
  std::string org = api.db.scalar(
      "SELECT o.name FROM organisations o JOIN projects p ON p.org_id = o.id WHERE p.id = " + p.id);
  return api.user_token(org, unique("field") + "@example.com", "field");
}

}  // namespace

TEST_CASE("a field user's project has no financials and no contract sum, and is otherwise whole",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string field = field_user(api, p);
  const std::string project = "/api/v1/projects/" + p.id;

  HttpResult owners = expect(api, 200, "GET", project, p.token);
  CHECK(at(owners, "financials.contract_sum_to_date_cents") == "1234560");
  CHECK(at(owners, "original_contract_sum_cents") == "1234560");

  HttpResult seen = expect(api, 200, "GET", project, field);
  INFO(seen.body);
  CHECK(seen.body.find("financials") == std::string::npos);
  CHECK(seen.body.find("_cents") == std::string::npos);
  for (const char* key : {"id", "number", "name", "site_address", "status", "contract_type",
                          "start_date", "completion_date", "version", "created_at", "updated_at"})
    CHECK(json_of(seen).member(key) != nullptr);
  CHECK(at(seen, "name") == "Office fit-out");
  CHECK(at(seen, "version") == at(owners, "version"));

  HttpResult list = expect(api, 200, "GET", "/api/v1/projects", field);
  CHECK(at(list, "data.0.id") == p.id);
  CHECK(at(list, "data.0.name") == "Office fit-out");
  CHECK(list.body.find("financials") == std::string::npos);
  CHECK(list.body.find("_cents") == std::string::npos);
  CHECK(at(expect(api, 200, "GET", "/api/v1/projects", p.token),
           "data.0.financials.contract_sum_to_date_cents") == "1234560");
}

TEST_CASE("every route a field user may read carries no amount", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  std::string field = field_user(api, p);
  for (const std::string& path : {std::string("/api/v1/projects"), "/api/v1/projects/" + p.id,
                                  "/api/v1/projects/" + p.id + "/tasks", "/api/v1/tasks/" + r.task,
                                  "/api/v1/projects/" + p.id + "/daily-logs",
                                  "/api/v1/daily-logs/" + r.log, std::string("/api/v1/me")}) {
    HttpResult read = expect(api, 200, "GET", path, field);
    INFO("GET " << path << " -> " << read.body);
    CHECK(read.body.find("_cents") == std::string::npos);
    CHECK(read.body.find("_bps") == std::string::npos);
  }
}
