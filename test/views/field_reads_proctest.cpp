// What a field user sees on the pages: the dashboard, the project list, the
// project's header and the tabs they are offered show no amount (no "$"),
// as the API's project carries none for them; an owner's show every figure.
// Through the real server, as a browser without JavaScript sends them.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

const std::map<std::string, std::string> kHtmxTab = {{"HX-Request", "true"}, {"HX-Target", "tab"}};

// An active project with an accepted estimate of $12,345.60, through the pages.
std::string billed_project(PageClient& owner, const std::string& name) {
  REQUIRE(owner.get("/projects").status == 200);
  HttpResult project = owner.post(
      "/projects",
      {{"number", "M-" + std::to_string(std::rand())}, {"name", name}, {"status", "active"}});
  REQUIRE(project.status == 303);
  std::string id = id_after(project.header("location"), "/projects/");
  owner.get("/projects/" + id);
  HttpResult estimate = owner.post("/projects/" + id + "/estimates", {{"title", "Base bid"}});
  REQUIRE(estimate.status == 303);
  std::string e = id_after(estimate.header("location"), "/estimates/");
  owner.get("/estimates/" + e);
  REQUIRE(owner
              .post("/estimates/" + e + "/lines", {{"cost_code", "09-250"},
                                                   {"cost_type", "material"},
                                                   {"description", "Board"},
                                                   {"quantity", "10"},
                                                   {"unit_cost", "1234.56"}})
              .status == 303);
  REQUIRE(owner.post("/estimates/" + e + "/send", {{"to", "owner@example.com"}}).status == 303);
  REQUIRE(owner.post("/estimates/" + e + "/accept", {}).status == 303);
  return id;
}

bool shows(const HttpResult& page, const std::string& text) {
  return page.body.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("a field user's dashboard, project list and project header show no amount", "[process]") {
  std::string org = "Field money " + std::to_string(::getpid());
  PageClient owner = new_member(org, "owner");
  std::string project = billed_project(owner, "Harbour clinic");
  const std::string p = "/projects/" + project;
  PageClient field = new_member(org, "field");

  HttpResult dashboard = field.get("/");
  REQUIRE(dashboard.status == 200);
  CHECK(shows(dashboard, "Harbour clinic"));
  CHECK_FALSE(shows(dashboard, "$"));
  CHECK_FALSE(shows(dashboard, "Contract sum"));
  CHECK_FALSE(shows(dashboard, "Overdue invoices"));

  HttpResult list = field.get("/projects");
  REQUIRE(list.status == 200);
  CHECK(shows(list, "Harbour clinic"));
  CHECK_FALSE(shows(list, "$"));

  // The project opens on a tab the role opens, and offers only those.
  for (const std::string& path : {p, p + "/schedule", p + "/daily-logs"}) {
    INFO("GET " << path);
    HttpResult page = field.get(path);
    REQUIRE(page.status == 200);
    CHECK(shows(page, "Harbour clinic"));
    CHECK_FALSE(shows(page, "$"));
    CHECK_FALSE(shows(page, "Contract sum"));
    CHECK(shows(page, "href=\"" + p + "/schedule\""));
    CHECK(shows(page, "href=\"" + p + "/daily-logs\""));
    for (const char* tab : {"/estimates\"", "/change-orders\"", "/billing\"", "/budget\""})
      CHECK_FALSE(shows(page, "href=\"" + p + tab));
  }
  CHECK(shows(field.get(p), "aria-current=\"page\">Schedule"));
  // A commercial tab's address, typed in, says what is hidden and shows no amount.
  for (const std::string& path : {p + "/estimates", p + "/change-orders", p + "/billing"}) {
    INFO("GET " << path);
    for (const auto& headers : {std::map<std::string, std::string>{}, kHtmxTab}) {
      HttpResult tab = field.get(path, headers);
      CHECK(tab.status == 200);
      CHECK(shows(tab, "your role does not open them"));
      CHECK_FALSE(shows(tab, "$"));
    }
  }
}

TEST_CASE("an owner's dashboard, project list and project header show the figures", "[process]") {
  std::string org = "Owner money " + std::to_string(::getpid());
  PageClient owner = new_member(org, "owner");
  std::string project = billed_project(owner, "Harbour depot");
  const std::string p = "/projects/" + project;

  HttpResult dashboard = owner.get("/");
  CHECK(shows(dashboard, "Contract sum"));
  CHECK(shows(dashboard, "$12,345.60"));
  CHECK(shows(dashboard, "Overdue invoices"));
  CHECK(shows(owner.get("/projects"), "$12,345.60"));
  HttpResult header = owner.get(p);
  CHECK(shows(header, "Contract sum to date"));
  CHECK(shows(header, "$12,345.60"));
  CHECK(shows(header, "aria-current=\"page\">Estimates"));
  for (const char* tab : {"/estimates\"", "/change-orders\"", "/billing\"", "/budget\"",
                          "/schedule\"", "/daily-logs\""})
    CHECK(shows(header, "href=\"" + p + tab));
}
