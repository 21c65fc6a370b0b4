// The routes every server has, whatever it serves: GET /health (200 "ok",
// no database: a process check) and GET /metrics (the core's families, then
// the application's own, Application::application_metrics).
#pragma once

#include "runtime/scoreboard.hpp"
#include "worker/application.hpp"
#include "worker/router.hpp"

namespace construction::http {

void add_builtin_routes(Router& router, Scoreboard& scoreboard,
                        Application* application = nullptr);

}  // namespace construction::http
