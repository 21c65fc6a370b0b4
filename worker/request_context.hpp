// What a handler knows about the request it serves: the parsed message, the
// path split from its query, the route's parameters ("{id}"), who asked
// (after trusted X-Forwarded-* headers) and the request id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/http_types.hpp"

namespace construction::http {

struct RequestContext {
  const Request& request;
  std::string_view path;
  std::string_view query;
  std::string_view route;  // the matched pattern, e.g. "/api/v1/projects/{id}"
  std::vector<std::pair<std::string_view, std::string_view>> params;
  std::string client_address;
  std::string scheme = "http";
  std::string request_id;

  std::optional<std::string_view> param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return std::nullopt;
  }
  // A query-string value, decoded ("?status=active&q=Smith"), of the first
  // parameter so named; nullopt when there is none. Throws NotText
  // (worker/url_encoded.hpp) when its value is not text: a handler never
  // gets bytes PostgreSQL would refuse.
  std::optional<std::string> query_value(std::string_view name) const;
  // A request header, or "" when absent.
  std::string_view header(std::string_view name) const;
};

// The value of a hex digit, or -1.
int hex_value(char c);

}  // namespace construction::http
