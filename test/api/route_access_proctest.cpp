// Each API route says who may call it (ApiRoutes::add's permission, printed
// by `construction routes`), and its handler checks the same: a role the
// route does not name gets 403, a role it names gets past the door (a 404
// for an id nobody has, a 422 for an empty body, never 403).
#include <catch2/catch.hpp>

#include "app/construction_application.hpp"
#include "runtime/config.hpp"
#include "runtime/scoreboard.hpp"
#include "test/support/api_server.hpp"

using namespace construction;
using namespace construction::testing;

namespace {

// "/api/v1/estimates/{id}/lines/{line_id}" → "/api/v1/estimates/1/lines/1".
std::string with_ids(std::string pattern) {
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{'))
    pattern.replace(open, pattern.find('}', open) - open + 1, "1");
  return pattern;
}

bool names(const std::string& access, std::string_view role) {
  std::string roles = "|" + access + "|";
  return roles.find("|" + std::string(role) + "|") != std::string::npos;
}

}  // namespace

TEST_CASE("every API route's handler lets in exactly the roles the route names", "[process]") {
  Config config;
  Scoreboard scoreboard;
  http::Router router;
  ConstructionApplication app;
  app.list_routes(config, scoreboard, router);

  ApiServer& api = shared_api_server();
  std::string org = unique("Access");
  std::map<std::string, std::string> tokens;
  for (const char* role : {"owner", "manager", "field"})
    tokens[role] = api.user_token(org, unique(role) + "@example.com", role);

  int checked = 0;
  for (const http::Route& route : router.routes()) {
    if (!route.pattern.starts_with("/api/v1/") || route.access == "anyone") continue;
    auto verb = http::beast_http::to_string(route.method);
    std::string method(verb.data(), verb.size());
    std::string path = with_ids(route.pattern);
    for (const auto& [role, token] : tokens) {
      INFO(method << " " << path << " as " << role << " (route: " << route.access << ")");
      HttpResult result = method == "POST" || method == "PATCH"
                              ? api.send(method, path, token, "{}")
                              : api.call(method, path, token);
      if (names(route.access, role))
        CHECK(result.status != 403);
      else
        CHECK(result.status == 403);
    }
    ++checked;
  }
  CHECK(checked > 90);
}
