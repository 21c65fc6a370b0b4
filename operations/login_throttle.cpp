#include "operations/login_throttle.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

// Rows idle this long are deleted (whatever a rule says, long forgotten).
constexpr std::chrono::seconds kKeepRows{24 * 3600};

// One counter a try is checked against and counted under.
struct Key {
  std::string_view scope;
  std::string key;
  const ThrottleRule* rule;
  int Throttle::*failures;
};

// An empty address (a test harness, a socket pair) still counts, as one key.
std::string address_key(const std::string& address) {
  return address.empty() ? "unknown" : address;
}

// A known device's own counter, or an unknown client's three, always in
// this order (account, account and address, address) so two workers
// locking them never wait on each other.
std::vector<Key> keys_of(const std::string& email, const LogInClient& client) {
  if (client.device) return {{"device", *client.device, &kDeviceRule, &Throttle::device_failures}};
  std::string address = address_key(client.address);
  // An address holds no space, so "address email" is one pair only.
  return {{"account", email, &kAccountRule, &Throttle::account_failures},
          {"account_address", address + " " + email, &kAccountAddressRule,
           &Throttle::account_address_failures},
          {"address", address, &kAddressRule, &Throttle::address_failures}};
}

// A request counted under each of `keys` (every request counts, there
// being no failure to wait for), in one transaction; refused, and counted
// nowhere, while any of them is blocked.
Throttle count_request(sql::Connection& db, const std::vector<Key>& keys) {
  sql::Transaction tx(db);
  domain::Timestamp now = sql::database_now(db);
  Throttle counted;
  std::vector<sql::ThrottleRow> rows;
  for (const Key& key : keys) {
    rows.push_back(sql::lock_throttle(db, key.scope, key.key));
    counted.retry_after = std::max(counted.retry_after, seconds_blocked(rows.back(), now));
  }
  if (counted.retry_after > 0) return counted;  // rolled back: nothing counted
  for (std::size_t i = 0; i < keys.size(); ++i) {
    sql::ThrottleRow row = after_failure(rows[i], now, *keys[i].rule);
    sql::save_throttle(db, keys[i].scope, keys[i].key, row);
    counted.*keys[i].failures = row.failures;
  }
  tx.commit();
  return counted;
}

}  // namespace

sql::ThrottleRow after_failure(const sql::ThrottleRow& before, domain::Timestamp now,
                               const ThrottleRule& rule) {
  domain::Timestamp quiet_since =
      std::max(before.last_failure_at, before.blocked_until.value_or(domain::Timestamp{}));
  bool remembered =
      before.failures > 0 && now - quiet_since < std::chrono::seconds(rule.forget_after);
  sql::ThrottleRow after{remembered ? before.failures + 1 : 1, now, std::nullopt};
  int over = after.failures - rule.free_failures;
  if (over >= 0) {
    std::int64_t delay = rule.max_delay;
    if (over < 30) delay = std::min(rule.max_delay, rule.first_delay << over);
    after.blocked_until = now + std::chrono::seconds(delay);
  }
  return after;
}

std::int64_t seconds_blocked(const std::optional<sql::ThrottleRow>& row, domain::Timestamp now) {
  if (!row || !row->blocked_until || *row->blocked_until <= now) return 0;
  return (*row->blocked_until - now).count();
}

Throttle check_throttle(sql::Connection& db, const std::string& email, const LogInClient& client) {
  domain::Timestamp now = sql::database_now(db);
  Throttle throttle;
  for (const Key& key : keys_of(email, client)) {
    auto row = sql::find_throttle(db, key.scope, key.key);
    throttle.retry_after = std::max(throttle.retry_after, seconds_blocked(row, now));
    throttle.*key.failures = row ? row->failures : 0;
  }
  return throttle;
}

Throttle record_failure(sql::Connection& db, const std::string& email, const LogInClient& client) {
  sql::Transaction tx(db);
  domain::Timestamp now = sql::database_now(db);
  Throttle counted;
  for (const Key& key : keys_of(email, client)) {
    sql::ThrottleRow row =
        after_failure(sql::lock_throttle(db, key.scope, key.key), now, *key.rule);
    sql::save_throttle(db, key.scope, key.key, row);
    counted.*key.failures = row.failures;
  }
  tx.commit();
  sql::forget_throttles_before(db, now - kKeepRows);
  return counted;
}

void clear_after_success(sql::Connection& db, const std::string& email, const LogInClient& client) {
  for (const Key& key : keys_of(email, client))
    if (key.scope != "address") sql::clear_throttle(db, key.scope, key.key);
}

Throttle count_reset_request(sql::Connection& db, const std::string& email,
                             const std::string& address) {
  return count_request(
      db,
      {{"reset_account", email, &kResetAccountRule, &Throttle::account_failures},
       {"reset_address", address_key(address), &kResetAddressRule, &Throttle::address_failures}});
}

Throttle count_verify_upload(sql::Connection& db, const std::string& address) {
  return count_request(db, {{"verify_address", address_key(address), &kVerifyAddressRule,
                             &Throttle::address_failures}});
}

}  // namespace construction::operations
