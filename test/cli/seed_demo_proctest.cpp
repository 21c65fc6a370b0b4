// `construction seed-demo` against a scratch database, then what the demo
// owner sees over the API of a real server: two active projects, the kitchen
// remodel priced at $37,297.00 (cost $31,150.00) with its schedule of values,
// the office fit-out at 10 % retainage.
#include <catch2/catch.hpp>

#include "test/support/api_server.hpp"
#include "test/support/command.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

CommandResult seed_demo(const ScratchDatabase& db) {
  return run_command({CONSTRUCTION_BINARY, "seed-demo"}, {{"DATABASE_URL", db.url()}},
                     make_temp_dir("seed"));
}

// The rows of every table the seed writes, as one line to compare.
std::string row_counts(const ScratchDatabase& db) {
  return db.scalar(
      "SELECT concat_ws(' ', (SELECT count(*) FROM organisations), (SELECT count(*) FROM users),"
      " (SELECT count(*) FROM parties), (SELECT count(*) FROM projects),"
      " (SELECT count(*) FROM estimates), (SELECT count(*) FROM estimate_lines),"
      " (SELECT count(*) FROM schedule_of_values_lines), (SELECT count(*) FROM api_tokens),"
      " (SELECT sum(version) FROM projects), (SELECT sum(version) FROM estimates),"
      " (SELECT count(*) FROM change_orders), (SELECT count(*) FROM change_order_lines),"
      " (SELECT count(*) FROM pay_applications), (SELECT count(*) FROM pay_application_lines),"
      " (SELECT count(*) FROM invoices), (SELECT count(*) FROM payments),"
      " (SELECT count(*) FROM tasks), (SELECT count(*) FROM daily_logs),"
      " (SELECT count(*) FROM daily_log_crew), (SELECT count(*) FROM commitments),"
      " (SELECT count(*) FROM commitment_lines), (SELECT count(*) FROM vendor_bills),"
      " (SELECT count(*) FROM vendor_bill_lines))");
}

HttpResult get(const ServerProcess& server, const std::string& path, const std::string& token) {
  return http_request(server.port(), "GET", path, "", {{"Authorization", "Bearer " + token}},
                      10000);
}

// The id of the listed project with this number ("" when absent).
std::string project_id(const HttpResult& list, const std::string& number) {
  for (int i = 0; !at(list, "data." + std::to_string(i) + ".id").empty(); ++i)
    if (at(list, "data." + std::to_string(i) + ".number") == number)
      return at(list, "data." + std::to_string(i) + ".id");
  return "";
}

long long sum_of_schedule(const HttpResult& sov) {
  long long sum = 0;
  for (int i = 0; !at(sov, "data." + std::to_string(i) + ".id").empty(); ++i)
    sum += std::stoll(at(sov, "data." + std::to_string(i) + ".scheduled_value_cents"));
  return sum;
}

}  // namespace

TEST_CASE("seed-demo loads the demo organisation once, the owner sees its priced projects",
          "[process]") {
  ScratchDatabase db;
  CommandResult first = seed_demo(db);
  INFO(first.out << first.err);
  REQUIRE(first.status == 0);
  CHECK(first.out.find("created  organisation Demo Builders") != std::string::npos);
  CHECK(first.out.find("created  user demo@example.com (owner)") != std::string::npos);
  CHECK(first.out.find("Log in as demo@example.com with the password: demo\n") !=
        std::string::npos);
  // 1 organisation, 3 users, 6 parties, 2 projects, 2 estimates of 12 + 8
  // lines, schedules of 10 + 2 change orders + 8 lines (one a cost code), no
  // tokens; then 2 change orders of a line each, 2 pay applications of 8
  // lines, their 2 invoices with a payment each, 6 + 5 tasks, 5 daily logs
  // of 3 crew rows.
  std::string counts = row_counts(db);
  CHECK(counts.starts_with("1 3 6 2 2 20 20 0 "));
  CHECK(counts.ends_with(" 2 2 2 16 2 2 11 5 15 3 4 6 7"));

  CommandResult second = seed_demo(db);
  INFO(second.out << second.err);
  REQUIRE(second.status == 0);
  CHECK(second.out.find("created") == std::string::npos);
  CHECK(second.out.find("Nothing to load: the demo organisation is already there\n") !=
        std::string::npos);
  CHECK(second.out.find("Log in as demo@example.com with the password: demo\n") !=
        std::string::npos);
  CHECK(row_counts(db) == counts);

  ServerProcess server({.binary = CONSTRUCTION_BINARY,
                        .args = {"-w", "1"},
                        .env = {{"DATABASE_URL", db.url()}, {"APP_ENV", "development"}}});
  HttpResult login = http_request(server.port(), "POST", "/api/v1/auth/tokens",
                                  R"({"email":"demo@example.com","password":"demo"})",
                                  {{"Content-Type", "application/json"}}, 10000);
  INFO(login.body);
  REQUIRE(login.status == 201);
  std::string token = at(login, "token");

  HttpResult projects = get(server, "/api/v1/projects", token);
  REQUIRE(projects.status == 200);
  CHECK(at(projects, "data.2.id").empty());
  std::string kitchen = project_id(projects, "2026-014");
  std::string office = project_id(projects, "2026-021");
  REQUIRE(!kitchen.empty());
  REQUIRE(!office.empty());

  HttpResult remodel = get(server, "/api/v1/projects/" + kitchen, token);
  CHECK(at(remodel, "status") == "active");
  CHECK(at(remodel, "financials.original_contract_sum_cents") == "3729700");
  HttpResult sov = get(server, "/api/v1/projects/" + kitchen + "/schedule-of-values", token);
  REQUIRE(sov.status == 200);
  // The estimate's $37,297.00 and the two approved change orders' +$71.00.
  CHECK(sum_of_schedule(sov) == 3736800);
  CHECK(at(sov, "total_cents") == "3736800");
  CHECK(at(sov, "data.0.description") == "01-100 Project supervision");
  HttpResult estimates = get(server, "/api/v1/projects/" + kitchen + "/estimates", token);
  CHECK(at(estimates, "data.0.status") == "accepted");
  CHECK(at(estimates, "data.0.cost_cents") == "3115000");
  CHECK(at(estimates, "data.0.total_cents") == "3729700");
  CHECK(at(estimates, "data.1.id").empty());

  // The fit-out: $151,750.00 cost, $168,826.50 price (domain/demo_estimate.cpp).
  HttpResult fit_out = get(server, "/api/v1/projects/" + office, token);
  CHECK(at(fit_out, "status") == "active");
  CHECK(at(fit_out, "retainage_work_bps") == "1000");
  // Its pay applications go to its architect, who certifies them.
  REQUIRE(!at(fit_out, "architect_id").empty());
  CHECK(at(get(server, "/api/v1/parties/" + at(fit_out, "architect_id"), token), "name") ==
        "Lindqvist Architecture");
  CHECK(at(remodel, "architect_id") == "null");
  CHECK(at(fit_out, "financials.original_contract_sum_cents") == "16882650");
  HttpResult office_sov = get(server, "/api/v1/projects/" + office + "/schedule-of-values", token);
  CHECK(sum_of_schedule(office_sov) == 16882650);
  CHECK(at(get(server, "/api/v1/projects/" + office + "/estimates", token), "data.0.cost_cents") ==
        "15175000");

  // The kitchen's change orders: +4 x $185.00 x 1.15 = $851.00 and
  // -$650.00 x 1.20 = -$780.00, approved: +$71.00 on the contract.
  CHECK(at(remodel, "financials.approved_change_orders_cents") == "7100");
  CHECK(at(remodel, "financials.contract_sum_to_date_cents") == "3736800");
  // The fit-out's pay applications: each G702 ties to its G703.
  HttpResult apps = get(server, "/api/v1/projects/" + office + "/pay-applications", token);
  CHECK(at(apps, "data.1.status") == "certified");
  for (int a = 0; a < 2; ++a) {
    HttpResult app = get(
        server, "/api/v1/pay-applications/" + at(apps, "data." + std::to_string(a) + ".id"), token);
    long long c = 0, g = 0, i = 0;
    for (int k = 0; !at(app, "lines." + std::to_string(k) + ".id").empty(); ++k) {
      std::string line = "lines." + std::to_string(k) + ".";
      c += std::stoll(at(app, line + "scheduled_value_cents"));
      g += std::stoll(at(app, line + "completed_and_stored_cents"));
      i += std::stoll(at(app, line + "retainage_cents"));
    }
    INFO("application " << a + 1);
    CHECK(std::to_string(c) == at(app, "g702.contract_sum_to_date_cents"));
    CHECK(std::to_string(g) == at(app, "g702.completed_and_stored_to_date_cents"));
    CHECK(std::to_string(i) == at(app, "g702.retainage_cents"));
    CHECK(std::stoll(at(app, "g702.balance_to_finish_cents")) == c - g + i);  // 9 = (3 - 4) + 5
  }
  HttpResult fit_out_now = get(server, "/api/v1/projects/" + office, token);
  CHECK(at(fit_out_now, "financials.billed_to_date_cents") != "0");
  CHECK(at(fit_out_now, "financials.retainage_held_cents") != "0");

  // Its job costing: one cost code over budget, the partitions (09-210),
  // subcontracted and billed at 22,400.00 against 21,920.00 estimated.
  HttpResult budget = get(server, "/api/v1/projects/" + office + "/budget", token);
  int over = 0;
  for (int i = 0; !at(budget, "lines." + std::to_string(i) + ".cost_code").empty(); ++i) {
    std::string line = "lines." + std::to_string(i) + ".";
    if (std::stoll(at(budget, line + "variance_cents")) >= 0) continue;
    ++over;
    CHECK(at(budget, line + "cost_code") == "09-210");
    CHECK(at(budget, line + "variance_cents") == "-48000");
  }
  CHECK(over == 1);
  CHECK(at(budget, "totals.committed_cents") == "9575000");  // 31,400 + 52,500 + 11,850
  CHECK(at(budget, "totals.actual_cents") == "4474000");  // a month of bills, a credit among them
  CHECK(std::stoll(at(budget, "profit.projected_profit_cents")) > 0);
}
