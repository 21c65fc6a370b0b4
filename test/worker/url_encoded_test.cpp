// The one decoder of form bodies and query strings: what is text, what is
// not, and how the pairs are split.
#include "worker/url_encoded.hpp"

#include <catch2/catch.hpp>

using namespace construction::http;

TEST_CASE("decode_text decodes escapes and '+', and refuses what is not text", "[unit]") {
  CHECK(decode_text("Zo%C3%AB+Smith") == "Zoë Smith");
  CHECK(decode_text("a%2Bb%26c%3Dd") == "a+b&c=d");
  CHECK(decode_text("") == "");
  CHECK(decode_text("caf\xC3\xA9|{x}") == "café|{x}");  // sent unescaped
  CHECK(decode_text("1+1", false) == "1+1");            // a cookie's '+' is a '+'
  // Not UTF-8 (RFC 3629): a byte no character starts with, a surrogate, an
  // overlong form, a sequence cut short, a code point past U+10FFFF.
  for (const char* bad : {"Bad%FFName", "%ED%A0%80", "%C0%AF", "%E2%82", "%F4%90%80%80", "\xFF"}) {
    INFO(bad);
    CHECK_FALSE(decode_text(bad));
  }
  CHECK_FALSE(decode_text("a%00b"));  // NUL: PostgreSQL's text cannot hold it
  // A '%' without two hex digits after it is not an escape.
  for (const char* bad : {"%", "50%", "%4", "%zz", "%%"}) {
    INFO(bad);
    CHECK_FALSE(decode_text(bad));
  }
}

TEST_CASE("decode_form keeps the text fields in order and names the others", "[unit]") {
  DecodedForm form = decode_form("name=Bad%FFName&kind=client&&note&kind=vendor&%FF=x&q=%");
  using Fields = std::vector<std::pair<std::string, std::string>>;
  CHECK(form.fields == Fields{{"kind", "client"}, {"note", ""}, {"kind", "vendor"}});
  CHECK(form.not_text == std::vector<std::string>{"name", "%FF", "q"});
  CHECK(decode_form("").fields.empty());
  CHECK(readable_name("\xFF%FF") == "\xEF\xBF\xBD%FF");  // readable, and itself text
}

TEST_CASE("first_not_text names the first pair that is not text", "[unit]") {
  CHECK_FALSE(first_not_text("q=Zo%C3%AB&status=active&x"));
  CHECK_FALSE(first_not_text(""));
  CHECK(first_not_text("q=ok&status=%FF&q=%ED%A0%80") == "status");
  CHECK(first_not_text("a=1&%C0%AF=2") == "%C0%AF");
  CHECK(first_not_text("q=50%") == "q");
}
