#include <catch2/catch.hpp>

#include "sql/error.hpp"
#include "sql/transaction.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::ScratchSchema;

namespace {

constexpr std::string_view tables = R"(
  CREATE TABLE organisations (
    id bigint PRIMARY KEY,
    slug text NOT NULL CONSTRAINT organisations_slug_key UNIQUE,
    seats int NOT NULL CONSTRAINT organisations_seats_positive CHECK (seats > 0));
  CREATE TABLE projects (
    id bigint PRIMARY KEY,
    organisation_id bigint NOT NULL CONSTRAINT projects_organisation_fkey REFERENCES organisations);
  INSERT INTO organisations VALUES (1, 'acme', 5);)";

}  // namespace

TEST_CASE("a duplicate key is a UniqueViolation naming the constraint", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script(tables);
  try {
    connection.exec("INSERT INTO organisations VALUES ($1, $2, $3)", 2, "acme", 1);
    FAIL("no error");
  } catch (const UniqueViolation& error) {
    CHECK(error.sqlstate() == "23505");
    CHECK(error.constraint() == "organisations_slug_key");
  }
}

TEST_CASE("a missing parent is a ForeignKeyViolation", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script(tables);
  try {
    connection.exec("INSERT INTO projects VALUES ($1, $2)", 1, 99);
    FAIL("no error");
  } catch (const ForeignKeyViolation& error) {
    CHECK(error.sqlstate() == "23503");
    CHECK(error.constraint() == "projects_organisation_fkey");
  }
}

TEST_CASE("a failed CHECK is a CheckViolation, a missing value a NotNullViolation", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script(tables);
  CHECK_THROWS_AS(connection.exec("INSERT INTO organisations VALUES ($1, $2, $3)", 2, "b", 0),
                  CheckViolation);
  CHECK_THROWS_AS(
      connection.exec("INSERT INTO organisations VALUES ($1, $2, $3)", 2, std::nullopt, 1),
      NotNullViolation);
}

TEST_CASE("a concurrent update under REPEATABLE READ is a SerializationFailure", "[pg]") {
  ScratchSchema schema;
  Connection first = schema.connect();
  Connection second = schema.connect();
  first.exec_script(tables);

  Transaction slow(first, Isolation::repeatable_read);
  slow.exec("SELECT seats FROM organisations WHERE id = $1", 1);  // takes the snapshot
  second.exec("UPDATE organisations SET seats = seats + 1 WHERE id = $1", 1);
  CHECK_THROWS_AS(slow.exec("UPDATE organisations SET seats = seats + 1 WHERE id = $1", 1),
                  SerializationFailure);
}

TEST_CASE("statement_timeout cancels a slow query as QueryCanceled", "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = schema.settings();
  settings.statement_timeout_ms = 100;
  Connection connection = Connection::open(settings);

  CHECK_THROWS_AS(connection.exec("SELECT pg_sleep(5)"), QueryCanceled);
  CHECK(connection.exec("SELECT 1 AS one")[0]["one"].int32() == 1);  // the session lives on
}

TEST_CASE("other errors are DatabaseErrors with their SQLSTATE, all under sql::Error", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  try {
    connection.exec("SELEC 1");
    FAIL("no error");
  } catch (const DatabaseError& error) {
    CHECK(error.sqlstate() == "42601");
    CHECK_THAT(error.what(), Catch::Contains("syntax error"));
  }
  CHECK_THROWS_AS(connection.exec("SELECT 1/0"), Error);
}
