// Tasks over HTTP: dates, an assignee, predecessors of the same project only,
// a cycle refused naming predecessor_id, a field user writing the schedule.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"

using namespace construction::testing;

TEST_CASE("tasks follow predecessors of their own project, never in a cycle", "[process]") {
  ApiServer& api = shared_api_server();
  std::string org = unique("Schedule Org");
  std::string token = api.user_token(org, unique("owner") + "@example.com", "owner");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  std::string project = at(
      expect(api, 201, "POST", "/api/v1/projects", token, R"({"number":"T-1","name":"P"})"), "id");
  std::string other = at(
      expect(api, 201, "POST", "/api/v1/projects", token, R"({"number":"T-2","name":"Q"})"), "id");
  std::string sub = at(expect(api, 201, "POST", "/api/v1/parties", token,
                              R"({"kind":"subcontractor","name":"Summit Drywall"})"),
                       "id");
  std::string tasks = "/api/v1/projects/" + project + "/tasks";

  HttpResult demo = expect(api, 201, "POST", tasks, field,
                           R"({"name":"Demolition","start_date":"2026-03-02",
                               "end_date":"2026-03-04","assignee_party_id":)" +
                               sub + "}");
  std::string a = at(demo, "id");
  CHECK(at(demo, "percent_complete") == "0");
  CHECK(at(demo, "assignee_party_id") == sub);
  std::string b =
      at(expect(api, 201, "POST", tasks, token, R"({"name":"Framing","predecessor_id":)" + a + "}"),
         "id");
  std::string c =
      at(expect(api, 201, "POST", tasks, token, R"({"name":"Drywall","predecessor_id":)" + b + "}"),
         "id");

  // a -> b -> c; a following c would close the loop; a following itself too.
  HttpResult cycle =
      expect(api, 422, "PATCH", "/api/v1/tasks/" + a, token, R"({"predecessor_id":)" + c + "}");
  CHECK(!at(cycle, "error.fields.predecessor_id").empty());
  expect(api, 422, "PATCH", "/api/v1/tasks/" + a, token, R"({"predecessor_id":)" + a + "}");
  // Another project's task is not a predecessor here.
  std::string elsewhere = at(expect(api, 201, "POST", "/api/v1/projects/" + other + "/tasks", token,
                                    R"({"name":"Elsewhere"})"),
                             "id");
  HttpResult foreign = expect(api, 422, "PATCH", "/api/v1/tasks/" + c, token,
                              R"({"predecessor_id":)" + elsewhere + "}");
  CHECK(!at(foreign, "error.fields.predecessor_id").empty());

  HttpResult bad = expect(api, 422, "POST", tasks, token,
                          R"({"name":"","start_date":"2026-03-05","end_date":"2026-03-01",
                              "percent_complete":101,"colour":"red"})");
  for (const char* f : {"name", "end_date", "percent_complete", "colour"})
    CHECK(!at(bad, std::string("error.fields.") + f).empty());

  HttpResult moved = expect(api, 200, "PATCH", "/api/v1/tasks/" + c, field,
                            R"({"percent_complete":40,"predecessor_id":null})");
  CHECK(at(moved, "percent_complete") == "40");
  CHECK(at(moved, "predecessor_id") == "null");
  // b is followed by nobody now, a by b: a cannot go, c can.
  CHECK(expect(api, 409, "DELETE", "/api/v1/tasks/" + a, token).status == 409);
  expect(api, 204, "DELETE", "/api/v1/tasks/" + c, token);
  CHECK(at(expect(api, 200, "GET", tasks, field), "data.1.name") == "Framing");
}
