#include "sql/like_pattern.hpp"

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

}  // namespace construction::sql
