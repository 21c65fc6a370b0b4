// The request-target (RFC 9112 §3.2) split for routing. The origin form
// ("/path?query") is what clients send a server, and is taken as it comes.
// The absolute form ("http://host/path?query") is what they send a proxy,
// and a server must accept it too (§3.2.2): its path and query are routed
// and its authority is the request's host, whatever the Host field says.
#pragma once

#include <optional>
#include <string_view>

namespace construction::http {

struct RequestTarget {
  std::string_view path;
  std::string_view query;
  std::string_view authority;  // the absolute form's host[:port]; empty otherwise
};

// Views into `target`. nullopt for a target no server should route: an
// absolute form that is not an http or https URI with a host, or one with
// userinfo (RFC 9110 §4.2.4 asks a recipient to treat it as an error).
std::optional<RequestTarget> split_target(std::string_view target);

}  // namespace construction::http
