// The wall-clock strings every response and access-log line needs, formatted
// once a second rather than once a request.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace construction::http {

class WallClock {
 public:
  // "Wed, 25 Nov 2026 12:00:00 GMT" (the Date header).
  std::string_view http_date();
  // "[25/Nov/2026:12:00:00 +0000]" (Gunicorn's %(t)s).
  std::string_view access_log_time();

 private:
  void refresh();
  time_t second_ = -1;
  std::string http_date_;
  std::string access_log_time_;
};

}  // namespace construction::http
