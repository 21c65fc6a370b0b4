// Job costing over HTTP against the real server: commitments and vendor
// bills through their state machines, the refusals a user meets (a bill
// past its commitment 422 naming the line, voiding a billed commitment 409,
// editing an approved one 409), twenty approvals of one bill at once, and
// the budget report as JSON and as CSV read back like a spreadsheet would.
//
// The estimate: 09-250 subcontract Drywall 10,000.00 and 26-100 material
// Fixtures 2,000.00 (cost), so the budget is 12,000.00.
#include <algorithm>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "test/support/api_project.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

const std::string kLines =
    R"([{"cost_code":"09-250","cost_type":"subcontract","description":"Drywall",
         "quantity":1,"unit_cost_cents":1000000,"markup_bps":1000},
        {"cost_code":"26-100","cost_type":"material","description":"Fixtures",
         "quantity":1,"unit_cost_cents":200000,"markup_bps":2000}])";

std::string party(ApiServer& api, const ApiProject& p, const std::string& kind) {
  return at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                   R"({"kind":")" + kind + R"(","name":")" + unique("Party") + R"("})"),
            "id");
}

// An approved subcontract of 9,500.00 on 09-250 with `sub`.
std::string approved_subcontract(ApiServer& api, const ApiProject& p, const std::string& sub) {
  std::string sc = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/commitments", p.token,
                             R"({"kind":"subcontract","party_id":)" + sub +
                                 R"(,"title":"Drywall","lines":[{"cost_code":"09-250",
                                 "cost_type":"subcontract","description":"Hang and finish",
                                 "amount_cents":950000}]})"),
                      "id");
  expect(api, 200, "POST", "/api/v1/commitments/" + sc + "/approve", p.token);
  return sc;
}

std::string bill_body(const std::string& number, const std::string& party,
                      const std::string& commitment, const std::string& lines) {
  return R"({"number":")" + number + R"(","party_id":)" + party +
         (commitment.empty() ? "" : R"(,"commitment_id":)" + commitment) +
         R"(,"bill_date":"2026-03-10","lines":)" + lines + "}";
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("a bill past its commitment's remaining amount is refused, naming the line",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string sub = party(api, p, "subcontractor");
  std::string sc = approved_subcontract(api, p, sub);
  // 6,000.00 billed and approved: 3,500.00 remain of 9,500.00.
  std::string first = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                                p.token, bill_body("S-1", sub, sc, R"([{"cost_code":"09-250",
                                    "cost_type":"subcontract","description":"Progress",
                                    "amount_cents":600000}])")),
                         "id");
  HttpResult approved =
      expect(api, 200, "POST", "/api/v1/vendor-bills/" + first + "/approve", p.token);
  CHECK(at(approved, "retainage_cents") == "60000");
  CHECK(at(approved, "payable_cents") == "540000");
  CHECK(at(api.call("GET", "/api/v1/commitments/" + sc, p.token), "remaining_cents") == "350000");

  // 2,000.00 + 1,500.01: the second line goes one cent past.
  HttpResult over = expect(api, 422, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
                           bill_body("S-2", sub, sc, R"([
        {"cost_code":"09-250","cost_type":"subcontract","description":"Progress","amount_cents":200000},
        {"cost_code":"09-250","cost_type":"subcontract","description":"Extra","amount_cents":150001}])"));
  CHECK(at(over, "error.code") == "validation_failed");
  std::string message = field_error(over, "lines[1].amount_cents");
  CHECK(message.find("remaining $3,500.00") != std::string::npos);
  CHECK(field_error(over, "lines[0].amount_cents").empty());

  // Exactly the remainder is accepted; a draft does not count until it is
  // approved, so two drafts may each fit, and the second approval is refused.
  std::string fits = bill_body("S-3", sub, sc, R"([{"cost_code":"09-250",
      "cost_type":"subcontract","description":"Rest","amount_cents":350000}])");
  std::string a = at(
      expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token, fits), "id");
  std::string b = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
                            bill_body("S-4", sub, sc, R"([{"cost_code":"09-250",
                                "cost_type":"subcontract","description":"Again",
                                "amount_cents":100}])")),
                     "id");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + a + "/approve", p.token);
  HttpResult late = expect(api, 422, "POST", "/api/v1/vendor-bills/" + b + "/approve", p.token);
  CHECK(!field_error(late, "lines[0].amount_cents").empty());
  CHECK(at(api.call("GET", "/api/v1/vendor-bills/" + b, p.token), "status") == "draft");
  CHECK(api.db.scalar("SELECT sum(amount_cents) FROM vendor_bills WHERE commitment_id = " + sc +
                      " AND status IN ('approved', 'paid')") == "950000");
  // A credit on a full commitment is always welcome.
  std::string credit = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                                 p.token, bill_body("S-5", sub, sc, R"([{"cost_code":"09-250",
                                     "cost_type":"subcontract","description":"Back-charge",
                                     "amount_cents":-25000}])")),
                          "id");
  HttpResult credited =
      expect(api, 200, "POST", "/api/v1/vendor-bills/" + credit + "/approve", p.token);
  CHECK(at(credited, "retainage_cents") == "-2500");
  CHECK(at(credited, "payable_cents") == "-22500");
}

TEST_CASE("commitment and bill states: edits, voids and closing", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string sub = party(api, p, "subcontractor");
  std::string sc = approved_subcontract(api, p, sub);
  // Approved commitments are not edited; approving twice is a state conflict.
  CHECK(at(expect(api, 409, "PATCH", "/api/v1/commitments/" + sc, p.token, R"({"title":"x"})"),
           "error.code") == "invalid_state");
  expect(api, 409, "POST", "/api/v1/commitments/" + sc + "/lines", p.token,
         R"({"cost_code":"09-250","cost_type":"labor","description":"x","amount_cents":1})");
  expect(api, 409, "POST", "/api/v1/commitments/" + sc + "/approve", p.token);
  // An empty draft cannot be approved.
  std::string empty =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/commitments", p.token,
                R"({"kind":"purchase_order","title":"PO","party_id":)" + party(api, p, "vendor") +
                    "}"),
         "id");
  CHECK(at(api.call("GET", "/api/v1/commitments/" + empty, p.token), "retainage_bps") == "0");
  CHECK(at(api.call("GET", "/api/v1/commitments/" + empty, p.token), "number") == "PO-001");
  expect(api, 409, "POST", "/api/v1/commitments/" + empty + "/approve", p.token);

  // With a bill against it (even a draft), an approved commitment is not voided.
  std::string bill = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                               p.token, bill_body("V-1", sub, sc, R"([{"cost_code":"09-250",
                                   "cost_type":"subcontract","description":"P1",
                                   "amount_cents":10000}])")),
                        "id");
  HttpResult refused = expect(api, 409, "POST", "/api/v1/commitments/" + sc + "/void", p.token);
  CHECK(at(refused, "error.code") == "invalid_state");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + bill + "/approve", p.token);
  expect(api, 409, "POST", "/api/v1/commitments/" + sc + "/void", p.token);
  CHECK(at(api.call("GET", "/api/v1/commitments/" + sc, p.token), "status") == "approved");
  // Bill states: approved is not edited; paid is final.
  expect(api, 409, "PATCH", "/api/v1/vendor-bills/" + bill, p.token, R"({"number":"V-1b"})");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + bill + "/void", p.token);
  expect(api, 409, "POST", "/api/v1/vendor-bills/" + bill + "/pay", p.token);
  // Now nothing is billed against it: it may be voided after all.
  expect(api, 200, "POST", "/api/v1/commitments/" + sc + "/void", p.token);
  // A voided commitment takes no bills.
  HttpResult closed = expect(api, 422, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                             p.token, bill_body("V-2", sub, sc, R"([{"cost_code":"09-250",
                                 "cost_type":"subcontract","description":"P2",
                                 "amount_cents":100}])"));
  CHECK(!field_error(closed, "commitment_id").empty());
  // A void bill frees its number (the vendor re-issues it); a live one is 409.
  std::string direct = R"([{"cost_code":"09-250","cost_type":"subcontract",
                           "description":"Re-issued","amount_cents":100}])";
  expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
         bill_body("V-1", sub, "", direct));
  CHECK(at(expect(api, 409, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
                  bill_body("v-1", sub, "", direct)),
           "error.code") == "conflict");
  // Drafts are deleted; a stale If-Match is 412.
  CHECK(
      api.call("DELETE", "/api/v1/commitments/" + empty, p.token, "", {{"If-Match", "7"}}).status ==
      412);
  CHECK(
      api.call("DELETE", "/api/v1/commitments/" + empty, p.token, "", {{"If-Match", "1"}}).status ==
      204);
  // Close: approved -> closed, then nothing more.
  std::string sc2 = approved_subcontract(api, p, sub);
  expect(api, 200, "POST", "/api/v1/commitments/" + sc2 + "/close", p.token);
  expect(api, 409, "POST", "/api/v1/commitments/" + sc2 + "/void", p.token);
}

TEST_CASE("twenty approvals of one vendor bill at once approve it once", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string sub = party(api, p, "subcontractor");
  std::string sc = approved_subcontract(api, p, sub);
  std::string bill = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                               p.token, bill_body("R-1", sub, sc, R"([{"cost_code":"09-250",
                                   "cost_type":"subcontract","description":"Race",
                                   "amount_cents":400000}])")),
                        "id");
  // Four workers, so the approvals really run side by side.
  ServerProcess server(
      ServerOptions{.binary = CONSTRUCTION_BINARY,
                    .args = {"-w", "4"},
                    .env = {{"DATABASE_URL", api.db.url()}, {"APP_ENV", "development"}}});
  std::vector<int> statuses(20);
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      statuses[i] = http_request(server.port(), "POST", "/api/v1/vendor-bills/" + bill + "/approve",
                                 "", {{"Authorization", "Bearer " + p.token}}, 20000)
                        .status;
    });
  for (auto& t : threads) t.join();
  CHECK(std::count(statuses.begin(), statuses.end(), 200) == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), 409) == 19);
  HttpResult budget = api.call("GET", "/api/v1/projects/" + p.id + "/budget", p.token);
  CHECK(at(budget, "lines.0.cost_code") == "09-250");
  CHECK(at(budget, "lines.0.actual_cents") == "400000");
  CHECK(at(api.call("GET", "/api/v1/commitments/" + sc, p.token), "billed_cents") == "400000");

  // Ten bills of 1,000.00 against the 5,500.00 the subcontract has left,
  // approved all at once: the commitment's lock lets five through, and the
  // billed total stops at 9,000.00, never past 9,500.00.
  std::vector<std::string> bills;
  for (int i = 0; i < 10; ++i)
    bills.push_back(
        at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills", p.token,
                  bill_body("R-" + std::to_string(i + 2), sub, sc,
                            R"([{"cost_code":"09-250","cost_type":"subcontract",
                                            "description":"Race","amount_cents":100000}])")),
           "id"));
  std::vector<int> each(10);
  std::vector<std::thread> racers;
  for (int i = 0; i < 10; ++i)
    racers.emplace_back([&, i] {
      each[i] = http_request(server.port(), "POST", "/api/v1/vendor-bills/" + bills[i] + "/approve",
                             "", {{"Authorization", "Bearer " + p.token}}, 20000)
                    .status;
    });
  for (auto& t : racers) t.join();
  CHECK(std::count(each.begin(), each.end(), 200) == 5);
  CHECK(std::count(each.begin(), each.end(), 422) == 5);
  CHECK(at(api.call("GET", "/api/v1/commitments/" + sc, p.token), "billed_cents") == "900000");
}

TEST_CASE("the budget report as JSON and as CSV, with a transfer and a direct bill", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string sub = party(api, p, "subcontractor");
  std::string vendor = party(api, p, "vendor");
  std::string sc = approved_subcontract(api, p, sub);
  // Move 500.00 from the fixtures to the drywall: 09-250 10,500.00, 26-100 1,500.00.
  expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/budget/transfers", p.token,
         R"({"from":{"cost_code":"26-100","cost_type":"material"},
             "to":{"cost_code":"09-250","cost_type":"subcontract"},
             "amount_cents":50000,"reason":"Drywall, \"level 5\" finish"})");
  HttpResult below = expect(api, 422, "POST", "/api/v1/projects/" + p.id + "/budget/transfers",
                            p.token, R"({"from":{"cost_code":"26-100","cost_type":"material"},
             "to":{"cost_code":"09-250","cost_type":"subcontract"},
             "amount_cents":150001,"reason":"Too much"})");
  CHECK(!field_error(below, "amount_cents").empty());
  HttpResult transfers = api.call("GET", "/api/v1/projects/" + p.id + "/budget/transfers", p.token);
  CHECK(at(transfers, "data.0.amount_cents") == "50000");
  CHECK(at(transfers, "data.0.from.cost_code") == "26-100");
  CHECK(at(transfers, "data.1.id").empty());
  // 1,234.50 of drywall against the subcontract; a direct bill for 01-500
  // equipment, which is on no budget: 800.00 less a 50.25 credit line.
  std::string b1 = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                             p.token, bill_body("D-1", sub, sc, R"([{"cost_code":"09-250",
                                 "cost_type":"subcontract","description":"P1",
                                 "amount_cents":123450}])")),
                      "id");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + b1 + "/approve", p.token);
  HttpResult direct = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/vendor-bills",
                             p.token, bill_body("L-9", vendor, "", R"([
      {"cost_code":"01-500","cost_type":"equipment","description":"Lift","amount_cents":80000},
      {"cost_code":"01-500","cost_type":"equipment","description":"Early return","amount_cents":-5025}])"));
  CHECK(at(direct, "amount_cents") == "74975");
  CHECK(at(direct, "retainage_cents") == "0");
  expect(api, 200, "POST", "/api/v1/vendor-bills/" + at(direct, "id") + "/approve", p.token);

  // JSON: 01-500 equipment (no budget), 09-250 subcontract, 26-100 material.
  HttpResult json = api.call("GET", "/api/v1/projects/" + p.id + "/budget", p.token);
  REQUIRE(json.status == 200);
  CHECK(at(json, "lines.0.cost_code") == "01-500");
  CHECK(at(json, "lines.0.variance_cents") == "-74975");
  CHECK(at(json, "lines.1.cost_code") == "09-250");
  CHECK(at(json, "lines.1.revised_budget_cents") == "1050000");
  CHECK(at(json, "lines.1.committed_cents") == "950000");
  CHECK(at(json, "lines.1.uncommitted_cents") == "100000");
  CHECK(at(json, "lines.1.actual_cents") == "123450");
  CHECK(at(json, "lines.1.percent_spent_bps") == "1176");  // 123,450 / 1,050,000 = 11.757 %
  CHECK(at(json, "lines.2.revised_budget_cents") == "150000");
  CHECK(at(json, "lines.3.cost_code").empty());
  // Totals: revised 1,200,000; projected 74,975 + 1,050,000 + 150,000 = 1,274,975.
  CHECK(at(json, "totals.revised_budget_cents") == "1200000");
  CHECK(at(json, "totals.projected_cents") == "1274975");
  CHECK(at(json, "totals.transfers_cents") == "0");
  // Contract 11,000.00 + 2,400.00 = 13,400.00; profit 1,340,000 - 1,274,975.
  CHECK(at(json, "profit.contract_sum_to_date_cents") == "1340000");
  CHECK(at(json, "profit.projected_profit_cents") == "65025");
  CHECK(at(json, "profit.projected_margin_bps") == "485");  // 4.8526 %
  // 1,340,000 - 1,200,000 = 140,000 / 1,340,000 = 10.4478 %
  CHECK(at(json, "profit.original_margin_bps") == "1045");

  // CSV by query and by Accept, the same table.
  HttpResult csv = api.call("GET", "/api/v1/projects/" + p.id + "/budget?format=csv", p.token);
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type").find("text/csv") == 0);
  HttpResult accepted = api.call("GET", "/api/v1/projects/" + p.id + "/budget", p.token, "",
                                 {{"Accept", "text/csv"}});
  CHECK(accepted.body == csv.body);
  auto rows = parse_csv(csv.body);
  REQUIRE(rows.size() == 5);  // header, three lines, total
  CHECK(rows[0] == std::vector<std::string>{"cost_code", "cost_type", "original_budget",
                                            "transfers", "approved_changes", "revised_budget",
                                            "committed", "actual", "uncommitted", "projected",
                                            "variance", "percent_spent"});
  CHECK(rows[1] == std::vector<std::string>{"01-500", "equipment", "0.00", "0.00", "0.00", "0.00",
                                            "0.00", "749.75", "0.00", "749.75", "-749.75", "0.00"});
  CHECK(rows[2] == std::vector<std::string>{"09-250", "subcontract", "10000.00", "500.00", "0.00",
                                            "10500.00", "9500.00", "1234.50", "1000.00", "10500.00",
                                            "0.00", "11.76"});
  CHECK(rows[3][2] == "2000.00");
  CHECK(rows[3][3] == "-500.00");
  CHECK(rows[4][0] == "Total");
  CHECK(rows[4][9] == "12749.75");
  CHECK(rows[4][10] == "-749.75");

  // Costs are commercial: a field user of the organisation sees none of them.
  std::string org = at(api.call("GET", "/api/v1/me", p.token), "organisation.name");
  std::string field = api.user_token(org, unique("field") + "@example.com", "field");
  for (std::string path :
       {"/budget", "/budget?format=csv", "/budget/transfers", "/commitments", "/vendor-bills"})
    CHECK(api.call("GET", "/api/v1/projects/" + p.id + path, field).status == 403);
  CHECK(api.call("GET", "/api/v1/vendor-bills/" + b1, field).status == 403);
}
