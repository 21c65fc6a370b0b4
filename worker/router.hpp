// The route table: (method, path pattern) → handler. Patterns are literal
// segments and "{name}" parameters: "/api/v1/projects/{id}". A path that
// matches no pattern is 404; one that matches with another method is 405
// (with Allow). The table is also what openapi.json is checked against.
#pragma once

#include <functional>
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
  std::string summary;  // one line for the route listing and openapi.json
};

class Router {
 public:
  void add(Verb method, std::string pattern, Handler handler, std::string summary = {});

  struct Match {
    const Route* route = nullptr;          // set when found
    std::vector<std::string> allowed;      // methods allowed on the path when not found
  };
  // On a match, fills ctx.params and ctx.route. HEAD matches GET routes.
  Match match(Verb method, std::string_view path, RequestContext& ctx) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace construction::http
