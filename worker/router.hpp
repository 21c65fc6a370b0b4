// The route table: (method, path pattern) → handler. Patterns are literal
// segments and "{name}" parameters: "/api/v1/projects/{id}". A path that
// matches no pattern is 404; one that matches with another method is 405
// (with Allow). The table is also what openapi.json is generated from and
// what `construction routes` prints.
#pragma once

#include <functional>
#include <source_location>
#include <string>
#include <vector>

#include "worker/request_context.hpp"

namespace construction::http {

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  Verb method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  std::string summary;          // one line for the route listing and openapi.json
  std::string access;           // who may call it, for the listing: "anyone", "member", "token"…
  std::source_location source;  // where the route is added, beside its handler
};

// A route's source file as the tree names it ("views/project_pages.cpp"),
// however the compiler was given the path (absolute, or relative to the
// build directory as ccache hands it over).
std::string source_file(const Route& route);

class Router {
 public:
  // `source`: the caller's; a helper that adds routes for others passes on
  // its own caller's, so the listing names the file that holds the handler.
  void add(Verb method, std::string pattern, Handler handler, std::string summary = {},
           std::string access = "anyone",
           std::source_location source = std::source_location::current());

  struct Match {
    const Route* route = nullptr;      // set when found
    std::vector<std::string> allowed;  // methods allowed on the path when not found
  };
  // On a match, fills ctx.params and ctx.route. HEAD matches GET routes.
  Match match(Verb method, std::string_view path, RequestContext& ctx) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace construction::http
