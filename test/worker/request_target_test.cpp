// The request-target split for routing: the origin form as sent, the
// absolute form (RFC 9112 §3.2.2) by its path and query, with its authority.
#include "worker/request_target.hpp"

#include <catch2/catch.hpp>

using namespace construction::http;

namespace {
std::string parts(std::string_view target) {
  auto t = split_target(target);
  if (!t) return "refused";
  return std::string(t->authority) + " " + std::string(t->path) + " " + std::string(t->query);
}
}  // namespace

TEST_CASE("the origin form is routed as sent", "[unit]") {
  CHECK(parts("/projects?q=a%20b&x") == " /projects q=a%20b&x");
  CHECK(parts("/health") == " /health ");
  CHECK(parts("/a|b?q={x}") == " /a|b q={x}");
  CHECK(parts("*") == " * ");
}

TEST_CASE("the absolute form is routed by its path and its authority is the host", "[unit]") {
  CHECK(parts("http://localhost/health") == "localhost /health ");
  CHECK(parts("HTTPS://Example.test:8443/projects?q=1") == "Example.test:8443 /projects q=1");
  CHECK(parts("http://example.test") == "example.test / ");
  CHECK(parts("http://example.test?q=1") == "example.test / q=1");
  CHECK(parts("http://[::1]:8000/health") == "[::1]:8000 /health ");
  for (const char* refused :
       {"ftp://example.test/", "http:///health", "http://user@host/", "http://host/#fragment",
        "http//host/health", "example.test:443", "mailto:someone@example.test"}) {
    INFO(refused);
    CHECK(parts(refused) == "refused");
  }
}
