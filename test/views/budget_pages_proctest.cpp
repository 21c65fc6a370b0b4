// The Budget tab's promises a browser test cannot show well: tenancy (404
// for another organisation's project on every budget page and action),
// CSRF (403, nothing changed), escaping of what people typed, the field
// role's 403, valid HTML5 for every page and fragment, and the CSV route's
// header and figures. Through the real server, as a browser without
// JavaScript (or htmx, with its headers) would send them.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test/support/command.hpp"
#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kAttribute = "\"><img src=x onerror=alert(1)>";

// The party added last (each test adds its own, one at a time).
std::string last_party(PageServer& server) {
  return server.db.scalar("SELECT max(id)::text FROM parties WHERE kind = 'subcontractor'");
}

struct Job {
  std::string project, party;
};

// A project with an accepted estimate of two lines, 09-250 material $1,000
// and $500 (a budget of $1,500.00 on that line), and a subcontractor named
// `name`; all through the pages.
Job make_job(PageClient& c, const std::string& name) {
  Job j;
  HttpResult project = c.post(
      "/projects",
      {{"number", "J-" + std::to_string(std::rand())}, {"name", name}, {"status", "active"}});
  REQUIRE(project.status == 303);
  j.project = id_after(project.header("location"), "/projects/");
  REQUIRE(c.get("/projects/" + j.project).status == 200);
  HttpResult estimate = c.post("/projects/" + j.project + "/estimates", {{"title", name}});
  REQUIRE(estimate.status == 303);
  std::string e = id_after(estimate.header("location"), "/estimates/");
  c.get("/estimates/" + e);
  for (const char* cost : {"1000", "500"})
    REQUIRE(c.post("/estimates/" + e + "/lines", {{"cost_code", "09-250"},
                                                  {"cost_type", "material"},
                                                  {"description", name},
                                                  {"quantity", "1"},
                                                  {"unit_cost", cost}})
                .status == 303);
  REQUIRE(c.post("/estimates/" + e + "/send", {{"to", "owner@example.com"}}).status == 303);
  REQUIRE(c.post("/estimates/" + e + "/accept", {}).status == 303);
  c.get("/parties");
  HttpResult party = c.post("/parties", {{"kind", "subcontractor"}, {"name", name}});
  REQUIRE(party.status < 400);
  j.party = last_party(shared_page_server());
  return j;
}

std::map<std::string, std::string> bill(const Job& j, const std::string& number,
                                        const std::string& amount) {
  return {{"party_id", j.party},
          {"commitment_id", ""},
          {"bill_number", number},
          {"bill_date", "2026-12-01"},
          {"bill_cost_code", "09-250"},
          {"bill_cost_type", "material"},
          {"bill_description", "Drywall board"},
          {"bill_amount", amount}};
}

std::map<std::string, std::string> transfer(const std::string& amount, const std::string& reason) {
  return {{"from_cost_code", "09-250"}, {"from_cost_type", "material"},
          {"to_cost_code", "06-100"},   {"to_cost_type", "labor"},
          {"amount", amount},           {"reason", reason}};
}

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) FROM budget_transfers), (SELECT count(*) || ':' || "
      "coalesce(string_agg(status, '' ORDER BY id), '') FROM vendor_bills), (SELECT count(*) "
      "FROM vendor_bill_lines))");
}

PageRequests budget_posts(const Job& j) {
  return {{"/projects/" + j.project + "/budget/transfers", transfer("100", "Sneaky")},
          {"/projects/" + j.project + "/budget/vendor-bills", bill(j, "SNEAKY", "100")}};
}

PageRequests budget_gets(const Job& j) {
  std::map<std::string, std::string> tab = {{"HX-Request", "true"}, {"HX-Target", "tab"}};
  return {{"/projects/" + j.project + "/budget", {}},
          {"/projects/" + j.project + "/budget", tab},
          {"/projects/" + j.project + "/budget.csv", {}}};
}

}  // namespace

TEST_CASE("budget pages: another organisation's ids are 404 and change nothing", "[process]") {
  Org a = new_org("Budget tenant A");
  Job j = make_job(a.owner, "A's job");
  Org other = new_org("Budget tenant B");
  std::string before = counts(shared_page_server());
  other.owner.get("/projects");
  check_not_found(other.owner, budget_gets(j), budget_posts(j));
  CHECK(counts(shared_page_server()) == before);
  CHECK(a.owner.get("/projects/" + j.project + "/budget").status == 200);
}

TEST_CASE("budget actions without a valid CSRF token are 403 and change nothing", "[process]") {
  Org a = new_org("Budget CSRF");
  Job j = make_job(a.owner, "CSRF job");
  std::string before = counts(shared_page_server());
  check_refused_without_csrf(a.owner, budget_posts(j));
  CHECK(counts(shared_page_server()) == before);
}

TEST_CASE("a field user gets 403 on the budget, its CSV and its actions", "[process]") {
  Org a = new_org("Budget roles");
  Job j = make_job(a.owner, "Roles job");
  PageServer& server = shared_page_server();
  PageClient field = new_member(a.name, "field");
  std::string before = counts(server);
  for (const auto& [path, headers] : budget_gets(j)) {
    INFO("GET " << path);
    CHECK(field.get(path, headers).status == 403);
  }
  field.get("/projects/" + j.project);
  for (const auto& [path, fields] : budget_posts(j)) {
    INFO("POST " << path);
    CHECK(field.post(path, fields).status == 403);
  }
  CHECK(counts(server) == before);
  HttpResult dashboard = field.get("/");
  CHECK(dashboard.status == 200);
  CHECK(dashboard.body.find("Margin below estimate") == std::string::npos);
}

TEST_CASE("a vendor bill entered on the Budget tab shows in the report, the CSV and the dashboard",
          "[process]") {
  Org a = new_org("Budget bill");
  Job j = make_job(a.owner, "Bill job");
  const std::string p = "/projects/" + j.project;
  HttpResult empty = a.owner.get(p + "/budget");
  REQUIRE(empty.status == 200);
  CHECK(empty.body.find("over-budget") == std::string::npos);
  // A direct bill of $2,000.00 on 09-250 material, budgeted $1,500.00:
  // actual $2,000.00, uncommitted $1,500.00 (nothing committed), projected
  // $2,000.00, variance -$500.00, 133.33 % spent.
  HttpResult entered = a.owner.post(p + "/budget/vendor-bills", bill(j, "INV-77", "2,000.00"));
  REQUIRE(entered.status == 303);
  CHECK(entered.header("location") == p + "/budget");
  HttpResult tab = a.owner.get(p + "/budget");
  REQUIRE(tab.status == 200);
  auto row_at = tab.body.find("id=\"budget-09-250-material\" class=\"over-budget\"");
  REQUIRE(row_at != std::string::npos);
  std::string row = tab.body.substr(row_at, tab.body.find("</tr>", row_at) - row_at);
  CHECK(row.find(">Over<") != std::string::npos);
  CHECK(row.find("class=\"num revised\">$1,500.00<") != std::string::npos);
  CHECK(row.find("class=\"num actual\">$2,000.00<") != std::string::npos);
  CHECK(row.find("class=\"num variance\">-$500.00<") != std::string::npos);
  CHECK(tab.body.find("href=\"/vendor-bills/") != std::string::npos);

  HttpResult csv = a.owner.get(p + "/budget.csv");
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type").starts_with("text/csv"));
  CHECK(csv.header("content-disposition").find("budget.csv") != std::string::npos);
  CHECK(csv.body.starts_with(
      "cost_code,cost_type,original_budget,transfers,approved_changes,revised_budget,committed,"
      "actual,uncommitted,projected,variance,percent_spent\r\n"));
  CHECK(csv.body.find("\r\n09-250,material,1500.00,0.00,0.00,1500.00,0.00,2000.00,1500.00,2000.00,"
                      "-500.00,133.33\r\n") != std::string::npos);

  // The projected cost passed the contract's margin: the dashboard says so.
  HttpResult dashboard = a.owner.get("/");
  auto alerts = dashboard.body.find("id=\"margin-alerts\"");
  REQUIRE(alerts != std::string::npos);
  CHECK(dashboard.body.find("href=\"" + p + "/budget\"", alerts) != std::string::npos);

  // A bill the operations refuse keeps what was typed, the error beside it.
  HttpResult refused = a.owner.post(p + "/budget/vendor-bills", bill(j, "INV-78", "twelve"));
  CHECK(refused.status == 422);
  CHECK(refused.body.find("value=\"twelve\"") != std::string::npos);
  CHECK(refused.body.find("id=\"bill-amount-error\"") != std::string::npos);
}

TEST_CASE("budget pages show what people typed escaped, and every one is valid HTML5",
          "[process]") {
  Org a = new_org("Budget escaping");
  const std::string hostile = kScript + kAttribute;
  Job j = make_job(a.owner, hostile);
  const std::string p = "/projects/" + j.project;
  std::vector<std::pair<std::string, std::string>> bodies;
  auto keep = [&](const std::string& name, const HttpResult& r) {
    CHECK(r.body.find(kScript) == std::string::npos);
    CHECK(r.body.find(kAttribute) == std::string::npos);
    bodies.emplace_back(name, r.body);
  };
  a.owner.get(p + "/budget");
  REQUIRE(a.owner.post(p + "/budget/vendor-bills", bill(j, kAttribute, "250")).status == 303);
  HttpResult moved = a.owner.post(p + "/budget/transfers", transfer("100", hostile));
  REQUIRE(moved.status == 303);
  keep("budget page", a.owner.get(p + "/budget"));
  keep("budget tab", a.owner.get(p + "/budget", {{"HX-Request", "true"}, {"HX-Target", "tab"}}));
  HttpResult bad_transfer = a.owner.post(p + "/budget/transfers", transfer("-5", hostile));
  CHECK(bad_transfer.status == 422);
  CHECK(bad_transfer.body.find("id=\"transfer-amount-error\"") != std::string::npos);
  keep("transfer 422", bad_transfer);
  HttpResult too_much = a.owner.post(p + "/budget/transfers", transfer("99999", "Too much"), true,
                                     {{"HX-Request", "true"}, {"HX-Target", "tab"}});
  CHECK(too_much.status == 422);
  CHECK(too_much.body.find("value=\"99999\"") != std::string::npos);
  keep("transfer 422 fragment", too_much);
  auto blank = bill(j, "", "");
  blank["bill_cost_code"] = hostile;
  HttpResult bad_bill = a.owner.post(p + "/budget/vendor-bills", blank);
  CHECK(bad_bill.status == 422);
  CHECK(bad_bill.body.find("id=\"bill-number-error\"") != std::string::npos);
  CHECK(bad_bill.body.find("id=\"bill-code-error\"") != std::string::npos);
  keep("bill 422", bad_bill);
  keep("dashboard", a.owner.get("/"));
  CHECK(invalid_html(bodies) == "");
}
