// Values a careless user types that the product refuses rather than keeps:
// a payment received in years to come (a typo of the year), task dates
// outside ten years either side of today, and an invoice for nothing.
// Over HTTP, as a client sends them; the rules are the operations' (one
// place for the API and the pages).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

#include "test/support/api_project.hpp"

using namespace construction::testing;

namespace {

const std::string kLines =
    R"([{"cost_code":"09-250","cost_type":"material","description":"x","quantity":1,"unit_cost_cents":100000}])";

// Today (UTC) moved by `days`, as YYYY-MM-DD.
std::string day_from_today(int days) {
  using namespace std::chrono;
  year_month_day d{floor<std::chrono::days>(system_clock::now()) + std::chrono::days{days}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

std::string payment(const std::string& received_on) {
  return R"({"amount_cents":100,"received_on":")" + received_on + R"(","method":"check"})";
}

}  // namespace

TEST_CASE("a payment received in the future is refused naming received_on, tomorrow is not",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string payments = "/api/v1/invoices/" + r.invoice + "/payments";
  auto paid = [&] {
    return api.db.scalar(
        "SELECT count(*) || ':' || sum(amount_cents) FROM payments WHERE "
        "invoice_id = " +
        r.invoice);
  };
  for (const std::string& day : {std::string("2099-01-01"), day_from_today(2), day_from_today(400),
                                 std::string("1999-12-31"), std::string("0001-01-01")}) {
    INFO("received_on " << day);
    HttpResult refused = expect(api, 422, "POST", payments, p.token, payment(day));
    CHECK(field_error(refused, "received_on").starts_with("must be between "));
  }
  CHECK(api.db.scalar("SELECT count(*) FROM payments WHERE invoice_id = " + r.invoice) == "0");
  // Received today, or "tomorrow" where the client's day is ahead of UTC.
  expect(api, 201, "POST", payments, p.token, payment(day_from_today(0)));
  expect(api, 201, "POST", payments, p.token, payment(day_from_today(1)));
  expect(api, 201, "POST", payments, p.token, payment(day_from_today(-365)));
  CHECK(paid() == "3:300");
}

TEST_CASE("task dates outside ten years either side of today are refused naming the field",
          "[process]") {
  ApiServer& api = shared_api_server();
  std::string token =
      api.user_token(unique("Window Org"), unique("owner") + "@example.com", "owner");
  std::string project = at(
      expect(api, 201, "POST", "/api/v1/projects", token, R"({"number":"W-1","name":"P"})"), "id");
  const std::string tasks = "/api/v1/projects/" + project + "/tasks";
  HttpResult far = expect(api, 422, "POST", tasks, token,
                          R"({"name":"Typo","start_date":"0001-01-01","end_date":"9999-12-31"})");
  CHECK(field_error(far, "start_date").starts_with("must be between "));
  CHECK(field_error(far, "end_date").starts_with("must be between "));
  expect(api, 422, "POST", tasks, token,
         R"({"name":"Typo","end_date":")" + day_from_today(3660 + 5) + R"("})");
  expect(api, 422, "POST", tasks, token,
         R"({"name":"Typo","start_date":")" + day_from_today(-3660 - 5) + R"("})");
  CHECK(api.db.scalar("SELECT count(*) FROM tasks WHERE project_id = " + project) == "0");
  std::string task = at(expect(api, 201, "POST", tasks, token,
                               R"({"name":"Framing","start_date":")" + day_from_today(-3600) +
                                   R"(","end_date":")" + day_from_today(3600) + R"("})"),
                        "id");
  HttpResult moved =
      expect(api, 422, "PATCH", "/api/v1/tasks/" + task, token, R"({"end_date":"2206-12-04"})");
  CHECK(field_error(moved, "end_date").starts_with("must be between "));
  CHECK(api.db.scalar("SELECT version FROM tasks WHERE id = " + task) == "1");
}

TEST_CASE("an invoice for nothing is refused naming total_cents, created or changed", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  const std::string invoices = "/api/v1/projects/" + p.id + "/invoices";
  std::string before = api.db.scalar("SELECT count(*) FROM invoices");
  HttpResult zero =
      expect(api, 422, "POST", invoices, p.token, R"({"kind":"deposit","total_cents":0})");
  CHECK(field_error(zero, "total_cents") == "must be more than $0.00");
  CHECK(api.db.scalar("SELECT count(*) FROM invoices") == before);
  HttpResult emptied = expect(api, 422, "PATCH", "/api/v1/invoices/" + r.draft_invoice, p.token,
                              R"({"total_cents":0})");
  CHECK(field_error(emptied, "total_cents") == "must be more than $0.00");
  CHECK(api.db.scalar("SELECT total_cents || ':' || version FROM invoices WHERE id = " +
                      r.draft_invoice) == "100:1");
  // A cent is an invoice.
  expect(api, 201, "POST", invoices, p.token, R"({"kind":"other","total_cents":1})");
}
