#include "mail/mime_encoding.hpp"

#include <catch2/catch.hpp>

using namespace construction::mail;

TEST_CASE("base64 as RFC 4648 writes it, in lines of 76 for a part", "[unit]") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64(std::string("\xff\x00\xfe", 3)) == "/wD+");
  std::string lines = base64_lines(std::string(100, 'a'));
  CHECK(lines.substr(76, 2) == "\r\n");
  CHECK(lines.size() == 136 + 4);
}

TEST_CASE("quoted-printable keeps text readable and lines short", "[unit]") {
  CHECK(quoted_printable("Total: $1,200 = 3 × $400") == "Total: $1,200 =3D 3 =C3=97 $400");
  CHECK(quoted_printable("one\ntwo\r\nthree") == "one\r\ntwo\r\nthree");
  CHECK(quoted_printable("trailing \nspace") == "trailing=20\r\nspace");
  CHECK(quoted_printable("a lone \r in it") == "a lone =0D in it");
  CHECK(quoted_printable("From here") == "=46rom here");
  std::string long_line = quoted_printable(std::string(200, 'x'));
  for (std::size_t start = 0, end; start < long_line.size(); start = end + 2) {
    end = long_line.find("\r\n", start);
    if (end == std::string::npos) end = long_line.size();
    CHECK(end - start <= 76);
  }
}
