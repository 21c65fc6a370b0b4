// A project billed through four pay applications over HTTP against the real
// server, every G702 line and G703 column checked against figures worked out
// by hand below (never from the code under test), with the spec's
// invariants on each application:
//   line 9 = (3 - 4) + 5;  each line's G within 0..C (a credit's within C..0);
//   the next application's D = this one's D + E.
//
// The contract, 10 % retainage on work and on stored materials:
//   item 1  01-100 General conditions   $10,000.00
//   item 2  09-250 Drywall              $40,000.00
//   item 3  26-100 Electrical           $50,000.00
//   original contract sum              $100,000.00 = 10,000,000 cents
// then, before application 2, two approved change orders:
//   item 4  CO-001 extra     +$6,000.00 =  600,000
//   item 5  CO-002 credit    -$2,500.00 = -250,000
//   contract sum to date    10,350,000
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <thread>
#include <vector>

#include "test/support/api_project.hpp"

using namespace construction::testing;
using construction::api::JsonValue;

namespace {

const std::string kLines =
    R"([{"cost_code":"01-100","cost_type":"other","description":"General conditions",
         "quantity":1,"unit_cost_cents":1000000},
        {"cost_code":"09-250","cost_type":"subcontract","description":"Drywall",
         "quantity":1,"unit_cost_cents":4000000},
        {"cost_code":"26-100","cost_type":"subcontract","description":"Electrical",
         "quantity":1,"unit_cost_cents":5000000}])";

long long num(const JsonValue& v, const std::string& path) {
  std::string text = at(v, path);
  INFO(path);
  REQUIRE(!text.empty());
  return std::stoll(text);
}

// The G702 lines 1 to 9 (5a and 5b inside 5), as written on the form.
struct G702 {
  long long l1, l2, l3, l4, l5a, l5b, l5, l6, l7, l8, l9;
};

void check_g702(const JsonValue& app, const G702& e) {
  CHECK(num(app, "g702.original_contract_sum_cents") == e.l1);
  CHECK(num(app, "g702.net_change_orders_cents") == e.l2);
  CHECK(num(app, "g702.contract_sum_to_date_cents") == e.l3);
  CHECK(num(app, "g702.completed_and_stored_to_date_cents") == e.l4);
  CHECK(num(app, "g702.retainage_work_cents") == e.l5a);
  CHECK(num(app, "g702.retainage_stored_cents") == e.l5b);
  CHECK(num(app, "g702.retainage_cents") == e.l5);
  CHECK(num(app, "g702.earned_less_retainage_cents") == e.l6);
  CHECK(num(app, "g702.previous_certificates_cents") == e.l7);
  CHECK(num(app, "g702.current_payment_due_cents") == e.l8);
  CHECK(num(app, "g702.balance_to_finish_cents") == e.l9);
}

// One G703 row: C D E F G percent H I.
struct G703 {
  long long c, d, e, f, g, pct, h, i;
};

void check_g703(const JsonValue& app, const std::vector<G703>& rows) {
  REQUIRE(app.member("lines")->items.size() == rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string p = "lines." + std::to_string(k) + ".";
    INFO("item " << k + 1);
    CHECK(num(app, p + "item_no") == static_cast<long long>(k + 1));
    CHECK(num(app, p + "scheduled_value_cents") == rows[k].c);
    CHECK(num(app, p + "previous_cents") == rows[k].d);
    CHECK(num(app, p + "this_period_cents") == rows[k].e);
    CHECK(num(app, p + "stored_cents") == rows[k].f);
    CHECK(num(app, p + "completed_and_stored_cents") == rows[k].g);
    CHECK(num(app, p + "percent_complete_bps") == rows[k].pct);
    CHECK(num(app, p + "balance_to_finish_cents") == rows[k].h);
    CHECK(num(app, p + "retainage_cents") == rows[k].i);
  }
}

// The spec's invariants, on the figures the server answered.
void check_invariants(const JsonValue& app, const JsonValue* previous) {
  CHECK(num(app, "g702.balance_to_finish_cents") ==
        num(app, "g702.contract_sum_to_date_cents") -
            num(app, "g702.completed_and_stored_to_date_cents") + num(app, "g702.retainage_cents"));
  long long sum_c = 0, sum_g = 0, sum_i = 0;
  std::map<long long, long long> d_plus_e;
  if (previous)
    for (const JsonValue& line : previous->member("lines")->items)
      d_plus_e[num(line, "sov_line_id")] =
          num(line, "previous_cents") + num(line, "this_period_cents");
  for (const JsonValue& line : app.member("lines")->items) {
    long long c = num(line, "scheduled_value_cents"), g = num(line, "completed_and_stored_cents");
    CHECK(g >= std::min(0LL, c));
    CHECK(g <= std::max(0LL, c));
    sum_c += c;
    sum_g += g;
    sum_i += num(line, "retainage_cents");
    auto carried = d_plus_e.find(num(line, "sov_line_id"));
    CHECK(num(line, "previous_cents") == (carried == d_plus_e.end() ? 0 : carried->second));
  }
  CHECK(sum_c == num(app, "g702.contract_sum_to_date_cents"));
  CHECK(sum_g == num(app, "g702.completed_and_stored_to_date_cents"));
  CHECK(sum_i == num(app, "g702.retainage_cents"));
}

struct Billing {
  ApiServer& api;
  ApiProject p;

  JsonValue create(const std::string& period_to) {
    return json_of(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                          p.token, R"({"period_to":")" + period_to + "\"}"));
  }
  // PATCH the line of item `item` (1-based) of `app`.
  HttpResult enter(const JsonValue& app, int item, const std::string& json, int status = 200) {
    return expect(api, status, "PATCH",
                  "/api/v1/pay-applications/" + at(app, "id") + "/lines/" +
                      at(app, "lines." + std::to_string(item - 1) + ".id"),
                  p.token, json);
  }
  JsonValue get(const JsonValue& app) {
    return json_of(expect(api, 200, "GET", "/api/v1/pay-applications/" + at(app, "id"), p.token));
  }
  JsonValue submit_and_certify(const JsonValue& app, long long certified) {
    std::string path = "/api/v1/pay-applications/" + at(app, "id");
    expect(api, 200, "POST", path + "/submit", p.token);
    return json_of(expect(api, 200, "POST", path + "/certify", p.token,
                          R"({"certified_cents":)" + std::to_string(certified) + "}"));
  }
  // The invoice the certificate of `app` created.
  JsonValue invoice_of(const JsonValue& app) {
    JsonValue list = json_of(
        expect(api, 200, "GET", "/api/v1/projects/" + p.id + "/invoices?limit=200", p.token));
    for (const JsonValue& invoice : list.member("data")->items)
      if (at(invoice, "pay_application_id") == at(app, "id")) return invoice;
    FAIL("no invoice for pay application " << at(app, "id"));
    return {};
  }
};

std::string change_order(ApiServer& api, const ApiProject& p, const std::string& title,
                         long long unit_cost) {
  std::string id =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders", p.token,
                R"({"title":")" + title + R"(","lines":[{"cost_code":"01-100","cost_type":"other",
                "description":")" +
                    title + R"(","quantity":1,"unit_cost_cents":)" + std::to_string(unit_cost) +
                    "}]}"),
         "id");
  expect(api, 200, "POST", "/api/v1/change-orders/" + id + "/submit", p.token);
  expect(api, 200, "POST", "/api/v1/change-orders/" + id + "/approve", p.token);
  return id;
}

}  // namespace

TEST_CASE("a project billed through four pay applications ties out on every line", "[process]") {
  ApiServer& api = shared_api_server();
  Billing b{api, accepted_project(api, kLines)};
  const std::string& project = b.p.id;

  // ---- Application 1, period to 2026-01-31: partial work, drywall stored on site.
  JsonValue app1 = b.create("2026-01-31");
  CHECK(at(app1, "number") == "1");
  CHECK(at(app1, "status") == "draft");
  CHECK(at(app1, "retainage_work_bps") == "1000");
  // One draft at a time.
  CHECK(at(expect(api, 409, "POST", "/api/v1/projects/" + project + "/pay-applications", b.p.token,
                  R"({"period_to":"2026-02-28"})"),
           "error.code") == "invalid_state");
  b.enter(app1, 1, R"({"this_period_cents":200000})");
  b.enter(app1, 2, R"({"this_period_cents":1000000,"stored_cents":500000})");
  // Past 100 % of the line: 1,000,000 + 3,500,000 > 4,000,000.
  HttpResult over = b.enter(app1, 2, R"({"stored_cents":3500000})", 422);
  CHECK(!at(over, "error.fields.stored_cents").empty());
  HttpResult over_work = b.enter(app1, 1, R"({"this_period_cents":1000001})", 422);
  CHECK(!at(over_work, "error.fields.this_period_cents").empty());
  app1 = b.get(app1);
  //        C          D  E          F        G          %     H          I
  // 1  1,000,000      0  200,000    0        200,000    2000  800,000    20,000
  // 2  4,000,000      0  1,000,000  500,000  1,500,000  3750  2,500,000  100,000 + 50,000
  // 3  5,000,000      0  0          0        0          0     5,000,000  0
  check_g703(app1, {{1000000, 0, 200000, 0, 200000, 2000, 800000, 20000},
                    {4000000, 0, 1000000, 500000, 1500000, 3750, 2500000, 150000},
                    {5000000, 0, 0, 0, 0, 0, 5000000, 0}});
  // 4 = 1,700,000; 5a = 20,000 + 100,000 = 120,000; 5b = 50,000; 5 = 170,000;
  // 6 = 1,530,000; 7 = 0; 8 = 1,530,000; 9 = 10,000,000 - 1,530,000 = 8,470,000.
  check_g702(app1,
             {10000000, 0, 10000000, 1700000, 120000, 50000, 170000, 1530000, 0, 1530000, 8470000});
  check_invariants(app1, nullptr);

  std::string path1 = "/api/v1/pay-applications/" + at(app1, "id");
  expect(api, 200, "POST", path1 + "/submit", b.p.token);
  // Submitted: its figures are frozen.
  CHECK(at(b.enter(app1, 1, R"({"this_period_cents":1})", 409), "error.code") == "invalid_state");
  // Returned, it is a draft again; submitted again unchanged.
  CHECK(at(expect(api, 200, "POST", path1 + "/return", b.p.token), "status") == "draft");
  expect(api, 200, "POST", path1 + "/submit", b.p.token);
  // More than is due cannot be certified.
  expect(api, 422, "POST", path1 + "/certify", b.p.token, R"({"certified_cents":1530001})");
  // Certified on the figures of a version that is no longer the one
  // submitted (If-Match): 412, nothing certified.
  std::string submitted = at(json_of(expect(api, 200, "GET", path1, b.p.token)), "version");
  std::string stale = std::to_string(std::stoi(submitted) - 1);
  HttpResult late = api.send("POST", path1 + "/certify", b.p.token, R"({"certified_cents":1530000})",
                             {{"If-Match", stale}});
  CHECK(late.status == 412);
  CHECK(at(json_of(late), "error.code") == "stale_version");
  CHECK(at(json_of(expect(api, 200, "GET", path1, b.p.token)), "status") == "submitted");
  HttpResult certified = api.send("POST", path1 + "/certify", b.p.token,
                                  R"({"certified_cents":1530000})", {{"If-Match", submitted}});
  REQUIRE(certified.status == 200);
  app1 = json_of(certified);
  CHECK(at(app1, "status") == "certified");
  CHECK(at(app1, "certified_cents") == "1530000");

  // Its progress invoice: paid in two payments; over-paying and voiding refused.
  JsonValue inv1 = b.invoice_of(app1);
  CHECK(at(inv1, "kind") == "progress");
  CHECK(at(inv1, "total_cents") == "1530000");
  std::string inv1_path = "/api/v1/invoices/" + at(inv1, "id");
  expect(api, 200, "POST", inv1_path + "/send", b.p.token);
  // Two people enter the same check against the balance they both saw
  // (If-Match: the invoice's version): the second is 412, not a payment twice.
  std::string seen = at(json_of(expect(api, 200, "GET", inv1_path, b.p.token)), "version");
  const std::string check = R"({"amount_cents":1000000,"received_on":"2026-02-15","method":"ach"})";
  CHECK(api.send("POST", inv1_path + "/payments", b.p.token, check, {{"If-Match", seen}}).status ==
        201);
  HttpResult twice =
      api.send("POST", inv1_path + "/payments", b.p.token, check, {{"If-Match", seen}});
  CHECK(twice.status == 412);
  CHECK(at(json_of(twice), "error.code") == "stale_version");
  CHECK(at(json_of(expect(api, 200, "GET", inv1_path, b.p.token)), "balance_cents") == "530000");
  HttpResult too_much = expect(api, 422, "POST", inv1_path + "/payments", b.p.token,
                               R"({"amount_cents":530001,"received_on":"2026-02-20"})");
  CHECK(!at(too_much, "error.fields.amount_cents").empty());
  CHECK(at(expect(api, 409, "POST", inv1_path + "/void", b.p.token), "error.code") ==
        "invalid_state");
  expect(api, 201, "POST", inv1_path + "/payments", b.p.token,
         R"({"amount_cents":530000,"received_on":"2026-02-20"})");
  JsonValue paid1 = json_of(expect(api, 200, "GET", inv1_path, b.p.token));
  CHECK(at(paid1, "status") == "paid");
  CHECK(at(paid1, "balance_cents") == "0");

  // ---- Two approved change orders: an extra (item 4) and a credit (item 5).
  change_order(api, b.p, "Extra data outlets", 600000);
  change_order(api, b.p, "Owner-supplied fixtures credit", -250000);

  // ---- Application 2, period to 2026-02-28: the stored drywall installed, more
  // work, electrical gear stored, part of the extra, all of the credit.
  JsonValue app2 = b.create("2026-02-28");
  // Carried: D = D + E, F as it stood (the drywall still on site on day one).
  CHECK(at(app2, "lines.1.previous_cents") == "1000000");
  CHECK(at(app2, "lines.1.stored_cents") == "500000");
  b.enter(app2, 1, R"({"this_period_cents":300000})");
  b.enter(app2, 2, R"({"this_period_cents":1500000,"stored_cents":0})");
  b.enter(app2, 3, R"({"this_period_cents":2000000,"stored_cents":1000000})");
  b.enter(app2, 4, R"({"this_period_cents":300000})");
  CHECK(!at(b.enter(app2, 4, R"({"this_period_cents":600001})", 422),
            "error.fields.this_period_cents")
             .empty());
  // A credit line runs the other way: at most its whole (negative) value.
  CHECK(!at(b.enter(app2, 5, R"({"this_period_cents":-250001})", 422),
            "error.fields.this_period_cents")
             .empty());
  b.enter(app2, 5, R"({"this_period_cents":-250000})");
  app2 = b.get(app2);
  //        C          D          E          F          G          %      H          I
  // 1  1,000,000    200,000    300,000    0          500,000    5000   500,000    50,000
  // 2  4,000,000  1,000,000  1,500,000    0        2,500,000    6250 1,500,000   250,000
  // 3  5,000,000      0      2,000,000  1,000,000  3,000,000    6000 2,000,000   200,000 + 100,000
  // 4    600,000      0        300,000    0          300,000    5000   300,000    30,000
  // 5   -250,000      0       -250,000    0         -250,000   10000       0     -25,000
  check_g703(app2, {{1000000, 200000, 300000, 0, 500000, 5000, 500000, 50000},
                    {4000000, 1000000, 1500000, 0, 2500000, 6250, 1500000, 250000},
                    {5000000, 0, 2000000, 1000000, 3000000, 6000, 2000000, 300000},
                    {600000, 0, 300000, 0, 300000, 5000, 300000, 30000},
                    {-250000, 0, -250000, 0, -250000, 10000, 0, -25000}});
  // 2 = 600,000 - 250,000 = 350,000; 3 = 10,350,000;
  // 4 = 500,000 + 2,500,000 + 3,000,000 + 300,000 - 250,000 = 6,050,000;
  // 5a = 50,000 + 250,000 + 200,000 + 30,000 - 25,000 = 505,000; 5b = 100,000; 5 = 605,000;
  // 6 = 5,445,000; 7 = 1,530,000 (certified on 1); 8 = 3,915,000;
  // 9 = 10,350,000 - 5,445,000 = 4,905,000 = (10,350,000 - 6,050,000) + 605,000.
  check_g702(app2, {10000000, 350000, 10350000, 6050000, 505000, 100000, 605000, 5445000, 1530000,
                    3915000, 4905000});
  check_invariants(app2, &app1);
  // The architect certifies less than requested: 3,500,000 of 3,915,000.
  app2 = b.submit_and_certify(app2, 3500000);
  CHECK(at(b.invoice_of(app2), "total_cents") == "3500000");

  // ---- Application 3, period to 2026-03-31: all work done, the stored gear installed.
  JsonValue app3 = b.create("2026-03-31");
  b.enter(app3, 1, R"({"this_period_cents":500000})");
  b.enter(app3, 2, R"({"this_period_cents":1500000})");
  b.enter(app3, 3, R"({"this_period_cents":3000000,"stored_cents":0})");
  b.enter(app3, 4, R"({"this_period_cents":300000})");
  app3 = b.get(app3);
  //        C          D          E          F   G           %      H   I
  // 1  1,000,000    500,000    500,000    0   1,000,000   10000   0   100,000
  // 2  4,000,000  2,500,000  1,500,000    0   4,000,000   10000   0   400,000
  // 3  5,000,000  2,000,000  3,000,000    0   5,000,000   10000   0   500,000
  // 4    600,000    300,000    300,000    0     600,000   10000   0    60,000
  // 5   -250,000   -250,000          0    0    -250,000   10000   0   -25,000
  check_g703(app3, {{1000000, 500000, 500000, 0, 1000000, 10000, 0, 100000},
                    {4000000, 2500000, 1500000, 0, 4000000, 10000, 0, 400000},
                    {5000000, 2000000, 3000000, 0, 5000000, 10000, 0, 500000},
                    {600000, 300000, 300000, 0, 600000, 10000, 0, 60000},
                    {-250000, -250000, 0, 0, -250000, 10000, 0, -25000}});
  // 4 = 10,350,000; 5 = 5a = 1,035,000; 6 = 9,315,000;
  // 7 = 1,530,000 + 3,500,000 = 5,030,000 (what was certified, not requested);
  // 8 = 9,315,000 - 5,030,000 = 4,285,000 (the 415,000 held back on 2 comes back);
  // 9 = 10,350,000 - 9,315,000 = 1,035,000 = (10,350,000 - 10,350,000) + 1,035,000.
  check_g702(app3, {10000000, 350000, 10350000, 10350000, 1035000, 0, 1035000, 9315000, 5030000,
                    4285000, 1035000});
  check_invariants(app3, &app2);
  app3 = b.submit_and_certify(app3, 4285000);

  // ---- Application 4: the retainage released, after the rates are set to 0.
  expect(api, 200, "PATCH", "/api/v1/projects/" + project, b.p.token,
         R"({"retainage_work_bps":0,"retainage_stored_bps":0})");
  JsonValue app4 = b.create("2026-04-30");
  CHECK(at(app4, "retainage_work_bps") == "0");
  CHECK(at(app4, "retainage_stored_bps") == "0");
  // Every line: D = G of application 3, nothing this period, no retainage.
  check_g703(app4, {{1000000, 1000000, 0, 0, 1000000, 10000, 0, 0},
                    {4000000, 4000000, 0, 0, 4000000, 10000, 0, 0},
                    {5000000, 5000000, 0, 0, 5000000, 10000, 0, 0},
                    {600000, 600000, 0, 0, 600000, 10000, 0, 0},
                    {-250000, -250000, 0, 0, -250000, 10000, 0, 0}});
  // 5 = 0; 6 = 10,350,000; 7 = 5,030,000 + 4,285,000 = 9,315,000;
  // 8 = 1,035,000 (the retainage held); 9 = 0.
  check_g702(app4, {10000000, 350000, 10350000, 10350000, 0, 0, 0, 10350000, 9315000, 1035000, 0});
  check_invariants(app4, &app3);
  app4 = b.submit_and_certify(app4, 1035000);
  JsonValue release = b.invoice_of(app4);
  CHECK(at(release, "kind") == "retainage_release");
  CHECK(at(release, "total_cents") == "1035000");

  // The project's financials from its documents:
  // billed = 1,530,000 + 3,500,000 + 4,285,000 + 1,035,000 = 10,350,000; paid 1,530,000.
  JsonValue f = json_of(expect(api, 200, "GET", "/api/v1/projects/" + project, b.p.token));
  CHECK(at(f, "financials.original_contract_sum_cents") == "10000000");
  CHECK(at(f, "financials.approved_change_orders_cents") == "350000");
  CHECK(at(f, "financials.contract_sum_to_date_cents") == "10350000");
  CHECK(at(f, "financials.billed_to_date_cents") == "10350000");
  CHECK(at(f, "financials.retainage_held_cents") == "0");
  CHECK(at(f, "financials.paid_to_date_cents") == "1530000");
  CHECK(at(f, "financials.outstanding_cents") == "8820000");
  CHECK(at(f, "financials.balance_to_finish_cents") == "0");
  JsonValue list = json_of(expect(api, 200, "GET", "/api/v1/projects?q=2026-020", b.p.token));
  CHECK(at(list, "data.0.financials.billed_to_date_cents") == "10350000");
}

TEST_CASE("twenty concurrent requests for the next pay application make one", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  ServerProcess server(
      ServerOptions{.binary = CONSTRUCTION_BINARY,
                    .args = {"-w", "4"},
                    .env = {{"DATABASE_URL", api.db.url()}, {"APP_ENV", "development"}}});
  std::vector<int> statuses(20);
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      statuses[i] =
          http_request(
              server.port(), "POST", "/api/v1/projects/" + p.id + "/pay-applications",
              R"({"period_to":"2026-01-31"})",
              {{"Authorization", "Bearer " + p.token}, {"Content-Type", "application/json"}}, 20000)
              .status;
    });
  for (auto& t : threads) t.join();
  CHECK(std::count(statuses.begin(), statuses.end(), 201) == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), 409) == 19);
  CHECK(api.db.scalar("SELECT count(*) FROM pay_applications WHERE project_id = " + p.id) == "1");
}
