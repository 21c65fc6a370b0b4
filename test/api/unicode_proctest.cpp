// Bad input that is valid JSON but not Unicode text: a lone UTF-16
// surrogate escape, in a value or a key, on the unauthenticated log-in and
// on authenticated writes. Refused with 400 bad_json before anything reaches
// PostgreSQL (no 500, no encoding error in the log), every answer valid
// UTF-8; a surrogate pair is one character, stored and returned as sent.
#include <catch2/catch.hpp>

#include "runtime/utf8.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;
using construction::is_utf8;

TEST_CASE("bad input: a lone UTF-16 surrogate is 400 bad_json and never reaches PostgreSQL",
          "[process]") {
  ApiServer& api = shared_api_server();
  std::string token =
      api.user_token(unique("Unicode Org"), unique("owner") + "@example.com", "owner");
  std::size_t log_from = api.server->error_log().size();
  std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/v1/auth/tokens", R"({"email":"\udc00@example.com","password":"whatever1"})"},
      {"/api/v1/auth/tokens", R"({"email":"a@example.com","password":"\ud800"})"},
      {"/api/v1/auth/tokens", R"({"email":"a@example.com","password":"\ud800\u0041bcdefgh"})"},
      {"/api/v1/auth/tokens", R"({"\udc00":1})"},
      {"/api/v1/projects", R"({"number":"U-1","name":"x\udc00y"})"},
      {"/api/v1/projects", R"({"number":"U-1","name":"n","\udfff":"x"})"},
      {"/api/v1/parties", R"({"kind":"client","name":["\udc00"]})"},
  };
  for (const auto& [path, body] : cases) {
    INFO(path << " " << body);
    HttpResult r = api.send("POST", path, path.ends_with("tokens") ? "" : token, body);
    CHECK(r.status == 400);
    CHECK(is_utf8(r.body));
    CHECK(at(r, "error.code") == "bad_json");
    CHECK(at(r, "error.message").find("surrogate") != std::string::npos);
  }
  std::string log = api.server->error_log().substr(log_from);
  CHECK(log.find("CONTEXT:") == std::string::npos);
  CHECK(log.find("encoding") == std::string::npos);
  CHECK(api.db.scalar("SELECT count(*) FROM projects WHERE number = 'U-1'") == "0");
}

TEST_CASE("bad input: a surrogate pair is stored as one character, a bad query string is 422",
          "[process]") {
  ApiServer& api = shared_api_server();
  std::string token =
      api.user_token(unique("Unicode Org"), unique("owner") + "@example.com", "owner");
  HttpResult made =
      api.send("POST", "/api/v1/projects", token, R"({"number":"U-2","name":"grin \ud83d\ude00"})");
  REQUIRE(made.status == 201);
  CHECK(at(made, "name") == "grin \xF0\x9F\x98\x80");
  CHECK(api.db.scalar("SELECT length(name) FROM projects WHERE id = " + at(made, "id")) == "6");
  // Percent-encoded bytes of a surrogate and an overlong slash in filters.
  for (std::string query : {"q=%ED%B0%80", "q=%C0%AF", "status=%ED%A0%80"}) {
    INFO(query);
    HttpResult r = api.call("GET", "/api/v1/projects?" + query, token);
    CHECK(r.status == 422);
    CHECK(is_utf8(r.body));
  }
}
