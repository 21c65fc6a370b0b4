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
