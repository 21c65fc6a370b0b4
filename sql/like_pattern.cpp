#include "sql/like_pattern.hpp"

#include <cctype>

namespace construction::sql {

std::string containing_pattern(std::string_view text) {
  std::string pattern = "%";
  pattern.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

bool has_trigram(std::string_view text) {
  int run = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) == 0x80) continue;  // the rest of a character beyond ASCII
    const bool word = byte >= 0x80 || std::isalnum(byte);
    run = word ? run + 1 : 0;
    if (run == 3) return true;
  }
  return false;
}

}  // namespace construction::sql
