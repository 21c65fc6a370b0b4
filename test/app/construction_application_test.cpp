// The routes a worker serves, as `construction routes` lists them: each
// names who may call it and the file that adds it, and that file holds the
// pattern written out, so a grep of the URL lands on its handler.
#include "app/construction_application.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "api/api_routes.hpp"
#include "runtime/config.hpp"
#include "runtime/scoreboard.hpp"

using namespace construction;

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The pattern as its file writes it: the API's after /api/v1.
std::string written(const http::Route& route) {
  std::string_view pattern = route.pattern;
  if (pattern.starts_with(std::string(api::kApiBase) + "/"))
    pattern.remove_prefix(api::kApiBase.size());
  return "\"" + std::string(pattern) + "\"";
}

}  // namespace

TEST_CASE("every route is written out one line per URL in the file the listing names", "[unit]") {
  Config config;
  Scoreboard scoreboard;
  http::Router router;
  ConstructionApplication app;
  app.list_routes(config, scoreboard, router);
  REQUIRE(router.routes().size() > 100);
  std::set<std::string> seen;
  for (const http::Route& route : router.routes()) {
    std::string file = source_file(route);
    INFO(route.pattern << " from " << file << ":" << route.source.line());
    CHECK(seen.insert(std::string(http::beast_http::to_string(route.method)) + " " + route.pattern)
              .second);
    CHECK(!route.summary.empty());
    CHECK(!route.access.empty());
    std::filesystem::path path = std::filesystem::path(CONSTRUCTION_SOURCE_DIR) / file;
    REQUIRE(std::filesystem::is_regular_file(path));
    CHECK(!file.starts_with("worker/router"));  // a helper's file is not the handler's
    auto lines = lines_of(path);
    // The call that adds the route begins on its line; the pattern follows
    // within the next lines (clang-format wraps long calls).
    std::size_t first = route.source.line() - 1;
    REQUIRE(first < lines.size());
    bool found = false;
    for (std::size_t i = first; i < std::min(first + 3, lines.size()); ++i)
      found = found || lines[i].find(written(route)) != std::string::npos;
    CHECK(found);
  }
}

TEST_CASE("the listing says who may call each route", "[unit]") {
  Config config;
  Scoreboard scoreboard;
  http::Router router;
  ConstructionApplication app;
  app.list_routes(config, scoreboard, router);
  auto access = [&](http::Verb method, std::string_view pattern) {
    for (const http::Route& route : router.routes())
      if (route.method == method && route.pattern == pattern) return route.access;
    return std::string("(no such route)");
  };
  CHECK(access(http::Verb::get, "/health") == "anyone");
  CHECK(access(http::Verb::get, "/ready") == "anyone");
  CHECK(access(http::Verb::get, "/login") == "anyone");
  CHECK(access(http::Verb::get, "/projects/{id}/billing") == "member");
  CHECK(access(http::Verb::get, "/projects/{id}/budget") == "commercial");
  CHECK(access(http::Verb::post, "/projects") == "write projects");
  CHECK(access(http::Verb::post, "/commitments/{id}/lines/{line_id}/delete") == "write commercial");
  CHECK(access(http::Verb::post, "/api/v1/auth/tokens") == "anyone");
  CHECK(access(http::Verb::get, "/api/v1/openapi.json") == "anyone");
  // An API route: the roles its permission allows (domain::allows).
  CHECK(access(http::Verb::get, "/api/v1/vendor-bills/{id}/lines") == "owner|manager");
  CHECK(access(http::Verb::post, "/api/v1/projects") == "owner|manager");
  CHECK(access(http::Verb::get, "/api/v1/projects") == "owner|manager|field");
  CHECK(access(http::Verb::post, "/api/v1/daily-logs/{id}/submit") == "owner|manager|field");
  CHECK(access(http::Verb::post, "/api/v1/users") == "owner");
  CHECK(access(http::Verb::get, "/api/v1/users") == "owner|manager");
  CHECK(access(http::Verb::get, "/api/v1/me") == "owner|manager|field");
}
