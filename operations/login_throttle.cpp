#include "operations/login_throttle.hpp"

#include <algorithm>

#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

constexpr std::string_view kAccount = "account";
constexpr std::string_view kAddress = "address";
// Rows idle this long are deleted (whatever a rule says, long forgotten).
constexpr std::int64_t kKeepRows = 24 * 3600;

// An empty address (a test harness, a socket pair) still counts, as one key.
std::string address_key(const std::string& address) {
  return address.empty() ? "unknown" : address;
}

int count_failure(sql::Connection& db, std::string_view scope, const std::string& key,
                  std::int64_t now, const ThrottleRule& rule) {
  sql::ThrottleRow row = after_failure(sql::lock_throttle(db, scope, key), now, rule);
  sql::save_throttle(db, scope, key, row);
  return row.failures;
}

}  // namespace

sql::ThrottleRow after_failure(const sql::ThrottleRow& before, std::int64_t now,
                               const ThrottleRule& rule) {
  std::int64_t quiet_since = std::max(before.last_failure_at, before.blocked_until.value_or(0));
  bool remembered = before.failures > 0 && now - quiet_since < rule.forget_after;
  sql::ThrottleRow after{remembered ? before.failures + 1 : 1, now, std::nullopt};
  int over = after.failures - rule.free_failures;
  if (over >= 0) {
    std::int64_t delay = rule.max_delay;
    if (over < 30) delay = std::min(rule.max_delay, rule.first_delay << over);
    after.blocked_until = now + delay;
  }
  return after;
}

std::int64_t seconds_blocked(const std::optional<sql::ThrottleRow>& row, std::int64_t now) {
  if (!row || !row->blocked_until || *row->blocked_until <= now) return 0;
  return *row->blocked_until - now;
}

Throttle check_throttle(sql::Connection& db, const std::string& email, const std::string& address) {
  std::int64_t now = sql::database_now(db);
  auto account = sql::find_throttle(db, kAccount, email);
  auto client = sql::find_throttle(db, kAddress, address_key(address));
  return {std::max(seconds_blocked(account, now), seconds_blocked(client, now)),
          account ? account->failures : 0, client ? client->failures : 0};
}

Throttle record_failure(sql::Connection& db, const std::string& email, const std::string& address) {
  sql::Transaction tx(db);
  std::int64_t now = sql::database_now(db);
  // Always in this order (account, then address), so two workers never
  // wait on each other's rows.
  Throttle counted;
  counted.account_failures = count_failure(db, kAccount, email, now, kAccountRule);
  counted.address_failures = count_failure(db, kAddress, address_key(address), now, kAddressRule);
  tx.commit();
  sql::forget_throttles_before(db, now - kKeepRows);
  return counted;
}

void clear_account(sql::Connection& db, const std::string& email) {
  sql::clear_throttle(db, kAccount, email);
}

}  // namespace construction::operations
