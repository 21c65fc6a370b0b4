// The billing pages' promises a browser test cannot show well: tenancy (404
// for another organisation's change orders, pay applications, invoices and
// their actions), CSRF (403, nothing changed), escaping of what people
// typed, the field role's 403, and valid HTML5 for every page and fragment
// (html-validate, as the browser tests use it). Through the real server, as
// a browser without JavaScript (or htmx, with its headers) would send them.
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
const std::map<std::string, std::string> kHtmx = {{"HX-Request", "true"}};

struct Billing {
  std::string project, estimate, change_order, co_line, draft_order, draft_line, application,
      app_line, invoice;
};

// A project with an accepted estimate of two lines named `name`, an approved
// change order (an extra), a draft one, a certified pay application and its
// sent invoice with a payment; all through the pages.
Billing make_billing(PageClient& c, const std::string& name) {
  Billing b;
  HttpResult project =
      c.post("/projects", {{"number", "B-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  b.project = id_after(project.header("location"), "/projects/");
  REQUIRE(c.get("/projects/" + b.project).status == 200);
  HttpResult estimate = c.post("/projects/" + b.project + "/estimates", {{"title", name}});
  REQUIRE(estimate.status == 303);
  b.estimate = id_after(estimate.header("location"), "/estimates/");
  c.get("/estimates/" + b.estimate);
  for (const char* cost : {"1000", "500"})
    REQUIRE(c.post("/estimates/" + b.estimate + "/lines", {{"cost_code", "09-250"},
                                                           {"cost_type", "material"},
                                                           {"description", name},
                                                           {"quantity", "1"},
                                                           {"unit_cost", cost}})
                .status == 303);
  REQUIRE(c.post("/estimates/" + b.estimate + "/send", {{"to", "owner@example.com"}}).status ==
          303);
  REQUIRE(c.post("/estimates/" + b.estimate + "/accept", {}).status == 303);

  auto new_order = [&] {
    HttpResult order = c.post("/projects/" + b.project + "/change-orders",
                              {{"title", name}, {"reason", name}, {"days_delta", "3"}});
    REQUIRE(order.status == 303);
    std::string id = id_after(order.header("location"), "/change-orders/");
    REQUIRE(c.post("/change-orders/" + id + "/lines", {{"cost_code", "01-100"},
                                                       {"cost_type", "other"},
                                                       {"description", name},
                                                       {"quantity", "1"},
                                                       {"unit_cost", "200"}})
                .status == 303);
    return id;
  };
  b.change_order = new_order();
  b.co_line = id_in(c.get("/change-orders/" + b.change_order).body, "<tr id=\"line-");
  // Handed over by hand: submitted from the Send form without an email.
  REQUIRE(c.post("/change-orders/" + b.change_order + "/send", {{"email", "false"}}).status == 303);
  REQUIRE(c.post("/change-orders/" + b.change_order + "/approve", {}).status == 303);
  b.draft_order = new_order();
  b.draft_line = id_in(c.get("/change-orders/" + b.draft_order).body, "<tr id=\"line-");

  c.get("/projects/" + b.project + "/billing");
  HttpResult app =
      c.post("/projects/" + b.project + "/pay-applications", {{"period_to", "2026-11-30"}});
  REQUIRE(app.status == 303);
  b.application = id_after(app.header("location"), "/pay-applications/");
  HttpResult sheet = c.get("/pay-applications/" + b.application);
  REQUIRE(sheet.status == 200);
  b.app_line = id_in(sheet.body, "id=\"pay-line-");
  REQUIRE(c.post("/pay-applications/" + b.application + "/lines/" + b.app_line,
                 {{"this_period", "400"}, {"stored", "0"}})
              .status == 303);
  REQUIRE(c.post("/pay-applications/" + b.application + "/send", {{"email", "false"}}).status ==
          303);
  REQUIRE(
      c.post("/pay-applications/" + b.application + "/certify", {{"certified", "300"}}).status ==
      303);
  b.invoice = id_in(c.get("/pay-applications/" + b.application).body, "href=\"/invoices/");
  REQUIRE(c.post("/invoices/" + b.invoice + "/send", {{"to", "owner@example.com"}}).status == 303);
  REQUIRE(c.post("/invoices/" + b.invoice + "/payments", {{"amount", "100"},
                                                          {"received_on", "2026-12-01"},
                                                          {"method", "check"},
                                                          {"reference", name}})
              .status == 303);
  return b;
}

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) || ':' || "
      "string_agg(status, '' ORDER BY id) FROM change_orders), "
      "(SELECT count(*) || ':' || sum(version) FROM change_order_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) "
      "FROM pay_applications), (SELECT count(*) || ':' || sum(version) FROM "
      "pay_application_lines), (SELECT count(*) || ':' || sum(version) || ':' || "
      "string_agg(status, '' ORDER BY id) FROM invoices), (SELECT count(*) FROM payments), "
      "(SELECT count(*) FROM messages))");
}

// Every billing page and fragment a GET answers, for `b`.
PageRequests billing_gets(const Billing& b) {
  const std::string p = "/projects/" + b.project, co = "/change-orders/" + b.change_order,
                    draft = "/change-orders/" + b.draft_order,
                    app = "/pay-applications/" + b.application, inv = "/invoices/" + b.invoice;
  std::map<std::string, std::string> tab = {{"HX-Request", "true"}, {"HX-Target", "tab"}};
  return {{p + "/change-orders", {}},
          {p + "/billing", {}},
          {p + "/change-orders", tab},
          {p + "/billing", tab},
          {co, {}},
          {co, kHtmx},
          {draft, {}},
          {co + "/lines/" + b.co_line, kHtmx},
          {draft + "/lines/" + b.draft_line, kHtmx},
          {app, {}},
          {app, kHtmx},
          {app + "/print", {}},
          {inv, {}},
          {inv, kHtmx},
          {draft + "/send", {}},
          {app + "/send", {}},
          {inv + "/send", {}}};
}

PageRequests billing_posts(const Billing& b) {
  const std::string co = "/change-orders/" + b.draft_order,
                    app = "/pay-applications/" + b.application, inv = "/invoices/" + b.invoice;
  const std::map<std::string, std::string> line = {{"cost_code", "01-100"},
                                                   {"cost_type", "other"},
                                                   {"description", "Sneaky"},
                                                   {"quantity", "1"},
                                                   {"unit_cost", "-5"}};
  return {{"/projects/" + b.project + "/change-orders", {{"title", "Sneaky"}}},
          {"/projects/" + b.project + "/pay-applications", {{"period_to", "2026-12-31"}}},
          {co + "/lines", line},
          {co + "/lines/" + b.draft_line, line},
          {co + "/lines/" + b.draft_line + "/delete", {}},
          {co + "/submit", {}},
          {co + "/send", {{"to", "owner@example.com"}}},
          {co + "/send", {{"email", "false"}}},
          {co + "/approve", {}},
          {co + "/reject", {}},
          {co + "/void", {}},
          {app + "/lines/" + b.app_line, {{"this_period", "1"}}},
          {app + "/submit", {}},
          {app + "/send", {{"to", "owner@example.com"}}},
          {app + "/send", {{"email", "false"}}},
          {app + "/certify", {{"certified", "1"}}},
          {app + "/return", {}},
          {inv + "/payments", {{"amount", "1"}, {"received_on", "2026-12-02"}, {"method", "ach"}}},
          {inv + "/send", {{"to", "owner@example.com"}}},
          {inv + "/send", {{"email", "false"}}},
          {inv + "/void", {}}};
}

}  // namespace

TEST_CASE("billing pages: another organisation's ids are 404 and change nothing", "[process]") {
  Org a = new_org("Billing tenant A");
  Billing b = make_billing(a.owner, "A's billing");
  Org other = new_org("Billing tenant B");
  std::string before = counts(shared_page_server());
  check_not_found(other.owner, billing_gets(b), billing_posts(b));
  CHECK(counts(shared_page_server()) == before);
  CHECK(a.owner.get("/pay-applications/" + b.application).status == 200);
}

TEST_CASE("billing actions without a valid CSRF token are 403 and change nothing", "[process]") {
  Org a = new_org("Billing CSRF");
  Billing b = make_billing(a.owner, "CSRF billing");
  std::string before = counts(shared_page_server());
  check_refused_without_csrf(a.owner, billing_posts(b));
  CHECK(counts(shared_page_server()) == before);
}

TEST_CASE("a field user gets 403 on every billing page and action", "[process]") {
  Org a = new_org("Billing roles");
  Billing b = make_billing(a.owner, "Roles billing");
  PageServer& server = shared_page_server();
  PageClient field = new_member(a.name, "field");
  std::string before = counts(server);
  for (const auto& [path, headers] : billing_gets(b)) {
    INFO("GET " << path);
    if (path.starts_with("/projects/")) {
      // The project's tabs open for a field user and say what is hidden.
      HttpResult tab = field.get(path, headers);
      CHECK(tab.status == 200);
      CHECK(tab.body.find("your role does not open them") != std::string::npos);
      CHECK(tab.body.find("href=\"/change-orders/") == std::string::npos);
      CHECK(tab.body.find("href=\"/pay-applications/") == std::string::npos);
      continue;
    }
    CHECK(field.get(path, headers).status == 403);
  }
  for (const auto& [path, fields] : billing_posts(b)) {
    INFO("POST " << path);
    CHECK(field.post(path, fields).status == 403);
  }
  CHECK(counts(server) == before);
}

TEST_CASE("billing pages show what people typed escaped, and every one is valid HTML5",
          "[process]") {
  Org a = new_org("Billing escaping");
  const std::string hostile = kScript + kAttribute;
  Billing b = make_billing(a.owner, hostile);
  PageClient& c = a.owner;
  std::vector<std::pair<std::string, std::string>> bodies;
  for (const auto& [path, headers] : billing_gets(b)) {
    INFO("GET " << path);
    HttpResult page = c.get(path, headers);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<script>alert") == std::string::npos);
    CHECK(page.body.find("<img src=x") == std::string::npos);
    // (The Billing tab alone shows numbers only.)
    if (!(path.ends_with("/billing") && headers.contains("HX-Target")))
      CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x") !=
            std::string::npos);
    bodies.emplace_back("GET " + path, page.body);
  }
  const std::string draft = "/change-orders/" + b.draft_order;
  auto fragment = [&](const std::string& label, HttpResult result, int status) {
    INFO(label);
    CHECK(result.status == status);
    CHECK(result.body.find("<script>alert") == std::string::npos);
    CHECK(result.body.find("<img src=x") == std::string::npos);
    bodies.emplace_back(label, result.body);
  };
  fragment("edit row", c.get(draft + "/lines/" + b.draft_line + "/edit", kHtmx), 200);
  std::map<std::string, std::string> line = {{"cost_code", "01-100"},
                                             {"cost_type", "other"},
                                             {"description", hostile},
                                             {"quantity", "1"},
                                             {"unit_cost", "-50"}};
  fragment("add a credit line", c.post(draft + "/lines", line, true, kHtmx), 200);
  line["quantity"] = hostile;
  fragment("add a bad line", c.post(draft + "/lines", line, true, kHtmx), 422);
  fragment("save a bad line", c.post(draft + "/lines/" + b.draft_line, line, true, kHtmx), 422);
  line["quantity"] = "2";
  fragment("save a line", c.post(draft + "/lines/" + b.draft_line, line, true, kHtmx), 200);
  fragment("bad change order",
           c.post("/projects/" + b.project + "/change-orders",
                  {{"title", " "}, {"reason", hostile}}, true, kHtmx),
           422);

  // A second application, to edit its cells.
  REQUIRE(c.post("/projects/" + b.project + "/pay-applications", {{"period_to", "2026-12-31"}})
              .status == 303);
  std::string billing = c.get("/projects/" + b.project + "/billing").body;
  std::string second = id_in(billing, "href=\"/pay-applications/", true);
  std::string sheet = c.get("/pay-applications/" + second).body;
  std::string cell = id_in(sheet, "id=\"pay-line-");
  const std::string app = "/pay-applications/" + second;
  fragment("save a cell", c.post(app + "/lines/" + cell, {{"this_period", "100"}}, true, kHtmx),
           200);
  HttpResult past = c.post(app + "/lines/" + cell, {{"this_period", "99999"}}, true, kHtmx);
  CHECK(past.body.find("value=\"99999\"") != std::string::npos);
  CHECK(past.body.find("class=\"error\"") != std::string::npos);
  fragment("a cell past 100 %", past, 422);
  fragment("a cell that is no amount",
           c.post(app + "/lines/" + cell, {{"stored", kAttribute}}, true, kHtmx), 422);
  REQUIRE(c.post(app + "/submit", {}).status == 303);
  fragment("certify too much", c.post(app + "/certify", {{"certified", "999999"}}, true, kHtmx),
           422);
  fragment("pay too much",
           c.post("/invoices/" + b.invoice + "/payments",
                  {{"amount", "999999"},
                   {"received_on", "2026-12-02"},
                   {"method", "check"},
                   {"reference", hostile}},
                  true, kHtmx),
           422);
  fragment(
      "pay application no period",
      c.post("/projects/" + b.project + "/pay-applications", {{"period_to", hostile}}, true, kHtmx),
      409);  // the last one is not certified yet: refused before the date is read
  std::string verdict = invalid_html(bodies);
  INFO(verdict);
  CHECK(verdict.empty());
}

TEST_CASE("approving a change order changes the project's contract sum on its page", "[process]") {
  Org a = new_org("Billing approval");
  PageClient& c = a.owner;
  Billing b = make_billing(c, "Approval");
  // Estimate 1,000.00 + 500.00; the approved extra 200.00.
  std::string page = c.get("/projects/" + b.project).body;
  CHECK(page.find("$1,500.00") != std::string::npos);
  CHECK(page.find("$1,700.00") != std::string::npos);
  // A credit: -300.00, submitted and approved: 1,400.00.
  std::string draft = "/change-orders/" + b.draft_order;
  REQUIRE(c.post(draft + "/lines/" + b.draft_line, {{"cost_code", "01-100"},
                                                    {"cost_type", "other"},
                                                    {"description", "Credit"},
                                                    {"quantity", "1"},
                                                    {"unit_cost", "-300"}})
              .status == 303);
  std::string editor = c.get(draft).body;
  CHECK(editor.find("-$300.00") != std::string::npos);
  CHECK(editor.find("data-action=\"approve\"") == std::string::npos);
  REQUIRE(c.post(draft + "/submit", {}).status == 303);
  CHECK(c.get(draft).body.find("data-action=\"approve\"") != std::string::npos);
  REQUIRE(c.post(draft + "/approve", {}).status == 303);
  CHECK(c.get(draft).body.find("data-action=") == std::string::npos);
  CHECK(c.get("/projects/" + b.project).body.find("$1,400.00") != std::string::npos);
  // Approved once: a second approval is refused with the reason.
  CHECK(c.post(draft + "/approve", {}).status == 409);
}
