#include "worker/request_context.hpp"

#include "worker/url_encoded.hpp"

namespace construction::http {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> RequestContext::query_value(std::string_view name) const {
  std::optional<std::string> found;
  for_each_pair(query, [&](std::string_view encoded_name, std::string_view encoded_value) {
    if (found || decode_text(encoded_name) != name) return;
    found = decode_text(encoded_value);
    if (!found) throw NotText(std::string(name));
  });
  return found;
}

std::string_view RequestContext::header(std::string_view name) const {
  auto it = request.find(boost::beast::string_view(name.data(), name.size()));
  if (it == request.end()) return {};
  auto v = it->value();
  return {v.data(), v.size()};
}

}  // namespace construction::http
