#include "sql/migrator.hpp"

#include <catch2/catch.hpp>

using construction::sql::migration_checksum;

TEST_CASE("the migration checksum is FNV-1a 64 in 16 hex digits", "[unit]") {
  CHECK(migration_checksum("") == "cbf29ce484222325");
  CHECK(migration_checksum("a") == "af63dc4c8601ec8c");
  CHECK(migration_checksum("foobar") == "85944171f73967e8");
}

TEST_CASE("any edit to a migration changes its checksum", "[unit]") {
  CHECK(migration_checksum("CREATE TABLE a (id int);") !=
        migration_checksum("CREATE TABLE a (id int); "));
}

TEST_CASE("migration states print as the words `migrate status` shows", "[unit]") {
  using construction::sql::MigrationState;
  CHECK(to_string(MigrationState::applied) == "applied");
  CHECK(to_string(MigrationState::pending) == "pending");
  CHECK(to_string(MigrationState::changed) == "changed");
  CHECK(to_string(MigrationState::unknown) == "unknown");
}
