#include <catch2/catch.hpp>
#include <chrono>

#include "sql/connection.hpp"
#include "sql/error.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::prepared_statement_count;
using construction::sql::test::ScratchSchema;

TEST_CASE("a connection names itself and carries the statement timeout", "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = schema.settings();
  settings.application_name = "construction worker 3";
  settings.statement_timeout_ms = 1234;
  Connection connection = Connection::open(settings);

  Row row = connection
                .exec(
                    "SELECT current_setting('application_name') AS name, "
                    "current_setting('statement_timeout') AS timeout")
                .single_row();
  CHECK(row["name"].string() == "construction worker 3");
  CHECK(row["timeout"].string() == "1234ms");
}

TEST_CASE("parameters travel apart from the SQL text, NULL included", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  std::optional<std::string> nothing;
  Row row = connection
                .exec(
                    "SELECT $1::text AS quoted, $2::bigint AS big, $3::boolean AS flag, "
                    "$4::text IS NULL AS was_null, $5::int AS small",
                    std::string_view("'); DROP TABLE x; --"), std::int64_t{9007199254740993}, true,
                    nothing, 12)
                .single_row();
  CHECK(row["quoted"].string() == "'); DROP TABLE x; --");
  CHECK(row["big"].int64() == 9007199254740993);
  CHECK(row["flag"].boolean());
  CHECK(row["was_null"].boolean());
  CHECK(row["small"].int32() == 12);
}

TEST_CASE("with prepared statements on, a statement is prepared once per connection", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  for (int i = 0; i < 3; ++i)
    CHECK(connection.exec("SELECT $1::int + 1 AS n", i)[0]["n"].int32() == i + 1);
  // The statement above and the count itself.
  CHECK(prepared_statement_count(connection) == 2);
}

TEST_CASE("with prepared statements off (PgBouncer), nothing is prepared", "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = schema.settings();
  settings.prepared_statements = false;
  Connection connection = Connection::open(settings);
  for (int i = 0; i < 3; ++i)
    CHECK(connection.exec("SELECT $1::int + 1 AS n", i)[0]["n"].int32() == i + 1);
  CHECK(prepared_statement_count(connection) == 0);
}

TEST_CASE("a script runs several statements in one round trip", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE things (id int); INSERT INTO things VALUES (1), (2);");
  CHECK(connection.exec("SELECT count(*) AS n FROM things")[0]["n"].int64() == 2);
}

TEST_CASE("a server that cannot be reached is DatabaseUnavailable, promptly", "[pg]") {
  DatabaseSettings settings = construction::sql::test::unreachable_settings();
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(Connection::open(settings), DatabaseUnavailable);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
}

TEST_CASE("a backend terminated by the server is ConnectionLost on the next statement", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  schema.terminate_backend(connection.backend_pid());

  CHECK_THROWS_AS(connection.exec("SELECT 1"), ConnectionLost);
  CHECK(connection.is_broken());
}

TEST_CASE("an armed connection reconnects once and runs the statement again", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec("SELECT 1");  // prepared on the old session
  int old_pid = connection.backend_pid();
  schema.terminate_backend(old_pid);

  connection.allow_one_reconnect();
  CHECK(connection.exec("SELECT 1 AS one")[0]["one"].int32() == 1);
  CHECK(connection.backend_pid() != old_pid);
  CHECK(connection.exec("SELECT current_schema() AS s")[0]["s"].string() == schema.name());
}

TEST_CASE("a statement that reached the server disarms the reconnect", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.allow_one_reconnect();
  CHECK_THROWS_AS(connection.exec("SELECT * FROM no_such_table"), DatabaseError);
  schema.terminate_backend(connection.backend_pid());
  CHECK_THROWS_AS(connection.exec("SELECT 1"), ConnectionLost);
}
