#include <catch2/catch.hpp>
#include <thread>

#include "sql/migrator.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::ScratchSchema;

namespace {

// Each test migrates its own schema with its own list, never the real one.
const std::vector<EmbeddedMigration> two_migrations = {
    {"0001_organisations",
     "CREATE TABLE organisations (id bigint PRIMARY KEY, name text NOT NULL);"},
    {"0002_projects",
     "CREATE TABLE projects (id bigint PRIMARY KEY, organisation_id bigint REFERENCES "
     "organisations);\n"
     "CREATE INDEX projects_organisation ON projects (organisation_id);"},
};

std::int64_t recorded_count(Connection& connection) {
  return connection.exec("SELECT count(*) AS n FROM schema_migrations")[0]["n"].int64();
}

std::vector<MigrationState> states(Migrator& migrator) {
  std::vector<MigrationState> states;
  for (const auto& status : migrator.status()) states.push_back(status.state);
  return states;
}

}  // namespace

TEST_CASE("up applies the migrations in order, and again does nothing", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Migrator migrator(connection, two_migrations);

  MigrationReport first = migrator.up();
  CHECK(first.applied == std::vector<std::string>{"0001_organisations", "0002_projects"});
  CHECK(connection.exec("SELECT count(*) AS n FROM projects")[0]["n"].int64() == 0);

  MigrationReport second = migrator.up();
  CHECK(second.applied.empty());
  CHECK(second.changed.empty());
  CHECK(recorded_count(connection) == 2);
}

TEST_CASE("status lists pending, then applied with the time", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Migrator first_only(connection, std::span(two_migrations).first(1));
  Migrator both(connection, two_migrations);

  CHECK(states(both) == std::vector{MigrationState::pending, MigrationState::pending});
  first_only.up();
  auto statuses = both.status();
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[0].name == "0001_organisations");
  CHECK(statuses[0].state == MigrationState::applied);
  CHECK(statuses[0].applied_at);
  CHECK(statuses[1].state == MigrationState::pending);
  CHECK_FALSE(statuses[1].applied_at);
}

TEST_CASE("a migration applied by a newer build is listed as unknown", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Migrator newer(connection, two_migrations);
  newer.up();
  Migrator older(connection, std::span(two_migrations).first(1));
  CHECK(states(older) == std::vector{MigrationState::applied, MigrationState::unknown});
  CHECK(schema_is_current(connection, std::span(two_migrations).first(1)).current);
}

TEST_CASE("an applied migration edited since is reported, not re-run", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Migrator original(connection, two_migrations);
  original.up();

  std::vector<EmbeddedMigration> edited = two_migrations;
  edited[0].text = "CREATE TABLE organisations (id bigint PRIMARY KEY, name text);";
  Migrator migrator(connection, edited);
  CHECK(states(migrator) == std::vector{MigrationState::changed, MigrationState::applied});
  MigrationReport report = migrator.up();
  CHECK(report.applied.empty());
  CHECK(report.changed == std::vector<std::string>{"0001_organisations"});
}

TEST_CASE("a failing migration is rolled back whole and stops the run", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  std::vector<EmbeddedMigration> broken = {
      two_migrations[0],
      {"0002_half_done", "CREATE TABLE half (id int); SELECT no_such_function();"},
      {"0003_never", "CREATE TABLE never (id int);"},
  };
  Migrator migrator(connection, broken);
  try {
    migrator.up();
    FAIL("no error");
  } catch (const MigrationFailed& failure) {
    CHECK(failure.migration() == "0002_half_done");
    CHECK(failure.sqlstate() == "42883");
  }
  CHECK(states(migrator) ==
        std::vector{MigrationState::applied, MigrationState::pending, MigrationState::pending});
  CHECK(connection.exec("SELECT to_regclass('half') IS NULL AS gone")[0]["gone"].boolean());
  CHECK(connection.is_idle_in_session());
}

TEST_CASE("two hosts migrating at once apply each migration exactly once", "[pg]") {
  ScratchSchema schema;
  // The first migration is slow, so the second migrator arrives while the
  // first holds the lock; each would fail if run twice (CREATE TABLE).
  std::vector<EmbeddedMigration> slow = {
      {"0001_slow", "SELECT pg_sleep(0.5); CREATE TABLE slow (id int);"},
      two_migrations[0],
  };
  slow[1].name = "0002_organisations";
  MigrationReport reports[2];
  auto migrate = [&](int host) {
    Connection connection = schema.connect();
    reports[host] = Migrator(connection, slow).up();
  };
  std::thread first(migrate, 0);
  std::thread second(migrate, 1);
  first.join();
  second.join();

  CHECK(reports[0].applied.size() + reports[1].applied.size() == 2);
  CHECK((reports[0].applied.empty() || reports[1].applied.empty()));
  Connection connection = schema.connect();
  CHECK(recorded_count(connection) == 2);
}

TEST_CASE("the boot check names what is pending and what to run", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();

  SchemaCheck before = schema_is_current(connection, two_migrations);
  CHECK_FALSE(before.current);
  CHECK(before.pending == std::vector<std::string>{"0001_organisations", "0002_projects"});
  CHECK_THAT(before.message, Catch::Contains("0001_organisations, 0002_projects") &&
                                 Catch::Contains("construction migrate"));

  Migrator(connection, two_migrations).up();
  SchemaCheck after = schema_is_current(connection, two_migrations);
  CHECK(after.current);
  CHECK(after.message.empty());
}

TEST_CASE("migrations out of order are refused", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  std::vector<EmbeddedMigration> unsorted = {two_migrations[1], two_migrations[0]};
  CHECK_THROWS_AS(Migrator(connection, unsorted), Error);
}
