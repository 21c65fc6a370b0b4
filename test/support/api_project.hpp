// A project set up through the API for the billing tests: a new
// organisation's owner, a project, and an estimate with the given lines sent
// and accepted, so the project has its contract sum and schedule of values.
#pragma once

#include <string>

#include "test/support/api_server.hpp"

namespace construction::testing {

struct ApiProject {
  std::string token;
  std::string id;
};

// `lines_json`: the estimate's "lines" array, e.g. R"([{"cost_code":…}])".
ApiProject accepted_project(ApiServer& api, const std::string& lines_json);

// POST with a JSON body (or none), REQUIRE the status, and return the answer.
HttpResult expect(ApiServer& api, int status, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& json = "");

// The message for a field of a 422 answer, by its whole name, dots and
// brackets included ("lines[0].cost_code"); "" when the field is not named.
std::string field_error(const HttpResult& result, const std::string& field);

}  // namespace construction::testing
