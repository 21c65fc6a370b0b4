// GET /metrics in Prometheus' text format, read from the shared scoreboard so
// whichever worker answers reports for all of them: requests by route and
// status, the latency histogram, worker restarts by cause, timeouts,
// database pool connections and busy/idle workers.
#pragma once

#include <string>

#include "runtime/scoreboard.hpp"

namespace construction::http {

std::string render_metrics(Scoreboard& scoreboard);

}  // namespace construction::http
