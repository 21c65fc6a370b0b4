// Failed-password throttling, shared by every way in (the API's
// POST /auth/tokens, the web login). Failures are counted per account (the
// email as typed, known or not: the answer never tells which) and per client
// address, in PostgreSQL, so every worker and host sees the same counts.
//
// A rule lets a person mistype a few times; from the failure that reaches
// `free_failures`, the key is blocked for `first_delay` seconds, doubling
// with each further failure up to `max_delay`. While blocked, a try is
// refused at once (no password is checked, nothing is counted): an attacker
// gains nothing by hammering, and refused tries never lengthen the block,
// so a block always ends at most `max_delay` after the last failure. A key
// whose last failure and block are `forget_after` seconds past starts
// afresh, and a successful log-in clears its account's count (not its
// address's: one's own account must not wash an address clean). Nobody
// sleeps: a sync worker that waited would be a free denial of service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sql/connection.hpp"
#include "sql/login_throttle_store.hpp"

namespace construction::operations {

struct ThrottleRule {
  int free_failures;
  std::int64_t first_delay;  // seconds
  std::int64_t max_delay;
  std::int64_t forget_after;
};

// 5 failures for one account within 15 minutes, or 20 from one address:
// blocked 1, 2, 4, 8, then 15 minutes.
inline constexpr ThrottleRule kAccountRule{5, 60, 900, 900};
inline constexpr ThrottleRule kAddressRule{20, 60, 900, 900};

// The counter after one more failure at `now`.
sql::ThrottleRow after_failure(const sql::ThrottleRow& before, std::int64_t now,
                               const ThrottleRule& rule);
// Seconds until the key may try again; 0 when it may now.
std::int64_t seconds_blocked(const std::optional<sql::ThrottleRow>& row, std::int64_t now);

struct Throttle {
  std::int64_t retry_after = 0;  // seconds; 0: not blocked
  int account_failures = 0;      // after this attempt, for the log
  int address_failures = 0;
};

// How long this account and address must still wait (the longer of the two).
Throttle check_throttle(sql::Connection& db, const std::string& email, const std::string& address);
// Counts a failure for both, in one transaction.
Throttle record_failure(sql::Connection& db, const std::string& email, const std::string& address);
void clear_account(sql::Connection& db, const std::string& email);

}  // namespace construction::operations
