// The route table keeps where each route is added, named as the tree names
// the file, whichever way the compiler was handed the path.
#include "worker/router.hpp"

#include <catch2/catch.hpp>

using namespace construction;

TEST_CASE("a route names the file and line that add it relative to the tree", "[unit]") {
  http::Router router;
  unsigned line = std::source_location::current().line() + 1;
  router.add(http::Verb::get, "/here",
             [](http::RequestContext&) { return http::text_response(200, "ok"); });
  const http::Route& route = router.routes().front();
  CHECK(source_file(route) == "test/worker/router_test.cpp");
  CHECK(route.source.line() == line);
  CHECK(route.access == "anyone");
}
