// The pages the application answers for the serving core (a handler that
// threw, a path no route knows) carry the same security headers as every
// other page: a 500 is where an attacker looks first.
#include <catch2/catch.hpp>

#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

TEST_CASE("the 500 and 404 pages carry the pages' security headers", "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  for (const char* path : {"/throw", "/no/such/page"}) {
    INFO(path);
    HttpResult r = http_get(server.port(), path);
    CHECK((r.status == 500 || r.status == 404));
    CHECK(r.header("content-type") == "text/html; charset=utf-8");
    CHECK(r.header("content-security-policy").find("default-src 'self'") != std::string::npos);
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("x-frame-options") == "DENY");
    CHECK(r.header("referrer-policy") == "same-origin");
    CHECK(r.header("cache-control") == "no-store");
  }
}
