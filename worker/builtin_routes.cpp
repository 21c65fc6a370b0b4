#include "worker/builtin_routes.hpp"

#include "worker/metrics.hpp"

namespace construction::http {

void add_builtin_routes(Router& router, Scoreboard& scoreboard) {
  router.add(
      Verb::get, "/health", [](RequestContext&) { return text_response(200, "ok"); },
      "Liveness: 200 ok while the server runs (no database)");
  router.add(
      Verb::get, "/metrics",
      [&scoreboard](RequestContext&) {
        return make_response(200, "text/plain; version=0.0.4; charset=utf-8",
                             render_metrics(scoreboard));
      },
      "Prometheus metrics for the whole server");
}

}  // namespace construction::http
