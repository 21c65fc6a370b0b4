// The task form of the Schedule tab refuses a date outside ten years either
// side of today (a mistyped year) beside the field, with the rule the API
// uses (operations::check_task_dates), and keeps nothing.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

TEST_CASE("the Schedule tab refuses a task dated 0001 or 2206 beside the field", "[process]") {
  PageServer& server = shared_page_server();
  std::string org = "Window crew " + std::to_string(::getpid());
  PageClient owner = new_member(org, "owner");
  REQUIRE(owner.get("/projects").status == 200);
  HttpResult project =
      owner.post("/projects", {{"number", "W-" + std::to_string(std::rand())}, {"name", "Pier"}});
  REQUIRE(project.status == 303);
  const std::string p = "/projects/" + id_after(project.header("location"), "/projects/");
  PageClient field = new_member(org, "field");
  REQUIRE(field.get(p + "/schedule").status == 200);
  std::string before = server.db.scalar("SELECT count(*) FROM tasks");
  for (const auto& [start, end, refused] :
       {std::tuple{"0001-01-01", "2026-12-04", "Start must be between "},
        std::tuple{"2026-12-01", "2206-12-04", "Finish must be between "}}) {
    INFO(start << " to " << end);
    HttpResult answer = field.post(p + "/tasks", {{"name", "Typo"},
                                                  {"start_date", start},
                                                  {"end_date", end},
                                                  {"percent_complete", "0"},
                                                  {"predecessor_id", ""}});
    CHECK(answer.status == 422);
    CHECK(answer.body.find(refused) != std::string::npos);
    CHECK(answer.body.find("value=\"Typo\"") != std::string::npos);
  }
  CHECK(server.db.scalar("SELECT count(*) FROM tasks") == before);
}
