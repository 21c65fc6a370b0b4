// The counters of failed log-ins (migration 0004), one row per scope
// ("account" or "address") and key. Times are instants of the database's
// clock, the one clock every worker and host shares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

struct ThrottleRow {
  int failures = 0;
  domain::Timestamp last_failure_at{};
  std::optional<domain::Timestamp> blocked_until;
};

domain::Timestamp database_now(Connection& db);
// The key is lower-cased by PostgreSQL (as users_email_key compares emails).
std::optional<ThrottleRow> find_throttle(Connection& db, std::string_view scope,
                                         const std::string& key);
// The row locked for the caller's transaction, created empty (0 failures,
// not saved) when absent.
ThrottleRow lock_throttle(Connection& db, std::string_view scope, const std::string& key);
void save_throttle(Connection& db, std::string_view scope, const std::string& key,
                   const ThrottleRow& row);
void clear_throttle(Connection& db, std::string_view scope, const std::string& key);
// Deletes the rows whose last failure and block both ended before `before`.
void forget_throttles_before(Connection& db, domain::Timestamp before);

}  // namespace construction::sql
