// What the JSON reader makes of escapes and bytes at the edges: a lone
// surrogate is refused wherever it is, a pair is one character, overlong
// forms and bytes past U+10FFFF are refused, and \u0000 is read (the field
// reader refuses it by name).
#include "api/json_value.hpp"

#include <catch2/catch.hpp>

using namespace construction::api;

namespace {
std::string parse_error(const std::string& json) {
  JsonParse parsed = parse_json(json);
  return parsed.value ? "" : parsed.error;
}
}  // namespace

TEST_CASE("a lone UTF-16 surrogate escape is refused in strings and keys", "[unit]") {
  for (std::string json : {R"({"a":"\udc00"})", R"({"a":"x\uDFFFy"})", R"({"\udc00":1})",
                           R"({"a":["\udc00"]})", R"({"a":"\ud800"})", R"({"a":"\ud800\u0041"})",
                           R"({"a":"\ud800\ud800"})", R"({"a":"\ud800x"})"}) {
    INFO(json);
    CHECK_FALSE(parse_error(json).empty());
  }
  CHECK(parse_error(R"({"a":"\udc00"})").find("surrogate") != std::string::npos);
  CHECK(parse_error(R"({"\udc00":1})").find("surrogate") != std::string::npos);
}

TEST_CASE("a surrogate pair is one character, overlong and out-of-range bytes are refused",
          "[unit]") {
  JsonParse pair = parse_json(R"({"a":"\ud83d\ude00"})");
  REQUIRE(pair.value);
  CHECK(pair.value->member("a")->text == "\xF0\x9F\x98\x80");
  CHECK_FALSE(parse_error("{\"a\":\"\xC0\xAF\"}").empty());
  CHECK_FALSE(parse_error("{\"a\":\"\xE0\x80\xAF\"}").empty());
  CHECK_FALSE(parse_error("{\"a\":\"\xED\xA0\x80\"}").empty());  // a surrogate as raw bytes
  CHECK_FALSE(parse_error("{\"a\":\"\xF4\x90\x80\x80\"}").empty());
  JsonParse nul = parse_json(R"({"a":"x\u0000y"})");
  REQUIRE(nul.value);
  CHECK(nul.value->member("a")->text == std::string("x\0y", 3));
}
