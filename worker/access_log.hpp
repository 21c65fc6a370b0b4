// The access log, in Gunicorn's default format
//   %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"
// followed by the request time in microseconds and the request id:
//   127.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "curl/7.88.1" 153 5f0c…
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/log_file.hpp"

namespace construction::http {

struct AccessEntry {
  std::string_view client_address;
  std::string_view time;  // from WallClock::access_log_time()
  std::string_view request_line;
  unsigned status;
  uint64_t body_bytes;
  std::string_view referer;
  std::string_view user_agent;
  uint64_t duration_us;
  std::string_view request_id;
};

std::string format_access_entry(const AccessEntry& entry);

class AccessLog {
 public:
  explicit AccessLog(const std::string& path) : file_(path, 1) {}
  void write(const AccessEntry& entry) { file_.write(format_access_entry(entry)); }
  void reopen() { file_.reopen(); }

 private:
  LogFile file_;
};

}  // namespace construction::http
