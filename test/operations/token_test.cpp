#include "operations/token.hpp"

#include <catch2/catch.hpp>

using namespace construction::operations;

TEST_CASE("tokens: prefix, length, alphabet, SHA-256", "[unit]") {
  NewToken a = generate_token(), b = generate_token();
  CHECK(a.text != b.text);
  CHECK(a.text.size() == kTokenLength);
  CHECK(looks_like_token(a.text));
  CHECK_FALSE(looks_like_token("cst_" + std::string(43, '+')));
  CHECK_FALSE(looks_like_token(a.text.substr(1)));
  CHECK(a.hash == hash_token(a.text));
  // SHA-256("abc")
  CHECK(bytea_literal(hash_token("abc")) ==
        "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
}
