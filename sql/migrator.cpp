#include "sql/migrator.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "sql/time_columns.hpp"
#include "sql/transaction.hpp"

namespace construction::sql {

namespace {

// Any fixed number works, as long as every build uses the same one.
constexpr std::int64_t migration_lock_key = 0x636f6e737472756e;  // "construn"

constexpr std::string_view create_history = R"(
  CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()))";

constexpr std::string_view history_exists =
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present";
constexpr std::string_view read_history = "SELECT name, checksum, " SQL_UNIX_SECONDS(
    "applied_at") " AS applied_at FROM schema_migrations";
constexpr std::string_view record_migration =
    "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)";

struct Recorded {
  std::string checksum;
  domain::Timestamp applied_at;
};

// Holds the migration lock for the life of the object (session level, so it
// spans the per-migration transactions).
class MigrationLock {
 public:
  explicit MigrationLock(Connection& connection) : connection_(connection) {
    connection_.exec("SELECT pg_advisory_lock($1)", migration_lock_key);
  }
  ~MigrationLock() {
    try {
      connection_.exec("SELECT pg_advisory_unlock($1)", migration_lock_key);
    } catch (const Error&) {
      // A dead session has released its locks already.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Connection& connection_;
};

std::map<std::string, Recorded> recorded_migrations(Connection& connection) {
  std::map<std::string, Recorded> recorded;
  if (!connection.exec(history_exists).single_row()["present"].boolean()) return recorded;
  for (Row row : connection.exec(read_history)) {
    recorded[row["name"].string()] = {row["checksum"].string(), row["applied_at"].timestamp()};
  }
  return recorded;
}

MigrationState state_of(const EmbeddedMigration& migration, const Recorded* recorded) {
  if (!recorded) return MigrationState::pending;
  if (recorded->checksum != migration_checksum(migration.text)) return MigrationState::changed;
  return MigrationState::applied;
}

void require_sorted(std::span<const EmbeddedMigration> migrations) {
  auto out_of_order =
      std::adjacent_find(migrations.begin(), migrations.end(),
                         [](const auto& a, const auto& b) { return !(a.name < b.name); });
  if (out_of_order != migrations.end()) {
    throw Error("migrations must be sorted by unique name: '" + std::string(out_of_order->name) +
                "' comes before '" + std::string((out_of_order + 1)->name) + "'");
  }
}

}  // namespace

std::string_view to_string(MigrationState state) {
  switch (state) {
    case MigrationState::applied:
      return "applied";
    case MigrationState::pending:
      return "pending";
    case MigrationState::changed:
      return "changed";
    case MigrationState::unknown:
      break;
  }
  return "unknown";
}

MigrationFailed::MigrationFailed(std::string migration, const DatabaseError& cause)
    : Error("migration " + migration + " failed and was rolled back: " + cause.what()),
      migration_(std::move(migration)),
      sqlstate_(cause.sqlstate()) {}

std::string migration_checksum(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string digits(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) digits[i] = hex[hash & 0xF];
  return digits;
}

Migrator::Migrator(Connection& connection, std::span<const EmbeddedMigration> migrations)
    : connection_(connection), migrations_(migrations) {
  require_sorted(migrations_);
}

std::vector<MigrationStatus> Migrator::status() {
  std::map<std::string, Recorded> recorded = recorded_migrations(connection_);
  std::map<std::string, MigrationStatus> all;
  for (const auto& migration : migrations_) {
    std::string name(migration.name);
    auto found = recorded.find(name);
    const Recorded* record = found == recorded.end() ? nullptr : &found->second;
    all[name] = {name, state_of(migration, record),
                 record ? std::optional(record->applied_at) : std::nullopt};
  }
  for (const auto& [name, record] : recorded) {
    if (!all.contains(name)) all[name] = {name, MigrationState::unknown, record.applied_at};
  }
  std::vector<MigrationStatus> statuses;
  for (auto& [name, status] : all) statuses.push_back(std::move(status));
  return statuses;
}

MigrationReport Migrator::up() {
  MigrationLock lock(connection_);
  create_history_table();
  // Read after taking the lock: whoever held it before us may have applied some.
  std::map<std::string, Recorded> recorded = recorded_migrations(connection_);
  MigrationReport report;
  for (const auto& migration : migrations_) {
    auto found = recorded.find(std::string(migration.name));
    const Recorded* record = found == recorded.end() ? nullptr : &found->second;
    switch (state_of(migration, record)) {
      case MigrationState::pending:
        apply(migration);
        report.applied.emplace_back(migration.name);
        break;
      case MigrationState::changed:
        report.changed.emplace_back(migration.name);
        break;
      default:
        break;
    }
  }
  return report;
}

void Migrator::create_history_table() {
  connection_.exec_script(create_history);
}

void Migrator::apply(const EmbeddedMigration& migration) {
  try {
    Transaction transaction(connection_);
    connection_.exec_script(migration.text);
    connection_.exec(record_migration, migration.name, migration_checksum(migration.text));
    transaction.commit();
  } catch (const DatabaseError& error) {
    throw MigrationFailed(std::string(migration.name), error);
  }
}

SchemaCheck schema_is_current(Connection& connection,
                              std::span<const EmbeddedMigration> migrations) {
  SchemaCheck check{true, {}, ""};
  for (const auto& status : Migrator(connection, migrations).status()) {
    if (status.state == MigrationState::pending) check.pending.push_back(status.name);
  }
  check.current = check.pending.empty();
  if (check.current) return check;
  check.message =
      "the database schema is behind this build: " + std::to_string(check.pending.size()) +
      " migration(s) pending (";
  for (const auto& name : check.pending) {
    check.message += (name == check.pending.front() ? "" : ", ") + name;
  }
  check.message += "); run `construction migrate`";
  return check;
}

}  // namespace construction::sql
