// X-Request-ID: the client's when it is sane (1–128 characters of
// [A-Za-z0-9._:-]), else a fresh 32-hex-digit id from a per-worker generator
// seeded from the kernel after fork (so workers never share a sequence).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace construction::http {

bool is_sane_request_id(std::string_view id);

class RequestIdGenerator {
 public:
  RequestIdGenerator();  // seeds from getrandom(2)
  std::string next();

 private:
  uint64_t next_word();
  uint64_t state_[4];
};

}  // namespace construction::http
