// Strict UTF-8 (RFC 3629): overlong forms, surrogates and bytes past
// U+10FFFF are not text.
#include "runtime/utf8.hpp"

#include <catch2/catch.hpp>

using namespace construction;

TEST_CASE("is_utf8 accepts RFC 3629 and nothing else", "[unit]") {
  CHECK(is_utf8(""));
  CHECK(is_utf8("plain ascii"));
  CHECK(is_utf8("\xC3\xA9"));                // é
  CHECK(is_utf8("\xE2\x82\xAC"));            // €
  CHECK(is_utf8("\xED\x9F\xBF"));            // U+D7FF, just below the surrogates
  CHECK(is_utf8("\xEE\x80\x80"));            // U+E000, just above them
  CHECK(is_utf8("\xF0\x9F\x98\x80"));        // U+1F600
  CHECK(is_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));      // U+D800
  CHECK_FALSE(is_utf8("\xED\xB0\x80"));      // U+DC00
  CHECK_FALSE(is_utf8("\xC0\x80"));          // overlong NUL
  CHECK_FALSE(is_utf8("\xC1\xBF"));          // overlong
  CHECK_FALSE(is_utf8("\xE0\x80\xAF"));      // overlong '/'
  CHECK_FALSE(is_utf8("\xF0\x80\x80\xAF"));  // overlong '/'
  CHECK_FALSE(is_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(is_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_utf8("\xFF"));
  CHECK_FALSE(is_utf8("\x80"));
  CHECK_FALSE(is_utf8("\xC3"));  // cut short
  CHECK_FALSE(is_utf8("\xE2\x82"));
  CHECK_FALSE(is_utf8("a\xE2\x82z"));
}

TEST_CASE("to_utf8 replaces each broken sequence with one U+FFFD", "[unit]") {
  CHECK(to_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(to_utf8("a\xED\xB0\x80z") == "a\xEF\xBF\xBDz");
  CHECK(to_utf8("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(to_utf8("\xE2\x82") == "\xEF\xBF\xBD");
  CHECK(is_utf8(to_utf8("\xC0\x80\xF4\x90\x80\x80\x80\x80")));
}

TEST_CASE("utf8_sequence_at measures the valid sequence at a byte", "[unit]") {
  std::string_view text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xC3";
  CHECK(utf8_sequence_at(text, 0) == 1);
  CHECK(utf8_sequence_at(text, 1) == 2);
  CHECK(utf8_sequence_at(text, 2) == 0);  // a continuation byte starts nothing
  CHECK(utf8_sequence_at(text, 3) == 3);
  CHECK(utf8_sequence_at(text, 6) == 4);
  CHECK(utf8_sequence_at(text, 10) == 0);  // cut short by the end
}
