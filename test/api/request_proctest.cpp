// If-Match (api/request.hpp): a write that names a version other than the
// stored one is refused with 412 and changes nothing, on every route that
// changes or deletes a versioned record; the current version passes.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;

TEST_CASE("a stale If-Match is 412 on every versioned write and changes nothing", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(
      api, R"([{"cost_code":"01-100","cost_type":"other","description":"d","quantity":1,
               "unit_cost_cents":100000}])");
  BillingRecords r = billing_records(api, p);
  const std::string &co = r.co, &co_line = r.co_line, &invoice = r.draft_invoice, &task = r.task,
                    &log = r.log;
  const std::string pay_line = "/api/v1/pay-applications/" + r.pay + "/lines/" + r.pay_line;
  auto versions = [&] {
    return api.db.scalar(
        "SELECT concat_ws(',', (SELECT version FROM projects WHERE id = " + p.id +
        "), "
        "(SELECT version FROM change_orders WHERE id = " +
        co +
        "), "
        "(SELECT version FROM change_order_lines WHERE id = " +
        co_line +
        "), "
        "(SELECT sum(version) FROM pay_application_lines WHERE pay_application_id = " +
        r.pay + "), (SELECT version FROM invoices WHERE id = " + invoice +
        "), "
        "(SELECT version FROM tasks WHERE id = " +
        task +
        "), "
        "(SELECT version FROM daily_logs WHERE id = " +
        log + "))");
  };
  std::string before = versions();

  struct Write {
    std::string method, path, body;
  };
  const std::vector<Write> writes = {
      {"PATCH", "/api/v1/projects/" + p.id, R"({"name":"Renamed"})"},
      {"PATCH", "/api/v1/change-orders/" + co, R"({"title":"Renamed"})"},
      {"DELETE", "/api/v1/change-orders/" + co, ""},
      {"PATCH", "/api/v1/change-orders/" + co + "/lines/" + co_line, R"({"quantity":2})"},
      {"PATCH", pay_line, R"({"this_period_cents":100})"},
      {"PATCH", "/api/v1/invoices/" + invoice, R"({"notes":"n"})"},
      {"PATCH", "/api/v1/tasks/" + task, R"({"name":"Renamed"})"},
      {"DELETE", "/api/v1/tasks/" + task, ""},
      {"PATCH", "/api/v1/daily-logs/" + log, R"({"weather":"Rain"})"},
      {"DELETE", "/api/v1/daily-logs/" + log, ""},
  };
  for (const Write& w : writes) {
    HttpResult r = w.body.empty()
                       ? api.call(w.method, w.path, p.token, "", {{"If-Match", "99"}})
                       : api.send(w.method, w.path, p.token, w.body, {{"If-Match", "99"}});
    INFO(w.method << " " << w.path << " -> " << r.body);
    CHECK(r.status == 412);
  }
  CHECK(versions() == before);

  // The current version passes: the project's is 2 (accepting its estimate
  // set its contract sum), every other record's 1.
  for (const Write& w : writes) {
    if (w.method != "PATCH") continue;
    std::string current = w.path == "/api/v1/projects/" + p.id ? "2" : "1";
    HttpResult r = api.send(w.method, w.path, p.token, w.body, {{"If-Match", current}});
    INFO(w.method << " " << w.path << " -> " << r.body);
    CHECK(r.status == 200);
  }
  CHECK(versions() != before);
}
