// Amounts and rates typed into the pages' forms, read by the one rule of
// domain/typed_amount.hpp: a European decimal ("5,00", "1,5"), a comma out
// of its group or a unit ("12.5%" as an amount) is refused with 422 and the
// reason beside the field, and nothing is saved; what the product writes
// itself ("$1,234.50", "12.50 %") is taken. Through the real server, as a
// browser without JavaScript (or htmx, with its headers) sends them.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

const std::map<std::string, std::string> kHtmx = {{"HX-Request", "true"}};
const std::string kGroups = "does not group thousands";

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) FROM estimate_lines), "
      "(SELECT count(*) || ':' || sum(version) FROM change_order_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) "
      "FROM pay_applications), (SELECT count(*) || ':' || sum(version) FROM "
      "pay_application_lines), (SELECT count(*) FROM invoices), (SELECT count(*) FROM payments), "
      "(SELECT count(*) FROM commitments), (SELECT count(*) FROM commitment_lines), "
      "(SELECT count(*) FROM budget_transfers), (SELECT count(*) FROM vendor_bills))");
}

std::map<std::string, std::string> estimate_line(const std::string& unit_cost,
                                                 const std::string& markup = "") {
  return {{"cost_code", "09-250"}, {"cost_type", "material"}, {"description", "Drywall"},
          {"quantity", "2"},       {"unit_cost", unit_cost},  {"markup", markup}};
}

std::string new_project(PageClient& c, const std::string& name) {
  HttpResult project =
      c.post("/projects", {{"number", "T-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  return id_after(project.header("location"), "/projects/");
}

std::string new_estimate(PageClient& c, const std::string& project) {
  c.get("/projects/" + project);
  HttpResult estimate = c.post("/projects/" + project + "/estimates", {{"title", "Base bid"}});
  REQUIRE(estimate.status == 303);
  std::string id = id_after(estimate.header("location"), "/estimates/");
  REQUIRE(c.get("/estimates/" + id).status == 200);
  return id;
}

// `fields` posted to `path` (as a form, then as htmx): 422 with `label` and
// `reason` in the answer, and nothing changed.
void check_refused(PageClient& c, const std::string& path,
                   const std::map<std::string, std::string>& fields, const std::string& label,
                   const std::string& reason) {
  PageServer& server = shared_page_server();
  std::string before = counts(server);
  for (const auto& headers : {std::map<std::string, std::string>{}, kHtmx}) {
    INFO("POST " << path << (headers.empty() ? "" : " (htmx)"));
    HttpResult refused = c.post(path, fields, true, headers);
    CHECK(refused.status == 422);
    CHECK(refused.body.find(label) != std::string::npos);
    CHECK(refused.body.find(reason) != std::string::npos);
  }
  CHECK(counts(server) == before);
}

}  // namespace

TEST_CASE("an estimate line's unit cost typed 5,00, 1,5 or 12.5% is 422 beside it, nothing saved",
          "[process]") {
  Org a = new_org("Typed estimate line");
  PageClient& c = a.owner;
  std::string estimate = new_estimate(c, new_project(c, "Typed amounts"));
  const std::string lines = "/estimates/" + estimate + "/lines";
  check_refused(c, lines, estimate_line("5,00"), "Unit cost must be an amount such as 1,234.50",
                "the comma in “5,00” " + kGroups);
  check_refused(c, lines, estimate_line("1,5"), "Unit cost must be an amount such as 1,234.50",
                "the comma in “1,5” " + kGroups);
  check_refused(c, lines, estimate_line("12.5%"), "Unit cost must be an amount such as 1,234.50",
                "“%” is not understood");
  check_refused(c, lines, estimate_line("10", "12,5"), "Markup must be a percentage such as 12.5",
                "the comma in “12,5” " + kGroups);
  // What was typed stays in the form, to be mended.
  CHECK(c.post(lines, estimate_line("5,00"), true, kHtmx).body.find("value=\"5,00\"") !=
        std::string::npos);

  // The product's own ways of writing an amount and a rate are taken:
  // 2 x $1,234.50 = $2,469.00, plus 12.5 % = $2,777.63 (2777.625 rounded).
  REQUIRE(c.post(lines, estimate_line("$1,234.50", "12.50 %")).status == 303);
  HttpResult editor = c.get("/estimates/" + estimate);
  CHECK(editor.body.find("$2,469.00") != std::string::npos);
  CHECK(editor.body.find("$2,777.63") != std::string::npos);

  // Changing the saved line: the same rule.
  std::string line = id_in(editor.body, "<tr id=\"line-");
  c.get(lines + "/" + line + "/edit", kHtmx);
  check_refused(c, lines + "/" + line, estimate_line("1,5"),
                "Unit cost must be an amount such as 1,234.50", kGroups);
}

TEST_CASE("every form that takes an amount or a rate refuses 5,00 and 1,5 beside the field",
          "[process]") {
  Org a = new_org("Typed everywhere");
  PageClient& c = a.owner;
  std::string project = new_project(c, "Typed everywhere");
  const std::string p = "/projects/" + project;
  std::string estimate = new_estimate(c, project);
  REQUIRE(c.post("/estimates/" + estimate + "/lines", estimate_line("1000")).status == 303);
  REQUIRE(c.post("/estimates/" + estimate + "/send", {{"to", "owner@example.com"}}).status == 303);
  REQUIRE(c.post("/estimates/" + estimate + "/accept", {}).status == 303);

  // A change order's line.
  c.get(p + "/change-orders");
  HttpResult order = c.post(p + "/change-orders", {{"title", "Extra"}, {"reason", "Owner"}});
  REQUIRE(order.status == 303);
  std::string co = id_after(order.header("location"), "/change-orders/");
  c.get("/change-orders/" + co);
  check_refused(c, "/change-orders/" + co + "/lines", estimate_line("-5,00"),
                "Unit cost must be an amount", kGroups);

  // A pay application's cells, then its certificate.
  c.get(p + "/billing");
  HttpResult app = c.post(p + "/pay-applications", {{"period_to", "2026-11-30"}});
  REQUIRE(app.status == 303);
  const std::string sheet =
      "/pay-applications/" + id_after(app.header("location"), "/pay-applications/");
  std::string cell = id_in(c.get(sheet).body, "id=\"pay-line-");
  check_refused(c, sheet + "/lines/" + cell, {{"this_period", "5,00"}, {"stored", "0"}},
                "must be an amount such as 1,234.50", kGroups);
  check_refused(c, sheet + "/lines/" + cell, {{"this_period", "0"}, {"stored", "1,5"}},
                "must be an amount such as 1,234.50", kGroups);
  REQUIRE(c.post(sheet + "/lines/" + cell, {{"this_period", "400"}, {"stored", "0"}}).status ==
          303);
  REQUIRE(c.post(sheet + "/submit", {}).status == 303);
  check_refused(c, sheet + "/certify", {{"certified", "3,00"}},
                "must be an amount such as 1,234.50", kGroups);
  REQUIRE(c.post(sheet + "/certify", {{"certified", "$300.00"}}).status == 303);

  // A payment on its invoice.
  std::string invoice = "/invoices/" + id_in(c.get(sheet).body, "href=\"/invoices/");
  REQUIRE(c.post(invoice + "/send", {{"to", "owner@example.com"}}).status == 303);
  c.get(invoice);
  check_refused(c, invoice + "/payments",
                {{"amount", "1,5"}, {"received_on", "2026-12-01"}, {"method", "check"}},
                "must be an amount such as 1,234.50", kGroups);

  // A commitment's retainage and its lines.
  REQUIRE(c.post("/parties", {{"kind", "subcontractor"}, {"name", "Framers"}}).status == 303);
  std::string party = id_in(c.get("/parties").body, "id=\"party-", true);
  c.get(p + "/commitments/new");
  std::map<std::string, std::string> commitment = {
      {"kind", "subcontract"}, {"party_id", party}, {"title", "Framing"}, {"retainage", "10,5"}};
  check_refused(c, p + "/commitments", commitment, "must be a percentage such as 12.5", kGroups);
  commitment["retainage"] = "10 %";
  HttpResult made = c.post(p + "/commitments", commitment);
  REQUIRE(made.status == 303);
  std::string commitment_path =
      "/commitments/" + id_after(made.header("location"), "/commitments/");
  c.get(commitment_path);
  check_refused(c, commitment_path + "/lines",
                {{"cost_code", "06-100"},
                 {"cost_type", "subcontract"},
                 {"description", "Walls"},
                 {"amount", "1,5"}},
                "must be an amount such as 1,234.50", kGroups);

  // The Budget tab's transfer and bill.
  c.get(p + "/budget");
  check_refused(c, p + "/budget/transfers",
                {{"from_cost_code", "09-250"},
                 {"from_cost_type", "material"},
                 {"to_cost_code", "01-100"},
                 {"to_cost_type", "other"},
                 {"amount", "5,00"},
                 {"reason", "Moved"}},
                "must be an amount such as 1,234.50", kGroups);
  check_refused(c, p + "/budget/vendor-bills",
                {{"bill_number", "B-1"},
                 {"party_id", party},
                 {"bill_date", "2026-12-01"},
                 {"bill_cost_code", "09-250"},
                 {"bill_cost_type", "material"},
                 {"bill_description", "Board"},
                 {"bill_amount", "1,5"}},
                "must be an amount such as 1,234.50", kGroups);
}
