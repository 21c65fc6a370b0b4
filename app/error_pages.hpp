// How an error looks to whoever asked: the API's JSON error shape
// ({"error": {"code", "message"}}) under /api, a small HTML page elsewhere.
#pragma once

#include "worker/request_context.hpp"

namespace construction {

bool wants_json(const http::RequestContext& ctx);
http::Response error_page(unsigned status, const http::RequestContext& ctx);
http::Response database_unavailable(const http::RequestContext& ctx);

}  // namespace construction
