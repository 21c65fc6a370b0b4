// openapi.json is generated from the Router's table: every /api/v1 route
// appears with its method, summary and path parameters, and nothing else.
#include "api/openapi.hpp"

#include <catch2/catch.hpp>

#include "api/json_value.hpp"
#include "api/routes.hpp"
#include "sql/pool.hpp"

using namespace construction;

TEST_CASE("openapi.json lists exactly the API's routes, each with a summary", "[unit]") {
  http::Router router;
  sql::Pool pool(sql::DatabaseSettings{});  // opens nothing until asked
  api::add_routes(router, pool);
  auto doc = api::parse_json(api::openapi_document(router));
  REQUIRE(doc.value);
  const api::JsonValue* paths = doc.value->member("paths");
  REQUIRE(paths);
  std::size_t operations = 0;
  for (const auto& [pattern, item] : paths->members) operations += item.members.size();
  CHECK(operations == router.routes().size());
  for (const http::Route& route : router.routes()) {
    INFO(route.pattern);
    CHECK(route.pattern.starts_with("/api/v1/"));
    CHECK(!route.summary.empty());
    auto verb = http::beast_http::to_string(route.method);
    std::string method(verb.data(), verb.size());
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    const api::JsonValue* path = paths->member(route.pattern);
    REQUIRE(path);
    const api::JsonValue* operation = path->member(method);
    REQUIRE(operation);
    CHECK(operation->member("summary")->text == route.summary);
    std::size_t braces = std::count(route.pattern.begin(), route.pattern.end(), '{');
    CHECK(operation->member("parameters")->items.size() == braces);
  }
  for (const char* expected : {"/api/v1/estimates/{id}/accept", "/api/v1/me",
                               "/api/v1/projects/{id}/schedule-of-values", "/api/v1/openapi.json"})
    CHECK(paths->member(expected));
}

TEST_CASE("openapi.json: sending a document answers 200, as a transition does", "[unit]") {
  http::Router router;
  sql::Pool pool(sql::DatabaseSettings{});
  api::add_routes(router, pool);
  auto doc = api::parse_json(api::openapi_document(router));
  REQUIRE(doc.value);
  const api::JsonValue* paths = doc.value->member("paths");
  for (const char* send : {"/api/v1/estimates/{id}/send", "/api/v1/change-orders/{id}/send",
                           "/api/v1/pay-applications/{id}/send", "/api/v1/invoices/{id}/send"}) {
    INFO(send);
    const api::JsonValue* post =
        paths->member(send) ? paths->member(send)->member("post") : nullptr;
    REQUIRE(post);
    CHECK(post->member("responses")->member("200"));
    CHECK(post->member("security"));
    // A document handed over by hand is marked without an email: said where
    // a client of the API reads what send takes.
    CHECK(post->member("summary")->text.find("{\"email\": false}") != std::string::npos);
  }
  const api::JsonValue* messages = paths->member("/api/v1/messages");
  REQUIRE(messages);
  REQUIRE(messages->member("get"));
  CHECK(messages->member("get")->member("responses")->member("200"));
}
