// openapi.json, generated from the Router's table (method, pattern,
// summary), so the description cannot drift from the routes that exist.
#pragma once

#include <string>

#include "worker/router.hpp"

namespace construction::api {

// An OpenAPI 3.0 document of every route under /api/v1.
std::string openapi_document(const http::Router& router);

}  // namespace construction::api
