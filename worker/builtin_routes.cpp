#include "worker/builtin_routes.hpp"

#include "worker/metrics.hpp"

namespace construction::http {

void add_builtin_routes(Router& router, Scoreboard& scoreboard, Application* application) {
  router.add(
      Verb::get, "/health", [](RequestContext&) { return text_response(200, "ok"); },
      "Liveness: 200 ok while the server runs (no database)");
  router.add(
      Verb::get, "/metrics",
      [&scoreboard, application](RequestContext&) {
        std::string text = render_metrics(scoreboard);
        if (application) text += application->application_metrics();
        return make_response(200, "text/plain; version=0.0.4; charset=utf-8", text);
      },
      "Prometheus metrics for the whole server");
}

}  // namespace construction::http
