#include "api/json_writer.hpp"

#include <catch2/catch.hpp>

#include "api/utf8.hpp"

using namespace construction::api;

TEST_CASE("the JSON writer never writes bytes that are not UTF-8", "[unit]") {
  JsonWriter w;
  w.begin_object().str("a\xED\xB0\x80", "b\xFF").end_object();
  CHECK(w.text() == "{\"a\xEF\xBF\xBD\":\"b\xEF\xBF\xBD\"}");
  CHECK(is_utf8(w.text()));
}
