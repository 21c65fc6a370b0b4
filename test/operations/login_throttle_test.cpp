// The throttle's arithmetic, in exact figures: free failures (5 for a device
// or an account at one address, 10 for an account, 20 for an address), then
// a block that doubles from a minute to fifteen, forgotten after a quiet
// quarter hour.
#include "operations/login_throttle.hpp"

#include <catch2/catch.hpp>

using namespace construction::operations;
using construction::domain::Timestamp;
using construction::sql::ThrottleRow;

namespace {
// The instant `s` seconds after the epoch: the arithmetic reads as numbers.
Timestamp at(std::int64_t s) {
  return Timestamp{std::chrono::seconds(s)};
}

// `n` failures a second apart from t = 1000, each counted.
ThrottleRow failures(int n, const ThrottleRule& rule) {
  ThrottleRow row;
  for (int i = 0; i < n; ++i) row = after_failure(row, at(1000 + i), rule);
  return row;
}
}  // namespace

TEST_CASE("an account at one address is blocked from its 5th failure: 1, 2, 4, 8, then 15 minutes",
          "[unit]") {
  CHECK(failures(4, kAccountAddressRule).failures == 4);
  CHECK_FALSE(failures(4, kAccountAddressRule).blocked_until);
  std::vector<std::int64_t> delays;
  for (int n = 5; n <= 10; ++n) {
    ThrottleRow row = failures(n, kAccountAddressRule);
    REQUIRE(row.blocked_until);
    delays.push_back((*row.blocked_until - row.last_failure_at).count());
  }
  CHECK(delays == std::vector<std::int64_t>{60, 120, 240, 480, 900, 900});
  CHECK(*failures(100, kAccountAddressRule).blocked_until == at(1099 + 900));
}

TEST_CASE(
    "a device cookie is blocked from its 5th failure, an account's unknown clients from the "
    "10th",
    "[unit]") {
  CHECK_FALSE(failures(4, kDeviceRule).blocked_until);
  CHECK(*failures(5, kDeviceRule).blocked_until == at(1004 + 60));
  CHECK_FALSE(failures(9, kAccountRule).blocked_until);
  CHECK(*failures(10, kAccountRule).blocked_until == at(1009 + 60));
  CHECK(*failures(11, kAccountRule).blocked_until == at(1010 + 120));
}

TEST_CASE("an address is blocked from its 20th failure", "[unit]") {
  CHECK_FALSE(failures(19, kAddressRule).blocked_until);
  ThrottleRow row = failures(20, kAddressRule);
  CHECK(*row.blocked_until == at(1019 + 60));
}

TEST_CASE("a key quiet for 15 minutes after its last failure and block starts afresh", "[unit]") {
  ThrottleRow three = failures(3, kAccountAddressRule);  // last at 1002
  CHECK(after_failure(three, at(1002 + 899), kAccountAddressRule).failures == 4);
  CHECK(after_failure(three, at(1002 + 900), kAccountAddressRule).failures == 1);
  ThrottleRow blocked = failures(6, kAccountAddressRule);  // last at 1005, blocked to 1125
  CHECK(after_failure(blocked, at(1125 + 899), kAccountAddressRule).failures == 7);
  CHECK(after_failure(blocked, at(1125 + 900), kAccountAddressRule).failures == 1);
}

TEST_CASE("seconds_blocked counts down to 0", "[unit]") {
  ThrottleRow row = failures(5, kAccountAddressRule);  // blocked to 1004 + 60
  CHECK(seconds_blocked(row, at(1004)) == 60);
  CHECK(seconds_blocked(row, at(1063)) == 1);
  CHECK(seconds_blocked(row, at(1064)) == 0);
  CHECK(seconds_blocked(std::nullopt, at(0)) == 0);
}
