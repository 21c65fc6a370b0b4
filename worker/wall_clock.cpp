#include "worker/wall_clock.hpp"

namespace construction::http {

void WallClock::refresh() {
  time_t now = ::time(nullptr);
  if (now == second_) return;
  second_ = now;
  struct tm tm;
  gmtime_r(&now, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  http_date_ = buf;
  strftime(buf, sizeof buf, "[%d/%b/%Y:%H:%M:%S +0000]", &tm);
  access_log_time_ = buf;
}

std::string_view WallClock::http_date() {
  refresh();
  return http_date_;
}

std::string_view WallClock::access_log_time() {
  refresh();
  return access_log_time_;
}

}  // namespace construction::http
