// The session cookie's, the CSRF tokens' (a staff session's, a signer's)
// and the device cookie's signatures: HMAC-SHA256 under SECRET_KEY, checked
// against values computed apart, with `openssl dgst -sha256 -hmac KEY`.
#include "views/session.hpp"

#include <catch2/catch.hpp>

using construction::views::Session;
using construction::views::SessionKeys;

namespace {

constexpr std::int64_t kSeen = 1700000000;
const Session kSession{7, 3, 2, kSeen, "00112233445566778899aabbccddeeff"};

}  // namespace

TEST_CASE("the CSRF token is the HMAC-SHA256 of csrf. and the session's nonce", "[unit]") {
  SessionKeys keys("Jefe");
  CHECK(keys.csrf_token(kSession) ==
        "b5409fe2b88a410523b141bc599176b8a5e956ed53e5d50f9ffabcec264813e9");
  // The keyed HMAC is copied for each signature, never used up: the second
  // and third calls sign as the first did. Another key signs otherwise.
  for (int call = 2; call <= 3; ++call) {
    INFO("call " << call);
    CHECK(keys.csrf_token(kSession) ==
          "b5409fe2b88a410523b141bc599176b8a5e956ed53e5d50f9ffabcec264813e9");
  }
  CHECK(SessionKeys("").csrf_token(kSession) ==
        "585c5bcff197fe158984b705d70ef5e2a7e0a7a56ab7d88eea79a8ffe1714857");
  CHECK(keys.csrf_valid(kSession, keys.csrf_token(kSession)));
  CHECK_FALSE(keys.csrf_valid(kSession, SessionKeys("Jeff").csrf_token(kSession)));
}

TEST_CASE("a signer's form token is the HMAC-SHA256 of signer-csrf. and their cookie's secret",
          "[unit]") {
  SessionKeys keys("Jefe");
  CHECK(keys.signer_csrf_token("secret-of-one-signer") ==
        "8afcac789014de02a8e0cd33027662ca3446101fe79027acf088854e404a90db");
  CHECK(keys.signer_csrf_valid("secret-of-one-signer",
                               keys.signer_csrf_token("secret-of-one-signer")));
  // Another signer's token, another key's, or no cookie at all: refused.
  CHECK_FALSE(
      keys.signer_csrf_valid("secret-of-another", keys.signer_csrf_token("secret-of-one-signer")));
  CHECK_FALSE(keys.signer_csrf_valid(
      "secret-of-one-signer", SessionKeys("Jeff").signer_csrf_token("secret-of-one-signer")));
  CHECK_FALSE(keys.signer_csrf_valid("", keys.signer_csrf_token("")));
}

TEST_CASE("the session cookie carries its signature and reads back only unchanged", "[unit]") {
  SessionKeys keys("Jefe");
  const std::string value = keys.cookie_value(kSession);
  // printf 'session.7.3.2.1700000000.0011…eeff' | openssl dgst -sha256 -hmac Jefe
  CHECK(value ==
        "7.3.2.1700000000.00112233445566778899aabbccddeeff."
        "616615ca9d272b22c676baf347f24d2b0f56e593d6e98ccf706d7728025e7bfd");
  auto read = keys.read(value, kSeen + 60);
  REQUIRE(read);
  CHECK(read->user_id == 7);
  CHECK(read->org_id == 3);
  CHECK(read->epoch == 2);
  CHECK(read->nonce == kSession.nonce);
  CHECK_FALSE(SessionKeys("Jeff").read(value, kSeen + 60));
  std::string other_user = value;
  other_user[0] = '8';
  CHECK_FALSE(keys.read(other_user, kSeen + 60));
  // The epoch is sealed: a cookie cannot claim the user's next one.
  std::string next_epoch = value;
  next_epoch[4] = '3';
  CHECK_FALSE(keys.read(next_epoch, kSeen + 60));
  // The cookie of before the epoch (five parts) reads as no session.
  CHECK_FALSE(
      keys.read("7.3.1700000000.00112233445566778899aabbccddeeff."
                "8d953d74f6a860646e3be4418ebc4d531d0024b95c59c670704c3eada5ad9ebd",
                kSeen + 60));
}

TEST_CASE("a device cookie is signed for one account, whatever the case of its email", "[unit]") {
  SessionKeys keys("Jefe");
  // printf 'device.ann@example.com.0011…eeff' | openssl dgst -sha256 -hmac Jefe
  const std::string value =
      "00112233445566778899aabbccddeeff."
      "df71748118fcb38d9ad4efc561d2c952870720c810ab5983ee5bf9b8bf7c4573";
  CHECK(keys.device_of(value, "ann@example.com") == "00112233445566778899aabbccddeeff");
  CHECK(keys.device_of(value, "Ann@Example.COM") == "00112233445566778899aabbccddeeff");
  CHECK_FALSE(keys.device_of(value, "bob@example.com"));
  CHECK_FALSE(SessionKeys("Jeff").device_of(value, "ann@example.com"));
  CHECK_FALSE(keys.device_of("", "ann@example.com"));
  CHECK_FALSE(keys.device_of(value.substr(1), "ann@example.com"));
  CHECK_FALSE(keys.device_of(value + ".x", "ann@example.com"));

  // A new one has a new nonce each time and reads back for its account only.
  std::string made = keys.device_cookie_value("Ann@example.com");
  std::string again = keys.device_cookie_value("Ann@example.com");
  CHECK(made != again);
  auto nonce = keys.device_of(made, "ann@example.com");
  REQUIRE(nonce);
  CHECK(made.starts_with(*nonce + "."));
  CHECK_FALSE(keys.device_of(made, "ann@example.org"));
}
