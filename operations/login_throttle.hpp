// Failed-password throttling, shared by every way in (the API's
// POST /auth/tokens, the web login), that one attacker cannot turn against
// a user: OWASP's "device cookies". Failures are counted in PostgreSQL, so
// every worker and host sees the same counts, under keys that depend on who
// is trying:
//
//   - a browser showing a device cookie signed for this account (it logged
//     in to it before, views/session.hpp) is a known device: its failures
//     count for that device cookie alone, and only that counter can block
//     it. Failures from anywhere else never keep it out.
//   - any other client (a new browser, the API, a script) is unknown: its
//     failures count for the account from its address, for the account from
//     all unknown clients, and for its address over all accounts. An
//     attacker at one address blocks only that address for the account; one
//     at many addresses blocks the account's unknown clients (its known
//     browsers still log in); one address trying many accounts is blocked.
//
// Accounts are the email as typed (known or not: the answer never tells
// which). A rule lets a person mistype a few times; from the failure that
// reaches `free_failures`, the key is blocked for `first_delay` seconds,
// doubling with each further failure up to `max_delay`. While blocked, a
// try is refused at once (no password is checked, nothing is counted): an
// attacker gains nothing by hammering, and refused tries never lengthen the
// block, so a block always ends at most `max_delay` after the last failure.
// A key whose last failure and block are `forget_after` seconds past starts
// afresh, and a successful log-in clears the counters it was checked
// against but its address's (one's own account must not wash an address
// clean). Nobody sleeps: a sync worker that waited would be a free denial
// of service.
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

// 5 failures of a known device, or for an account from one address; 10
// for an account from all unknown clients (two addresses' worth: one
// address alone never blocks the account for everyone else); 20 from one
// address over all accounts. Each within 15 minutes; blocked 1, 2, 4, 8,
// then 15 minutes.
inline constexpr ThrottleRule kDeviceRule{5, 60, 900, 900};
inline constexpr ThrottleRule kAccountAddressRule{5, 60, 900, 900};
inline constexpr ThrottleRule kAccountRule{10, 60, 900, 900};
inline constexpr ThrottleRule kAddressRule{20, 60, 900, 900};

// The counter after one more failure at `now`.
sql::ThrottleRow after_failure(const sql::ThrottleRow& before, domain::Timestamp now,
                               const ThrottleRule& rule);
// Seconds until the key may try again; 0 when it may now.
std::int64_t seconds_blocked(const std::optional<sql::ThrottleRow>& row, domain::Timestamp now);

// Who tries to log in: from an address, and (a browser) with the nonce of a
// device cookie whose signature the caller checked for this account.
struct LogInClient {
  std::string address;
  std::optional<std::string> device;
};

struct Throttle {
  std::int64_t retry_after = 0;  // seconds; 0: not blocked (the longest block)
  // The failures under each key the try was checked against, after this
  // attempt, for the log: a known device's, or the other three.
  int device_failures = 0;
  int account_address_failures = 0;
  int account_failures = 0;
  int address_failures = 0;
};

// How long this client must still wait to try this account.
Throttle check_throttle(sql::Connection& db, const std::string& email, const LogInClient& client);
// Counts a failure under each of the client's keys, in one transaction.
Throttle record_failure(sql::Connection& db, const std::string& email, const LogInClient& client);
// A success: the counters of the account (or the device) start afresh.
void clear_after_success(sql::Connection& db, const std::string& email, const LogInClient& client);

// Asking for a password reset link (operations/password_resets.hpp) is
// throttled with the same counters and rules, under keys of its own (so
// that asking never blocks a log-in): every request counts, there being no
// failure to wait for. From the 3rd request for one address as typed, or
// the 10th from one client address, within 15 minutes: blocked 1, 2, 4, 8,
// then 15 minutes. A mailbox is not flooded and the addresses of a list
// are not tried at speed; whether the address has an account changes
// nothing here.
inline constexpr ThrottleRule kResetAccountRule{3, 60, 900, 900};
inline constexpr ThrottleRule kResetAddressRule{10, 60, 900, 900};
// Checks and counts one request, in one transaction; retry_after > 0 when
// it is refused (then nothing is counted). account_failures and
// address_failures are the requests counted.
Throttle count_reset_request(sql::Connection& db, const std::string& email,
                             const std::string& address);

// /verify's uploads (views/verify_pages.cpp) are counted per client address
// the same way, under a key of their own: from the 31st upload within 15
// minutes, blocked 1, 2, 4, 8, then 15 minutes. A person checks a file or
// a few; an auditor going through a folder of them stays well inside; a
// script hashing guesses at the server's expense does not.
inline constexpr ThrottleRule kVerifyAddressRule{30, 60, 900, 900};
// Checks and counts one upload; retry_after > 0 when it is refused (then
// nothing is counted), address_failures the uploads counted.
Throttle count_verify_upload(sql::Connection& db, const std::string& address);

}  // namespace construction::operations
