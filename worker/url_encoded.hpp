// application/x-www-form-urlencoded: the pages' form bodies and every query
// string. One decoder for both, Boost.URL's: '+' is a space, %XX a byte.
// A name or value is *text* only when each escape is well formed and the
// bytes are UTF-8 (RFC 3629, runtime/utf8.hpp) without NUL: PostgreSQL
// refuses anything else, so nothing else reaches a handler as text.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace construction::http {

// One name or value, decoded; nullopt when it is not text. A cookie's value
// is decoded with `plus_is_space` false ('+' stays '+').
std::optional<std::string> decode_text(std::string_view encoded, bool plus_is_space = true);

// Calls `each(name, value)` with each name=value pair, still encoded, in the
// order sent; a pair without '=' has an empty value, an empty pair is skipped.
template <class Each>
void for_each_pair(std::string_view encoded, Each&& each) {
  while (!encoded.empty()) {
    auto amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    auto eq = pair.find('=');
    if (!pair.empty())
      each(pair.substr(0, eq),
           eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    encoded.remove_prefix(amp + 1);
  }
}

struct DecodedForm {
  std::vector<std::pair<std::string, std::string>> fields;  // the text ones, in the order sent
  std::vector<std::string> not_text;  // the names of the others, made readable
};
DecodedForm decode_form(std::string_view encoded);

// The name of the first pair of `encoded` whose name or value is not text
// (made readable), or nullopt when all are.
std::optional<std::string> first_not_text(std::string_view encoded);

// A name as a person can read it in a message: decoded when it is text,
// else as sent, with every byte that starts no UTF-8 character replaced.
std::string readable_name(std::string_view encoded);

// Thrown when a query parameter a handler reads is not text: the pages
// answer 400, the API 422, each naming it.
struct NotText : std::invalid_argument {
  explicit NotText(std::string name)
      : std::invalid_argument("query parameter " + name + " is not text"), field(std::move(name)) {}
  std::string field;
};

}  // namespace construction::http
