// `construction routes`: every route the server answers, one line each, in
// the order the router tries them, as `rails routes` prints them: method,
// pattern, who may call it, the file and line that add it (its handler sits
// beside it) and what it does. GET routes answer HEAD too. The routes are
// added as a worker adds them, to a pool that never connects: no database
// is needed.
#include <algorithm>
#include <iostream>

#include "app/construction_application.hpp"
#include "cli/commands.hpp"
#include "runtime/scoreboard.hpp"

namespace construction::cli {

namespace {

struct Line {
  std::string method, pattern, access, source, summary;
};

Line line_of(const http::Route& route) {
  auto verb = http::beast_http::to_string(route.method);
  return {std::string(verb.data(), verb.size()), route.pattern, route.access,
          source_file(route) + ":" + std::to_string(route.source.line()), route.summary};
}

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(width - text.size() + 2, ' ');
}

}  // namespace

int routes(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "Usage: construction routes\n";
    return 2;
  }
  Config config = load_command_config();
  Scoreboard scoreboard;
  http::Router router;
  ConstructionApplication app;
  app.list_routes(config, scoreboard, router);

  std::vector<Line> lines{{"METHOD", "PATTERN", "ACCESS", "SOURCE", "SUMMARY"}};
  for (const http::Route& route : router.routes()) lines.push_back(line_of(route));
  std::size_t method = 0, pattern = 0, access = 0, source = 0;
  for (const Line& l : lines) {
    method = std::max(method, l.method.size());
    pattern = std::max(pattern, l.pattern.size());
    access = std::max(access, l.access.size());
    source = std::max(source, l.source.size());
  }
  for (const Line& l : lines)
    std::cout << padded(l.method, method) << padded(l.pattern, pattern) << padded(l.access, access)
              << padded(l.source, source) << l.summary << "\n";
  return 0;
}

}  // namespace construction::cli
