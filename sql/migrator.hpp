// `construction migrate [up|status]` and the worker's boot check. The
// migrations (sql/migrations/NNNN_name.sql, compiled in) are applied in name
// order, each in its own transaction, and recorded in schema_migrations with
// a checksum of their text, so an applied migration edited afterwards is
// reported rather than silently ignored. `up` holds a session-level
// pg_advisory_lock while it works: a second host migrating at the same time
// waits, then finds everything applied. (Advisory locks need a real session:
// run migrations against PostgreSQL directly, not through PgBouncer in
// transaction mode.)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"
#include "sql/embedded_migrations.hpp"
#include "sql/error.hpp"

namespace construction::sql {

enum class MigrationState {
  applied,
  pending,
  changed,  // applied, but its text differs from the one applied
  unknown,  // recorded in the database, absent from this binary (a newer build ran)
};

// "applied", "pending", "changed", "unknown": the words `migrate status` prints.
std::string_view to_string(MigrationState state);

struct MigrationStatus {
  std::string name;
  MigrationState state;
  std::optional<domain::Timestamp> applied_at;  // none while pending
};

struct MigrationReport {
  std::vector<std::string> applied;  // by this run, in order
  std::vector<std::string> changed;  // applied earlier, edited since (a warning)
};

// A migration failed; it was rolled back, and the ones after it not tried.
class MigrationFailed : public Error {
 public:
  MigrationFailed(std::string migration, const DatabaseError& cause);
  const std::string& migration() const noexcept { return migration_; }
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string migration_;
  std::string sqlstate_;
};

class Migrator {
 public:
  // `migrations` must be sorted by name (embedded_migrations() is) and
  // outlive the Migrator.
  Migrator(Connection& connection, std::span<const EmbeddedMigration> migrations);

  // Every migration known to the binary or the database, by name.
  std::vector<MigrationStatus> status();
  // Applies the pending ones. Idempotent.
  MigrationReport up();

 private:
  void create_history_table();
  void apply(const EmbeddedMigration& migration);

  Connection& connection_;
  std::span<const EmbeddedMigration> migrations_;
};

struct SchemaCheck {
  bool current;  // nothing pending
  std::vector<std::string> pending;
  std::string message;  // for the boot error: what to run
};

// The worker's boot check: is every migration of this binary applied?
SchemaCheck schema_is_current(Connection& connection,
                              std::span<const EmbeddedMigration> migrations);

// FNV-1a 64 of the text, 16 hex digits: stable across builds and platforms.
std::string migration_checksum(std::string_view text);

}  // namespace construction::sql
