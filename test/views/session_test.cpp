// The session cookie's and the CSRF token's signatures: HMAC-SHA256 under
// SECRET_KEY, checked against values computed apart, with
// `openssl dgst -sha256 -hmac KEY`.
#include "views/session.hpp"

#include <catch2/catch.hpp>

using construction::views::Session;
using construction::views::SessionKeys;

namespace {

constexpr std::int64_t kSeen = 1700000000;
const Session kSession{7, 3, kSeen, "00112233445566778899aabbccddeeff"};

}  // namespace

TEST_CASE("the CSRF token is the HMAC-SHA256 of csrf. and the session's nonce", "[unit]") {
  SessionKeys keys("Jefe");
  CHECK(keys.csrf_token(kSession) ==
        "b5409fe2b88a410523b141bc599176b8a5e956ed53e5d50f9ffabcec264813e9");
  // The same key signs the same way on every call, and another key otherwise.
  CHECK(keys.csrf_token(kSession) == keys.csrf_token(kSession));
  CHECK(SessionKeys("").csrf_token(kSession) ==
        "585c5bcff197fe158984b705d70ef5e2a7e0a7a56ab7d88eea79a8ffe1714857");
  CHECK(keys.csrf_valid(kSession, keys.csrf_token(kSession)));
  CHECK_FALSE(keys.csrf_valid(kSession, SessionKeys("Jeff").csrf_token(kSession)));
}

TEST_CASE("the session cookie carries its signature and reads back only unchanged",
          "[unit]") {
  SessionKeys keys("Jefe");
  const std::string value = keys.cookie_value(kSession);
  CHECK(value ==
        "7.3.1700000000.00112233445566778899aabbccddeeff."
        "8d953d74f6a860646e3be4418ebc4d531d0024b95c59c670704c3eada5ad9ebd");
  auto read = keys.read(value, kSeen + 60);
  REQUIRE(read);
  CHECK(read->user_id == 7);
  CHECK(read->org_id == 3);
  CHECK(read->nonce == kSession.nonce);
  CHECK_FALSE(SessionKeys("Jeff").read(value, kSeen + 60));
  std::string other_user = value;
  other_user[0] = '8';
  CHECK_FALSE(keys.read(other_user, kSeen + 60));
}
