#include "domain/hex.hpp"

#include <catch2/catch.hpp>
#include <string>

using construction::domain::hex_digits;

TEST_CASE("bytes as lowercase hex: every byte value, two digits each, in order", "[unit]") {
  CHECK(hex_digits("") == "");
  CHECK(hex_digits(std::string("\x00\x0f\x10\xab\xff", 5)) == "000f10abff");
  // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
  const unsigned char abc[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                                 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                                 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
  CHECK(hex_digits(std::string(reinterpret_cast<const char*>(abc), 32)) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  std::string hex = hex_digits(all);
  REQUIRE(hex.size() == 512);
  CHECK(hex.substr(0, 6) == "000102");
  CHECK(hex.substr(0x7f * 2, 4) == "7f80");
  CHECK(hex.substr(510) == "ff");
}
