// ApiRoutes: how the API's handlers are added to the worker's Router. Each
// handler gets one pooled connection for the whole request, and this is the
// one place that turns a refusal into its answer: an ApiError as itself, the
// sql layer's unique and foreign-key violations as 409 conflict (the
// database is the last word on races such as two requests taking the same
// project number). Paths are given after /api/v1.
#pragma once

#include <functional>
#include <string>

#include "sql/pool.hpp"
#include "worker/router.hpp"

namespace construction::api {

inline constexpr std::string_view kApiBase = "/api/v1";

using ApiHandler = std::function<http::Response(http::RequestContext&, sql::Connection&)>;

class ApiRoutes {
 public:
  ApiRoutes(http::Router& router, sql::Pool& pool) : router_(router), pool_(pool) {}

  void add(http::Verb method, const std::string& path, ApiHandler handler, std::string summary);
  // A route that needs no database (openapi.json).
  void add_static(http::Verb method, const std::string& path,
                  std::function<http::Response(http::RequestContext&)> handler,
                  std::string summary);

  http::Router& router() { return router_; }

 private:
  http::Router& router_;
  sql::Pool& pool_;
};

}  // namespace construction::api
