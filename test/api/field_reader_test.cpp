#include "api/field_reader.hpp"

#include <catch2/catch.hpp>

#include "api/api_error.hpp"

using namespace construction::api;

namespace {
JsonValue parse(const std::string& text) {
  auto parsed = parse_json(text);
  REQUIRE(parsed.value);
  return *parsed.value;
}
}  // namespace

TEST_CASE("numbers keep their raw text and stay apart from strings", "[unit]") {
  JsonValue v = parse(R"({"a":12.50,"b":"12.50","c":1e3})");
  CHECK(v.member("a")->kind == JsonValue::Kind::number);
  CHECK(v.member("a")->text == "12.50");
  CHECK(v.member("b")->kind == JsonValue::Kind::string);
  CHECK(v.member("c")->text == "1e3");
}

TEST_CASE("broken JSON, bad UTF-8 and deep nesting are refused", "[unit]") {
  for (std::string text : {"{", "{\"a\":1,}", "[1] 2", "'a'", "\"\xc3\x28\"", "NaN", ""})
    CHECK_FALSE(parse_json(text).value);
  CHECK_FALSE(parse_json(std::string(100, '[') + std::string(100, ']')).value);
  CHECK(parse_json(std::string(10, '[') + std::string(10, ']')).value);
}

TEST_CASE("a reader names every bad field, unknown and duplicated ones too", "[unit]") {
  JsonValue v = parse(R"({"name":"","age":"3","n":1.5,"ok":true,"d":"2026-02-29","x":1,"x":2,
                         "big":99999999999999999999})");
  construction::domain::FieldErrors errors;
  FieldReader in(v, errors);
  CHECK_FALSE(in.text("name", {10, false}));
  CHECK_FALSE(in.integer("age", 0, 100));
  CHECK_FALSE(in.integer("n", 0, 100));
  CHECK(in.boolean("ok") == true);
  CHECK_FALSE(in.nullable_date("d").value);
  CHECK_FALSE(in.integer("x", 0, 9));
  CHECK_FALSE(in.integer("big", 0, 9));
  in.require({"missing"});
  in.finish();
  CHECK(errors.message("name") == "must not be blank");
  CHECK(errors.message("age") == "must be a whole number, not a string");
  CHECK(errors.message("n") == "must be a whole number");
  CHECK(errors.message("d") == "must be a date written YYYY-MM-DD, or null");
  CHECK(errors.message("x") == "is given more than once");
  CHECK(errors.message("big") == "must be between 0 and 9");
  CHECK(errors.message("missing") == "is required");
  CHECK(errors.size() == 7);
}

TEST_CASE("text limits count characters, not bytes", "[unit]") {
  JsonValue v = parse(R"({"a":"ééé","b":"éééé"})");
  construction::domain::FieldErrors errors;
  FieldReader in(v, errors);
  CHECK(in.text("a", {3}));
  CHECK_FALSE(in.text("b", {3}));
}

TEST_CASE("the error shape", "[unit]") {
  construction::domain::FieldErrors fields;
  fields.add("name", "is \"required\"");
  CHECK(error_json(validation_failed(fields)) ==
        R"({"error":{"code":"validation_failed","message":"Some fields are not valid",)"
        R"("fields":{"name":"is \"required\""}}})");
  CHECK(error_json(not_found()) == R"({"error":{"code":"not_found","message":"Not Found"}})");
}
