#include "sql/login_throttle_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define THROTTLE_COLUMNS                                                                     \
  "failures, " SQL_UNIX_SECONDS("last_failure_at") " AS last_failure_at, " SQL_UNIX_SECONDS( \
      "blocked_until") " AS blocked_until"

constexpr std::string_view kNow = "SELECT " SQL_UNIX_SECONDS("now()") " AS now";
constexpr std::string_view kFind =
    "SELECT " THROTTLE_COLUMNS " FROM login_throttles WHERE scope = $1 AND key = lower($2)";
constexpr std::string_view kLock = "SELECT " THROTTLE_COLUMNS
                                   " FROM login_throttles WHERE scope = $1 AND key = lower($2) "
                                   "FOR UPDATE";
// A first failure of two workers at once: one inserts, the other waits on
// the row and then sees it.
constexpr std::string_view kInsertEmpty =
    "INSERT INTO login_throttles (scope, key, failures, last_failure_at) "
    "VALUES ($1, lower($2), 1, now()) ON CONFLICT (scope, key) DO NOTHING RETURNING 1";
constexpr std::string_view kSave =
    "UPDATE login_throttles SET failures = $3, last_failure_at = to_timestamp($4), "
    "blocked_until = to_timestamp($5) WHERE scope = $1 AND key = lower($2)";
constexpr std::string_view kClear =
    "DELETE FROM login_throttles WHERE scope = $1 AND key = lower($2)";
// SKIP LOCKED: a row another log-in holds is left for next time, so this
// never waits on (or deadlocks with) one.
constexpr std::string_view kForget =
    "DELETE FROM login_throttles WHERE (scope, key) IN (SELECT scope, key FROM login_throttles "
    "WHERE last_failure_at < to_timestamp($1) "
    "AND (blocked_until IS NULL OR blocked_until < to_timestamp($1)) "
    "FOR UPDATE SKIP LOCKED)";

#undef THROTTLE_COLUMNS

ThrottleRow row_from(const Row& row) {
  return {row["failures"].int32(), row["last_failure_at"].timestamp(),
          row["blocked_until"].optional_timestamp()};
}

// An instant as to_timestamp($n) reads it: seconds since the Unix epoch.
std::int64_t unix_seconds(domain::Timestamp instant) {
  return instant.time_since_epoch().count();
}

std::optional<std::int64_t> unix_seconds(const std::optional<domain::Timestamp>& instant) {
  if (!instant) return std::nullopt;
  return unix_seconds(*instant);
}

}  // namespace

domain::Timestamp database_now(Connection& db) {
  return db.exec(kNow).single_row()["now"].timestamp();
}

std::optional<ThrottleRow> find_throttle(Connection& db, std::string_view scope,
                                         const std::string& key) {
  Result result = db.exec(kFind, scope, key);
  if (result.empty()) return std::nullopt;
  return row_from(result[0]);
}

ThrottleRow lock_throttle(Connection& db, std::string_view scope, const std::string& key) {
  if (!db.exec(kInsertEmpty, scope, key).empty()) return {};
  return row_from(db.exec(kLock, scope, key).single_row());
}

void save_throttle(Connection& db, std::string_view scope, const std::string& key,
                   const ThrottleRow& row) {
  db.exec(kSave, scope, key, row.failures, unix_seconds(row.last_failure_at),
          unix_seconds(row.blocked_until));
}

void clear_throttle(Connection& db, std::string_view scope, const std::string& key) {
  db.exec(kClear, scope, key);
}

void forget_throttles_before(Connection& db, domain::Timestamp before) {
  db.exec(kForget, unix_seconds(before));
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements login_throttle_store_statements() {
  return {"login_throttle_store",
          {SQL_NAMED(kNow), SQL_NAMED(kFind), SQL_NAMED(kLock), SQL_NAMED(kInsertEmpty),
           SQL_NAMED(kSave), SQL_NAMED(kClear), SQL_NAMED(kForget)}};
}

}  // namespace construction::sql
