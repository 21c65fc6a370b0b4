// The routes every server has, whatever it serves: GET /health (200 "ok",
// no database: a process check) and GET /metrics.
#pragma once

#include "runtime/scoreboard.hpp"
#include "worker/router.hpp"

namespace construction::http {

void add_builtin_routes(Router& router, Scoreboard& scoreboard);

}  // namespace construction::http
