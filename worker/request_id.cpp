#include "worker/request_id.hpp"

#include <sys/random.h>

namespace construction::http {

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

RequestIdGenerator::RequestIdGenerator() {
  if (::getrandom(state_, sizeof state_, 0) != static_cast<ssize_t>(sizeof state_)) {
    state_[0] = 0x9E3779B97F4A7C15ull;  // never all zero
    state_[1] = state_[2] = state_[3] = 1;
  }
}

// xoshiro256**: fast and good enough for ids (not for secrets).
uint64_t RequestIdGenerator::next_word() {
  auto rotl = [](uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  uint64_t result = rotl(state_[1] * 5, 7) * 9;
  uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::string RequestIdGenerator::next() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  uint64_t words[2] = {next_word(), next_word()};
  for (int i = 0; i < 32; ++i) id[i] = kHex[(words[i / 16] >> ((i % 16) * 4)) & 0xF];
  return id;
}

}  // namespace construction::http
