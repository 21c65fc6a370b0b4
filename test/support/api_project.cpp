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
  p.id = at(expect(api, 201, "POST", "/api/v1/projects", p.token,
                   R"({"number":"2026-020","name":"Office fit-out"})"),
            "id");
  std::string estimate = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates",
                                   p.token, R"({"title":"Fit-out","lines":)" + lines_json + "}"),
                            "id");
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/send", p.token);
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/accept", p.token);
  return p;
}

std::string field_error(const HttpResult& result, const std::string& field) {
  api::JsonValue body = json_of(result);
  const api::JsonValue* error = body.member("error");
  const api::JsonValue* fields = error ? error->member("fields") : nullptr;
  const api::JsonValue* message = fields ? fields->member(field) : nullptr;
  return message ? message->text : "";
}

}  // namespace construction::testing
