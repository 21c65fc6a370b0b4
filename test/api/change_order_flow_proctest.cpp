// Change orders over HTTP against the real server: an extra and a credit
// priced by hand, every transition of the state machine and the ones it
// refuses, the schedule of values and the contract sum after approval, and
// twenty approvals of one order at the same moment on four workers.
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "test/support/api_project.hpp"

using namespace construction::testing;

namespace {

// One line, 01-100, 1 x $10,000.00 at no markup: contract sum $10,000.00.
const std::string kEstimateLines =
    R"([{"cost_code":"01-100","cost_type":"subcontract","description":"Partitions",
         "quantity":1,"unit_cost_cents":1000000}])";

std::string new_order(ApiServer& api, const ApiProject& p, const std::string& json) {
  return at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders", p.token, json),
            "id");
}

std::string financial(ApiServer& api, const ApiProject& p, const std::string& name) {
  return at(api.call("GET", "/api/v1/projects/" + p.id, p.token), "financials." + name);
}

}  // namespace

TEST_CASE("an extra and a credit change order are priced, approved and scheduled", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kEstimateLines);

  // Extra: 12.5 hr x $80.00 = $1,000.00 cost, +15 % = $1,150.00.
  HttpResult extra = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders",
                            p.token, R"({"title":"Extra outlets","reason":"Owner request",
      "days_delta":2,"lines":[{"cost_code":"26-100","cost_type":"labor",
      "description":"Electrician","quantity":"12.5","unit_cost_cents":8000,"markup_bps":1500}]})");
  std::string co1 = at(extra, "id");
  CHECK(at(extra, "number") == "CO-001");
  CHECK(at(extra, "status") == "draft");
  CHECK(at(extra, "amount_cents") == "115000");
  CHECK(at(extra, "lines.0.price_cents") == "115000");
  CHECK(at(extra, "days_delta") == "2");

  // Credit: 3 ea x -$333.33 = -$999.99 cost; x 1.10 = -1099.989 -> -$1,099.99.
  std::string co2 = new_order(api, p, R"({"title":"Owner-supplied range"})");
  HttpResult credit = expect(api, 201, "POST", "/api/v1/change-orders/" + co2 + "/lines", p.token,
                             R"({"cost_code":"11-300","cost_type":"material",
      "description":"Range credit","quantity":3,"unit_cost_cents":-33333,"markup_bps":1000})");
  CHECK(at(credit, "cost_cents") == "-99999");
  CHECK(at(credit, "price_cents") == "-109999");
  CHECK(at(api.call("GET", "/api/v1/change-orders/" + co2, p.token), "amount_cents") == "-109999");
  CHECK(at(api.call("GET", "/api/v1/change-orders/" + co2, p.token), "number") == "CO-002");

  // Not yet submitted: cannot be approved; an order without lines cannot be submitted.
  CHECK(at(expect(api, 409, "POST", "/api/v1/change-orders/" + co1 + "/approve", p.token),
           "error.code") == "invalid_state");
  std::string empty = new_order(api, p, R"({"title":"Nothing yet"})");
  expect(api, 409, "POST", "/api/v1/change-orders/" + empty + "/submit", p.token);

  expect(api, 200, "POST", "/api/v1/change-orders/" + co1 + "/submit", p.token);
  expect(api, 200, "POST", "/api/v1/change-orders/" + co2 + "/submit", p.token);
  // Pending is not editable; its amount counts as pending.
  expect(api, 409, "PATCH", "/api/v1/change-orders/" + co1, p.token, R"({"title":"x"})");
  expect(api, 409, "POST", "/api/v1/change-orders/" + co1 + "/lines", p.token,
         R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,
             "unit_cost_cents":1})");

  HttpResult approved =
      expect(api, 200, "POST", "/api/v1/change-orders/" + co1 + "/approve", p.token);
  CHECK(at(approved, "status") == "approved");
  CHECK(!at(approved, "approved_at").empty());
  expect(api, 200, "POST", "/api/v1/change-orders/" + co2 + "/approve", p.token);

  // Approved orders are final.
  for (const char* action : {"approve", "reject", "void", "submit"})
    expect(api, 409, "POST", "/api/v1/change-orders/" + co1 + "/" + action, p.token);
  expect(api, 409, "DELETE", "/api/v1/change-orders/" + co1, p.token);

  // The schedule: the estimate's line, then one line per approved order.
  HttpResult sov = api.call("GET", "/api/v1/projects/" + p.id + "/schedule-of-values", p.token);
  CHECK(at(sov, "data.1.item_no") == "2");
  CHECK(at(sov, "data.1.description") == "Change order CO-001: Extra outlets");
  CHECK(at(sov, "data.1.scheduled_value_cents") == "115000");
  CHECK(at(sov, "data.1.change_order_id") == co1);
  CHECK(at(sov, "data.2.scheduled_value_cents") == "-109999");
  // 1000000 + 115000 - 109999 = 1005001
  CHECK(at(sov, "total_cents") == "1005001");
  CHECK(financial(api, p, "approved_change_orders_cents") == "5001");
  CHECK(financial(api, p, "contract_sum_to_date_cents") == "1005001");

  SECTION("reject and void") {
    std::string co3 = new_order(api, p, R"({"title":"Maybe","lines":[{"cost_code":"01-100",
        "cost_type":"other","description":"x","quantity":1,"unit_cost_cents":500}]})");
    std::string co4 = new_order(api, p, R"({"title":"Dropped"})");
    expect(api, 200, "POST", "/api/v1/change-orders/" + co3 + "/submit", p.token);
    CHECK(financial(api, p, "pending_change_orders_cents") == "500");
    CHECK(at(expect(api, 200, "POST", "/api/v1/change-orders/" + co3 + "/reject", p.token),
             "status") == "rejected");
    expect(api, 409, "POST", "/api/v1/change-orders/" + co3 + "/void", p.token);
    CHECK(at(expect(api, 200, "POST", "/api/v1/change-orders/" + co4 + "/void", p.token),
             "status") == "void");
    CHECK(financial(api, p, "pending_change_orders_cents") == "0");
    CHECK(financial(api, p, "contract_sum_to_date_cents") == "1005001");
  }
  SECTION("a credit larger than the contract is refused") {
    std::string big = new_order(api, p, R"({"title":"Too much","lines":[{"cost_code":"01-100",
        "cost_type":"other","description":"x","quantity":1,"unit_cost_cents":-1005002}]})");
    expect(api, 200, "POST", "/api/v1/change-orders/" + big + "/submit", p.token);
    HttpResult refused =
        expect(api, 422, "POST", "/api/v1/change-orders/" + big + "/approve", p.token);
    CHECK(!at(refused, "error.fields.amount_cents").empty());
    CHECK(at(api.call("GET", "/api/v1/change-orders/" + big, p.token), "status") == "pending");
  }
}

TEST_CASE("twenty approvals of one change order at once approve it once", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kEstimateLines);
  std::string co = new_order(api, p, R"({"title":"Race","lines":[{"cost_code":"01-100",
      "cost_type":"other","description":"x","quantity":1,"unit_cost_cents":2500}]})");
  expect(api, 200, "POST", "/api/v1/change-orders/" + co + "/submit", p.token);

  // Four workers, so the approvals really run side by side.
  ServerProcess server(
      ServerOptions{.binary = CONSTRUCTION_BINARY,
                    .args = {"-w", "4"},
                    .env = {{"DATABASE_URL", api.db.url()}, {"APP_ENV", "development"}}});
  std::vector<int> statuses(20);
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      statuses[i] = http_request(server.port(), "POST", "/api/v1/change-orders/" + co + "/approve",
                                 "", {{"Authorization", "Bearer " + p.token}}, 20000)
                        .status;
    });
  for (auto& t : threads) t.join();
  CHECK(std::count(statuses.begin(), statuses.end(), 200) == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), 409) == 19);
  CHECK(financial(api, p, "contract_sum_to_date_cents") == "1002500");
  CHECK(api.db.scalar("SELECT count(*) FROM schedule_of_values_lines WHERE change_order_id = " +
                      co) == "1");
}

TEST_CASE("a change order approved while a pay application is a draft joins the draft",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kEstimateLines);
  HttpResult draft = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                            p.token, R"({"period_to":"2026-01-31"})");
  std::string app = "/api/v1/pay-applications/" + at(draft, "id");
  expect(api, 200, "PATCH", app + "/lines/" + at(draft, "lines.0.id"), p.token,
         R"({"this_period_cents":400000})");
  std::string co = new_order(api, p, R"({"title":"Extra","lines":[{"cost_code":"01-100",
      "cost_type":"other","description":"x","quantity":1,"unit_cost_cents":2500}]})");
  expect(api, 200, "POST", "/api/v1/change-orders/" + co + "/submit", p.token);
  expect(api, 200, "POST", "/api/v1/change-orders/" + co + "/approve", p.token);

  // Item 2 at $25.00, nothing billed on it yet; the summary follows:
  // 3 = 1,000,000 + 2,500; 4 = 400,000; 5 = 40,000; 6 = 360,000; 9 = 1,002,500 - 360,000.
  HttpResult after = expect(api, 200, "GET", app, p.token);
  CHECK(at(after, "lines.1.item_no") == "2");
  CHECK(at(after, "lines.1.scheduled_value_cents") == "2500");
  CHECK(at(after, "lines.1.completed_and_stored_cents") == "0");
  CHECK(at(after, "lines.0.this_period_cents") == "400000");
  CHECK(at(after, "g702.net_change_orders_cents") == "2500");
  CHECK(at(after, "g702.contract_sum_to_date_cents") == "1002500");
  CHECK(at(after, "g702.retainage_cents") == "40000");
  CHECK(at(after, "g702.current_payment_due_cents") == "360000");
  CHECK(at(after, "g702.balance_to_finish_cents") == "642500");
}
