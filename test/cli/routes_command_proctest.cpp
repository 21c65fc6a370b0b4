// `construction routes` as an operator types it: every route the server
// answers, one line each, with no database to be had.
#include <catch2/catch.hpp>
#include <sstream>

#include "app/construction_application.hpp"
#include "runtime/config.hpp"
#include "runtime/scoreboard.hpp"
#include "test/support/command.hpp"
#include "test/support/server_process.hpp"

using namespace construction;
using namespace construction::testing;

TEST_CASE("construction routes lists every route the router holds without a database",
          "[process]") {
  CommandResult r = run_command(
      {CONSTRUCTION_BINARY, "routes"},
      {{"APP_ENV", "development"}, {"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing"}},
      make_temp_dir("routes"));
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  std::vector<std::string> lines;
  std::istringstream out(r.out);
  for (std::string line; std::getline(out, line);) lines.push_back(line);
  REQUIRE(!lines.empty());
  CHECK(lines[0].starts_with("METHOD"));

  Config config;
  Scoreboard scoreboard;
  http::Router router;
  ConstructionApplication app;
  app.list_routes(config, scoreboard, router);
  REQUIRE(lines.size() == router.routes().size() + 1);
  for (std::size_t i = 0; i < router.routes().size(); ++i) {
    const http::Route& route = router.routes()[i];
    const std::string& line = lines[i + 1];
    INFO(line);
    auto verb = http::beast_http::to_string(route.method);
    CHECK(line.starts_with(std::string(verb.data(), verb.size()) + " "));
    CHECK(line.find(" " + route.pattern + " ") != std::string::npos);
    CHECK(line.find(" " + route.access + " ") != std::string::npos);
    CHECK(line.find(" " + source_file(route) + ":" + std::to_string(route.source.line()) + " ") !=
          std::string::npos);
    CHECK(line.ends_with(route.summary));
  }
}

TEST_CASE("construction routes is listed in --help and takes no arguments", "[process]") {
  CommandResult help = run_command({CONSTRUCTION_BINARY, "--help"});
  CHECK(help.out.find("  routes ") != std::string::npos);
  CommandResult extra = run_command({CONSTRUCTION_BINARY, "routes", "--all"},
                                    {{"APP_ENV", "development"}}, make_temp_dir("routes"));
  CHECK(extra.status == 2);
  CHECK(extra.err == "Usage: construction routes\n");
}
