// A project set up through the API for the billing tests: a new
// organisation's owner, a project for a client with an email (sending
// emails documents to them), and an estimate with the given lines sent
// and accepted, so the project has its contract sum and schedule of values.
#pragma once

#include <string>
#include <vector>

#include "test/support/api_server.hpp"

namespace construction::testing {

struct ApiProject {
  std::string token;
  std::string id;
};

// `lines_json`: the estimate's "lines" array, e.g. R"([{"cost_code":…}])".
ApiProject accepted_project(ApiServer& api, const std::string& lines_json);

// One of each billing and site record on `p`, made by its owner: a draft
// change order with a line, a pending one, a draft pay application, a sent
// invoice and a draft one, a task and a daily log with a crew row.
struct BillingRecords {
  std::string co, co_line, pending_co, pay, pay_line, invoice, draft_invoice, task, log;
};
BillingRecords billing_records(ApiServer& api, const ApiProject& p);

// A request to send: method, path, JSON body ("" for none).
struct Probe {
  std::string method, path, body;
};
// Every route of change orders, pay applications, the schedule of values,
// invoices and payments (the commercial ones), on the records `r`.
std::vector<Probe> billing_routes(const ApiProject& p, const BillingRecords& r);

// POST with a JSON body (or none), REQUIRE the status, and return the answer.
HttpResult expect(ApiServer& api, int status, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& json = "");

// The message for a field of a 422 answer, by its whole name, dots and
// brackets included ("lines[0].cost_code"); "" when the field is not named.
std::string field_error(const HttpResult& result, const std::string& field);

}  // namespace construction::testing
