// The Schedule and Daily logs tabs through the real server, as a browser
// without JavaScript (and htmx, by its headers) would use them: a field user
// keeps the schedule and the day's log and is refused the commercial pages;
// another organisation's ids are 404; a POST without the CSRF token is 403;
// what people type comes back escaped; and every page and fragment these
// tabs answer is valid HTML5 (html-validate, the browser test's rules).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "test/support/command.hpp"
#include "test/support/page_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

const std::map<std::string, std::string> kHtmxTab = {{"HX-Request", "true"}, {"HX-Target", "tab"}};

std::string make_project(PageClient& owner, const std::string& name) {
  REQUIRE(owner.get("/projects").status == 200);
  HttpResult project =
      owner.post("/projects", {{"number", "F-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  return id_after(project.header("location"), "/projects/");
}

// The number after the last `marker` in `body` ("id=\"task-" → "12").
std::string last_id(const std::string& body, const std::string& marker) {
  auto at = body.rfind(marker);
  REQUIRE(at != std::string::npos);
  at += marker.size();
  return body.substr(at, body.find_first_not_of("0123456789", at) - at);
}

std::map<std::string, std::string> task(const std::string& name, const std::string& start,
                                        const std::string& end, const std::string& after = "") {
  return {{"name", name},
          {"start_date", start},
          {"end_date", end},
          {"percent_complete", "40"},
          {"predecessor_id", after}};
}

std::map<std::string, std::string> daily_log(const std::string& day, const std::string& text,
                                             const std::string& then = "save") {
  return {{"log_date", day},
          {"weather", text},
          {"temp_high_c", "12"},
          {"temp_low_c", "3"},
          {"work_performed", text},
          {"delays", "Inspection moved to Friday"},
          {"crew_0_trade", text},
          {"crew_0_headcount", "4"},
          {"crew_0_hours", "32"},
          {"crew_1_trade", "Electrical"},
          {"crew_1_headcount", "2"},
          {"crew_1_hours", "15.5"},
          {"then", then}};
}

struct FieldRecords {
  std::string task, log;
};

// A task and the daily log of `day` on `project`, through the pages.
FieldRecords make_field_records(PageClient& client, const std::string& project,
                                const std::string& day) {
  const std::string p = "/projects/" + project;
  FieldRecords r;
  REQUIRE(client.post(p + "/tasks", task("Pour footings", day, day)).status == 303);
  r.task = last_id(client.get(p + "/schedule").body, "id=\"task-");
  REQUIRE(client.post(p + "/daily-logs", daily_log(day, "A's day")).status == 303);
  r.log = last_id(client.get(p + "/daily-logs?date=" + day).body, "action=\"/daily-logs/");
  return r;
}

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM tasks), "
      "(SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || "
      "coalesce(string_agg(status, '' ORDER BY id), '') FROM daily_logs), "
      "(SELECT count(*) FROM daily_log_crew), (SELECT count(*) FROM estimates), "
      "(SELECT count(*) FROM parties), (SELECT count(*) FROM projects))");
}

}  // namespace

TEST_CASE("a field user keeps the schedule and the daily log and is refused commercial actions",
          "[process]") {
  PageServer& server = shared_page_server();
  std::string org = "Field crew " + std::to_string(::getpid());
  PageClient owner = new_member(org, "owner");
  std::string project = make_project(owner, "Clinic fit-out");
  HttpResult estimate = owner.post("/projects/" + project + "/estimates", {{"title", "Base bid"}});
  REQUIRE(estimate.status == 303);
  std::string estimate_id = id_after(estimate.header("location"), "/estimates/");
  PageClient field = new_member(org, "field");
  const std::string p = "/projects/" + project;

  // Two tasks, the second following the first.
  REQUIRE(field.get(p + "/schedule").status == 200);
  CHECK(field.get(p + "/schedule").body.find("No tasks yet") != std::string::npos);
  HttpResult first = field.post(p + "/tasks", task("Demolition", "2026-11-30", "2026-12-04"));
  CHECK(first.status == 303);
  CHECK(first.header("location") == p + "/schedule");
  std::string first_id = last_id(field.get(p + "/schedule").body, "id=\"task-");
  HttpResult second = field.post(
      p + "/tasks", task("Framing", "2026-12-07", "2026-12-18", first_id), true, kHtmxTab);
  CHECK(second.status == 200);
  CHECK(second.body.find("Task added: Framing.") != std::string::npos);
  HttpResult schedule = field.get(p + "/schedule");
  std::string second_id = last_id(schedule.body, "id=\"task-");
  CHECK(schedule.body.find("<td data-label=\"Follows\">Demolition</td>") != std::string::npos);
  CHECK(schedule.body.find("class=\"today\"") != std::string::npos);
  CHECK(schedule.body.find("Nov 30, 2026") != std::string::npos);

  // The first may not follow the second: a cycle, refused beside the field.
  field.get("/tasks/" + first_id + "/edit", {{"HX-Request", "true"}});
  auto cycle = task("Demolition and haul-off", "2026-11-30", "2026-12-04", second_id);
  cycle["version"] = "1";
  HttpResult refused = field.post("/tasks/" + first_id, cycle, true, {{"HX-Request", "true"}});
  CHECK(refused.status == 422);
  CHECK(refused.header("hx-retarget") == "#task-" + first_id);
  CHECK(refused.body.find("Follows: would make the task follow itself") != std::string::npos);
  CHECK(refused.body.find("value=\"Demolition and haul-off\"") != std::string::npos);
  cycle["predecessor_id"] = "";
  CHECK(field.post("/tasks/" + first_id, cycle).status == 303);
  CHECK(field.get(p + "/schedule").body.find("Demolition and haul-off") != std::string::npos);
  // A task another follows stays; the one that follows goes.
  std::string tasks_before = counts(server);
  HttpResult followed =
      field.post("/tasks/" + first_id + "/delete", {}, true, {{"HX-Request", "true"}});
  CHECK(followed.status == 409);
  CHECK(followed.body.find("Other tasks follow this one") != std::string::npos);
  CHECK(counts(server) == tasks_before);
  CHECK(field.post("/tasks/" + second_id + "/delete", {}).status == 303);
  CHECK(field.get(p + "/schedule").body.find("Framing") == std::string::npos);

  // A daily log with two crew rows, saved, then submitted: read-only.
  CHECK(field.post(p + "/daily-logs", daily_log("2026-12-01", "Sunny")).status == 303);
  HttpResult day = field.get(p + "/daily-logs?date=2026-12-01");
  CHECK(day.body.find("value=\"Electrical\"") != std::string::npos);
  std::string log_id = last_id(day.body, "action=\"/daily-logs/");
  auto submit = daily_log("2026-12-01", "Sunny", "submit");
  submit["version"] = "1";
  HttpResult submitted = field.post("/daily-logs/" + log_id, submit, true, kHtmxTab);
  CHECK(submitted.status == 200);
  CHECK(submitted.body.find("submitted: it is read-only now") != std::string::npos);
  CHECK(submitted.body.find("this log is read-only") != std::string::npos);
  CHECK(submitted.body.find("<form id=\"daily-log\"") == std::string::npos);
  // 32 + 15.5 hours.
  CHECK(submitted.body.find("<span id=\"crew-hours\">47.5</span>") != std::string::npos);
  // Once submitted, it does not change.
  CHECK(field.post("/daily-logs/" + log_id, submit).status == 409);
  // A second log for the same day: 409, said so, the filed one shown.
  std::string before = counts(server);
  HttpResult twice = field.post(p + "/daily-logs", daily_log("2026-12-01", "Rain"), true, kHtmxTab);
  CHECK(twice.status == 409);
  CHECK(twice.body.find("A daily log for Tuesday, Dec 1, 2026 was already filed") !=
        std::string::npos);
  CHECK(twice.body.find("this log is read-only") != std::string::npos);
  CHECK(counts(server) == before);

  // Commercial actions are not a field user's: 403, nothing done.
  CHECK(field.post(p + "/estimates", {{"title", "Field bid"}}).status == 403);
  CHECK(field.get("/estimates/" + estimate_id).status == 403);
  CHECK(field.post("/estimates/" + estimate_id + "/send", {}).status == 403);
  CHECK(field.post("/projects", {{"number", "F-9"}, {"name", "Mine"}}).status == 403);
  CHECK(field.post("/parties", {{"kind", "vendor"}, {"name", "Mine"}}).status == 403);
  CHECK(field.get("/parties").status == 403);
  CHECK(counts(server) == before);
}

TEST_CASE("the field tabs answer 404 for another organisation's ids and change nothing",
          "[process]") {
  PageServer& server = shared_page_server();
  PageClient a = new_member("Tenant FA " + std::to_string(::getpid()), "owner");
  std::string project = make_project(a, "A's job");
  const std::string p = "/projects/" + project;
  auto [task_id, log_id] = make_field_records(a, project, "2026-12-01");
  PageClient b = new_member("Tenant FB " + std::to_string(::getpid()), "owner");
  REQUIRE(b.post("/parties", {{"kind", "subcontractor"}, {"name", "B's own framers"}}).status ==
          303);
  // A's crew rows offer A's companies only.
  CHECK(a.get(p + "/daily-logs?date=2026-12-09").body.find("B&apos;s own framers") ==
        std::string::npos);
  CHECK(b.get("/projects/" + make_project(b, "B's job") + "/daily-logs")
            .body.find("B&apos;s own framers") != std::string::npos);
  std::string before = counts(server);

  for (const std::string& path : {p + "/schedule", p + "/schedule?edit=" + task_id,
                                  p + "/daily-logs", p + "/daily-logs?date=2026-12-01",
                                  p + "/daily-logs/crew-row?n=3", "/tasks/" + task_id + "/edit"}) {
    INFO("GET " << path);
    CHECK(b.get(path).status == 404);
    CHECK(b.get(path, kHtmxTab).status == 404);
  }
  for (const std::string& path :
       {p + "/tasks", "/tasks/" + task_id, "/tasks/" + task_id + "/delete", p + "/daily-logs",
        "/daily-logs/" + log_id}) {
    INFO("POST " << path);
    auto fields = task("Taken over", "2026-12-01", "2026-12-02");
    fields.merge(daily_log("2026-12-03", "Taken over"));
    CHECK(b.post(path, fields).status == 404);
  }
  CHECK(counts(server) == before);
  CHECK(a.get(p + "/daily-logs?date=2026-12-01").body.find("A&apos;s day") != std::string::npos);
}

TEST_CASE("the field tabs refuse a POST without the CSRF token and change nothing", "[process]") {
  PageServer& server = shared_page_server();
  std::string org = "CSRF field " + std::to_string(::getpid());
  PageClient owner = new_member(org, "owner");
  std::string project = make_project(owner, "Guarded job");
  PageClient user = new_member(org, "field");
  const std::string p = "/projects/" + project;
  auto [task_id, log_id] = make_field_records(user, project, "2026-12-02");
  std::string before = counts(server);
  for (const auto& [path, fields] :
       std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
           {p + "/tasks", task("Sneaky", "2026-12-01", "2026-12-02")},
           {"/tasks/" + task_id, task("Sneaky", "2026-12-01", "2026-12-02")},
           {"/tasks/" + task_id + "/delete", {}},
           {p + "/daily-logs", daily_log("2026-12-05", "Sneaky")},
           {"/daily-logs/" + log_id, daily_log("2026-12-02", "Sneaky", "submit")}}) {
    INFO(path);
    CHECK(user.post(path, fields, false).status == 403);
    auto forged = fields;
    forged["csrf_token"] = std::string(64, 'a');
    CHECK(user.post(path, forged, false, kHtmxTab).status == 403);
  }
  CHECK(counts(server) == before);
}

TEST_CASE("the field tabs show what people type escaped, and every answer is valid HTML",
          "[process]") {
  PageClient user = new_member("Escaping field " + std::to_string(::getpid()), "owner");
  const std::string hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
  REQUIRE(user.post("/parties", {{"kind", "subcontractor"}, {"name", hostile}}).status == 303);
  std::string project = make_project(user, hostile);
  const std::string p = "/projects/" + project;
  std::vector<std::pair<std::string, std::string>> answers;
  auto keep = [&](const std::string& what, const HttpResult& result) {
    INFO(what);
    CHECK(result.body.find("<script>alert") == std::string::npos);
    CHECK(result.body.find("<img src=x") == std::string::npos);
    answers.emplace_back(what, result.body);
    return result;
  };

  keep("empty schedule", user.get(p + "/schedule"));
  keep("empty schedule tab", user.get(p + "/schedule", kHtmxTab));
  keep("empty daily logs", user.get(p + "/daily-logs"));
  keep("task refused",
       user.post(p + "/tasks", task(hostile, "2026-12-09", "2026-12-01"), true, kHtmxTab));
  REQUIRE(user.post(p + "/tasks", task(hostile, "2026-11-20", "2026-12-24")).status == 303);
  std::string first = last_id(user.get(p + "/schedule").body, "id=\"task-");
  keep("task added", user.post(p + "/tasks", task("Second", "", "", first), true, kHtmxTab));
  std::string second = last_id(user.get(p + "/schedule").body, "id=\"task-");
  keep("schedule", user.get(p + "/schedule"));
  keep("schedule editing", user.get(p + "/schedule?edit=" + first));
  keep("task edit row", user.get("/tasks/" + first + "/edit", {{"HX-Request", "true"}}));
  auto cycle = task(hostile, "2026-11-20", "2026-12-24", second);
  keep("cycle refused", user.post("/tasks/" + first, cycle, true, {{"HX-Request", "true"}}));
  keep("cycle refused page", user.post("/tasks/" + first, cycle));

  std::string party = last_id(user.get("/parties").body, "id=\"party-");
  auto log = daily_log("2026-12-01", hostile);
  log["crew_0_party_id"] = party;
  keep("crew row", user.get(p + "/daily-logs/crew-row?n=2", {{"HX-Request", "true"}}));
  auto bad = log;
  bad["crew_1_hours"] = "49";
  bad["temp_low_c"] = "20";
  HttpResult refused = keep("log refused", user.post(p + "/daily-logs", bad, true, kHtmxTab));
  CHECK(refused.status == 422);
  CHECK(refused.body.find("Hours must be at most 24 hours per head") != std::string::npos);
  CHECK(refused.body.find("Low must not be above the high") != std::string::npos);
  CHECK(refused.body.find("value=\"49\"") != std::string::npos);
  keep("log saved", user.post(p + "/daily-logs", log, true, kHtmxTab));
  keep("draft log", user.get(p + "/daily-logs?date=2026-12-01"));
  std::string log_id =
      last_id(user.get(p + "/daily-logs?date=2026-12-01").body, "action=\"/daily-logs/");
  log["then"] = "submit";
  keep("log submitted", user.post("/daily-logs/" + log_id, log, true, kHtmxTab));
  HttpResult filed = keep("submitted log", user.get(p + "/daily-logs?date=2026-12-01"));
  CHECK(filed.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(filed.body.find("&quot;&gt;&lt;img src=x") != std::string::npos);
  keep("second log refused",
       user.post(p + "/daily-logs", daily_log("2026-12-01", "Again"), true, kHtmxTab));
  keep("other day", user.get(p + "/daily-logs?date=2026-12-02", kHtmxTab));
  keep("schedule at the end", user.get(p + "/schedule"));

  CHECK(invalid_html(answers) == "");
}
