#include "test/support/api_project.hpp"

#include <catch2/catch.hpp>

namespace construction::testing {

HttpResult expect(ApiServer& api, int status, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& json) {
  HttpResult r = json.empty() ? api.call(method, path, token) : api.send(method, path, token, json);
  INFO(method << " " << path << " " << json << " -> " << r.body);
  REQUIRE(r.status == status);
  return r;
}

ApiProject accepted_project(ApiServer& api, const std::string& lines_json) {
  ApiProject p;
  p.token = api.user_token(unique("Billing"), unique("owner") + "@example.com", "owner");
  // A client with an email: sending the estimate emails it to them.
  std::string client =
      at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                R"({"kind":"client","name":"Harbor Dental","email":"owner@harbor.example"})"),
         "id");
  p.id = at(expect(api, 201, "POST", "/api/v1/projects", p.token,
                   R"({"number":"2026-020","name":"Office fit-out","client_id":)" + client + "}"),
            "id");
  std::string estimate = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates",
                                   p.token, R"({"title":"Fit-out","lines":)" + lines_json + "}"),
                            "id");
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/send", p.token);
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/accept", p.token);
  return p;
}

BillingRecords billing_records(ApiServer& api, const ApiProject& p) {
  BillingRecords r;
  const std::string& a = p.token;
  const std::string line =
      R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,"unit_cost_cents":-1})";
  HttpResult draft = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders", a,
                            R"({"title":"C","lines":[)" + line + "]}");
  r.co = at(draft, "id");
  r.co_line = at(draft, "lines.0.id");
  r.pending_co = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders", a,
                           R"({"title":"P","lines":[)" + line + "]}"),
                    "id");
  expect(api, 200, "POST", "/api/v1/change-orders/" + r.pending_co + "/submit", a);
  HttpResult app = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications", a,
                          R"({"period_to":"2026-01-31"})");
  r.pay = at(app, "id");
  r.pay_line = at(app, "lines.0.id");
  r.invoice = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/invoices", a,
                        R"({"kind":"deposit","total_cents":5000})"),
                 "id");
  expect(api, 200, "POST", "/api/v1/invoices/" + r.invoice + "/send", a);
  r.draft_invoice = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/invoices", a,
                              R"({"kind":"other","total_cents":100})"),
                       "id");
  r.task = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/tasks", a, R"({"name":"T"})"),
              "id");
  r.log = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/daily-logs", a,
                    R"({"log_date":"2026-03-02","crew":[{"trade":"x","headcount":1,
                        "hours":1}]})"),
             "id");
  return r;
}

std::vector<Probe> billing_routes(const ApiProject& p, const BillingRecords& r) {
  const std::string project = "/api/v1/projects/" + p.id;
  const std::string co = "/api/v1/change-orders/" + r.co;
  const std::string pending = "/api/v1/change-orders/" + r.pending_co;
  const std::string pay = "/api/v1/pay-applications/" + r.pay;
  const std::string invoice = "/api/v1/invoices/" + r.invoice;
  return {
      {"GET", project + "/change-orders", ""},
      {"POST", project + "/change-orders", R"({"title":"x"})"},
      {"GET", co, ""},
      {"PATCH", co, R"({"title":"x"})"},
      {"DELETE", co, ""},
      {"POST", co + "/submit", ""},
      {"POST", pending + "/approve", ""},
      {"POST", pending + "/reject", ""},
      {"POST", pending + "/void", ""},
      {"GET", co + "/lines", ""},
      {"POST", co + "/lines",
       R"({"cost_code":"01-100","cost_type":"other","description":"x","quantity":1,"unit_cost_cents":-1})"},
      {"GET", co + "/lines/" + r.co_line, ""},
      {"PATCH", co + "/lines/" + r.co_line, R"({"quantity":2})"},
      {"DELETE", co + "/lines/" + r.co_line, ""},
      {"GET", project + "/pay-applications", ""},
      {"POST", project + "/pay-applications", R"({"period_to":"2026-02-28"})"},
      {"GET", pay, ""},
      {"PATCH", pay + "/lines/" + r.pay_line, R"({"this_period_cents":1})"},
      {"POST", pay + "/submit", ""},
      {"POST", pay + "/certify", R"({"certified_cents":0})"},
      {"POST", pay + "/return", ""},
      {"GET", project + "/schedule-of-values", ""},
      {"GET", project + "/invoices", ""},
      {"POST", project + "/invoices", R"({"kind":"other","total_cents":1})"},
      {"GET", invoice, ""},
      {"PATCH", invoice, R"({"notes":"x"})"},
      {"POST", invoice + "/send", ""},
      {"POST", invoice + "/void", ""},
      {"GET", invoice + "/payments", ""},
      {"POST", invoice + "/payments", R"({"amount_cents":1,"received_on":"2026-03-01"})"},
  };
}

std::string field_error(const HttpResult& result, const std::string& field) {
  api::JsonValue body = json_of(result);
  const api::JsonValue* error = body.member("error");
  const api::JsonValue* fields = error ? error->member("fields") : nullptr;
  const api::JsonValue* message = fields ? fields->member(field) : nullptr;
  return message ? message->text : "";
}

}  // namespace construction::testing
