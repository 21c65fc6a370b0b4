// The exact bytes the API writes: clients and the browser tests compare
// responses byte for byte, so the escaping below is a contract (it is
// RapidJSON's Writer's, which wrote every response before JsonWriter did).
#include "api/json_writer.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "runtime/utf8.hpp"

using namespace construction::api;
using construction::is_utf8;

namespace {

std::string as_string(std::string_view value) {
  JsonWriter w;
  w.string(value);
  return w.text();
}

}  // namespace

TEST_CASE("the JSON writer never writes bytes that are not UTF-8", "[unit]") {
  JsonWriter w;
  w.begin_object().str("a\xED\xB0\x80", "b\xFF").end_object();
  CHECK(w.text() == "{\"a\xEF\xBF\xBD\":\"b\xEF\xBF\xBD\"}");
  CHECK(is_utf8(w.text()));
}

TEST_CASE("the JSON writer quotes plain keys as they are and escapes any other", "[unit]") {
  JsonWriter w;
  std::string long_key(63, 'k');
  w.begin_object()
      .num("total_cents", 1)
      .str("say \"hi\"", "x")
      .num("tab\there", 2)
      .num("\xC3\xBCnit", 3)
      .num(long_key, 4)
      .key("list")
      .begin_array()
      .begin_object()
      .flag("ok", true)
      .end_object()
      .end_array()
      .end_object();
  CHECK(w.text() ==
        "{\"total_cents\":1,\"say \\\"hi\\\"\":\"x\",\"tab\\there\":2,\"\xC3\xBCnit\":3,\"" +
            long_key + "\":4,\"list\":[{\"ok\":true}]}");
}

TEST_CASE("the JSON writer puts commas and colons between values at every depth", "[unit]") {
  JsonWriter w;
  w.begin_object()
      .key("a")
      .begin_array()
      .number(1)
      .begin_array()
      .number(2)
      .string("3")
      .end_array()
      .begin_object()
      .key("b")
      .null()
      .flag("c", false)
      .end_object()
      .boolean(true)
      .null()
      .end_array()
      .key("d")
      .begin_object()
      .key("e")
      .begin_object()
      .num("f", -1)
      .end_object()
      .end_object()
      .str("g", "h")
      .end_object();
  CHECK(w.text() ==
        R"({"a":[1,[2,"3"],{"b":null,"c":false},true,null],"d":{"e":{"f":-1}},"g":"h"})");
}

TEST_CASE("the JSON writer writes empty containers and values at the top level", "[unit]") {
  CHECK(JsonWriter().begin_object().end_object().text() == "{}");
  CHECK(JsonWriter().begin_array().end_array().text() == "[]");
  JsonWriter w;
  w.begin_array()
      .begin_array()
      .end_array()
      .begin_object()
      .end_object()
      .begin_object()
      .key("x")
      .begin_array()
      .end_array()
      .key("y")
      .begin_object()
      .end_object()
      .end_object()
      .string("")
      .end_array();
  CHECK(w.text() == R"([[],{},{"x":[],"y":{}},""])");
  CHECK(JsonWriter().string("top").text() == "\"top\"");
  CHECK(
      JsonWriter().begin_object().str(std::string_view(), std::string_view()).end_object().text() ==
      R"({"":""})");
  CHECK(JsonWriter().number(7).text() == "7");
  CHECK(JsonWriter().null().text() == "null");
  CHECK(JsonWriter().boolean(false).text() == "false");
}

TEST_CASE("the JSON writer writes 64-bit integers in full", "[unit]") {
  JsonWriter w;
  w.begin_array()
      .number(std::numeric_limits<std::int64_t>::min())
      .number(std::numeric_limits<std::int64_t>::max())
      .number(0)
      .number(-1)
      .number(10)
      .number(-9999999999)
      .number(std::numeric_limits<std::int32_t>::max() + std::int64_t{1})
      .end_array();
  CHECK(w.text() == "[-9223372036854775808,9223372036854775807,0,-1,10,-9999999999,2147483648]");
}

TEST_CASE("the JSON writer writes an empty optional as null", "[unit]") {
  JsonWriter w;
  w.begin_object()
      .opt_str("a", std::nullopt)
      .opt_num("b", std::nullopt)
      .opt_str("c", std::string("x\"y"))
      .opt_num("d", std::int64_t{-5})
      .opt_str("e", std::string())
      .opt_num("f", std::int64_t{0})
      .end_object();
  CHECK(w.text() == R"({"a":null,"b":null,"c":"x\"y","d":-5,"e":"","f":0})");
}

TEST_CASE("the JSON writer escapes each control character as RapidJSON did", "[unit]") {
  std::string controls;
  for (int c = 0x00; c < 0x20; ++c) controls += static_cast<char>(c);
  REQUIRE(controls.size() == 32);
  const std::string escaped =
      R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F)"
      R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F")";
  CHECK(as_string(controls) == escaped);
  for (int c = 0x00; c < 0x20; ++c) {
    std::string one(1, static_cast<char>(c));
    CHECK(as_string("a" + one + "b").size() == (c >= 8 && c <= 13 && c != 11 ? 6u : 10u));
  }
  JsonWriter w;
  w.begin_object().str(controls, controls).end_object();
  CHECK(w.text() == "{" + escaped + ":" + escaped + "}");
}

TEST_CASE("the JSON writer escapes the quote and the backslash and nothing else printable",
          "[unit]") {
  CHECK(as_string("\"") == R"("\"")");
  CHECK(as_string("\\") == R"("\\")");
  CHECK(as_string("/") == R"("/")");
  CHECK(as_string("</script>") == R"("</script>")");
  CHECK(as_string("\x7F") == "\"\x7F\"");
  CHECK(as_string("a\"b\\c/d\x7Fz") == "\"a\\\"b\\\\c/d\x7Fz\"");
  std::string printable;
  for (int c = 0x20; c < 0x7F; ++c)
    if (c != '"' && c != '\\') printable += static_cast<char>(c);
  CHECK(as_string(printable) == "\"" + printable + "\"");
  JsonWriter w;
  w.begin_object().num("a/b", 1).num("\"", 2).num("\\", 3).num("", 4).num("\x7F", 5).end_object();
  CHECK(w.text() == "{\"a/b\":1,\"\\\"\":2,\"\\\\\":3,\"\":4,\"\x7F\":5}");
}

TEST_CASE("the JSON writer passes UTF-8 through unescaped", "[unit]") {
  const std::string text =
      "\xC3\xA9"           // é
      "\xE2\x80\x94"       // —
      "\xE2\x82\xAC"       // €
      "\xED\x9F\xBF"       // U+D7FF
      "\xEE\x80\x80"       // U+E000
      "\xEF\xBF\xBD"       // U+FFFD itself
      "\xF0\x9F\x98\x80"   // U+1F600
      "\xF4\x8F\xBF\xBF";  // U+10FFFF
  CHECK(as_string(text) == "\"" + text + "\"");
  CHECK(as_string("Project 7 \xE2\x80\x94 \"\xC3\x89lan\" tower") ==
        "\"Project 7 \xE2\x80\x94 \\\"\xC3\x89lan\\\" tower\"");
  JsonWriter w;
  w.begin_object().num(text, 1).end_object();
  CHECK(w.text() == "{\"" + text + "\":1}");
}

TEST_CASE("the JSON writer writes U+FFFD for each broken UTF-8 sequence", "[unit]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(as_string("\xFF") == "\"" + fffd + "\"");
  CHECK(as_string("\x80") == "\"" + fffd + "\"");
  CHECK(as_string("a\xC3") == "\"a" + fffd + "\"");            // cut short at the end
  CHECK(as_string("a\xE2\x82z") == "\"a" + fffd + "z\"");      // cut short inside
  CHECK(as_string("\xED\xA0\x80") == "\"" + fffd + "\"");      // a surrogate
  CHECK(as_string("\xC0\x80") == "\"" + fffd + "\"");          // overlong NUL
  CHECK(as_string("\xF4\x90\x80\x80") == "\"" + fffd + "\"");  // above U+10FFFF
  CHECK(as_string("\xFF\xFE") == "\"" + fffd + fffd + "\"");   // two bytes, two
  CHECK(as_string("\xF0\x9F\x98") == "\"" + fffd + "\"");      // three of four bytes
  // Escapes after a replacement, in values and in keys.
  CHECK(as_string("\xFF\n\"\xC3\xA9\xC3") == "\"" + fffd + "\\n\\\"\xC3\xA9" + fffd + "\"");
  JsonWriter w;
  w.begin_object().num("k\xFF\t", 1).end_object();
  CHECK(w.text() == "{\"k" + fffd + "\\t\":1}");
}

TEST_CASE("the JSON writer writes long text whole", "[unit]") {
  std::string text;
  std::string expected = "\"";
  for (int i = 0; i < 20000; ++i) {
    text += "ab\"\n\xC3\xA9/";
    expected += "ab\\\"\\n\xC3\xA9/";
  }
  expected += "\"";
  CHECK(as_string(text) == expected);
  JsonWriter w;
  w.begin_array();
  std::string numbers = "[";
  for (int i = 0; i < 10000; ++i) {
    w.number(i);
    numbers += (i ? "," : "") + std::to_string(i);
  }
  w.end_array();
  CHECK(w.text() == numbers + "]");
}

TEST_CASE("the JSON writer treats keys given at run time as literal ones", "[unit]") {
  std::string plain = "site_address";
  std::string_view odd = "a\"b\n\xFF";
  JsonWriter w(1);
  w.begin_object().num(plain, 1).num(odd, 2).str(std::string_view(plain), "x").end_object();
  CHECK(w.text() == "{\"site_address\":1,\"a\\\"b\\n\xEF\xBF\xBD\":2,\"site_address\":\"x\"}");
}

TEST_CASE("the JSON writer hands its text over", "[unit]") {
  JsonWriter w;
  w.begin_array().string("a").end_array();
  CHECK(w.text() == R"(["a"])");
  std::string taken = std::move(w).text();
  CHECK(taken == R"(["a"])");
}
