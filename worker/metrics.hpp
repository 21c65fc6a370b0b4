// GET /metrics in Prometheus' text format, read from the shared scoreboard so
// whichever worker answers reports for all of them: requests by route and
// status, the latency histogram, worker restarts by cause, timeouts,
// database pool connections and busy/idle workers. Labels are bounded: a
// method Beast does not know is "other", a path no route matches
// "(unmatched)", a request that could not be read "(invalid)"; requests that
// still find the series table full are counted in
// construction_http_requests_unrecorded_total.
#pragma once

#include <string>

#include "runtime/scoreboard.hpp"

namespace construction::http {

std::string render_metrics(Scoreboard& scoreboard);

}  // namespace construction::http
