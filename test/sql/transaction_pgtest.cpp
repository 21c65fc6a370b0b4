#include <catch2/catch.hpp>

#include "sql/error.hpp"
#include "sql/transaction.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::ScratchSchema;

namespace {

std::int64_t count_rows(Connection& connection) {
  return connection.exec("SELECT count(*) AS n FROM entries")[0]["n"].int64();
}

}  // namespace

TEST_CASE("a transaction not committed is rolled back when it goes out of scope", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE entries (id int)");
  {
    Transaction transaction(connection);
    transaction.exec("INSERT INTO entries VALUES ($1)", 1);
    CHECK(count_rows(connection) == 1);
  }
  CHECK(count_rows(connection) == 0);
  CHECK(connection.is_idle_in_session());
}

TEST_CASE("a committed transaction keeps its work", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE entries (id int)");
  {
    Transaction transaction(connection);
    transaction.exec("INSERT INTO entries VALUES ($1)", 1);
    transaction.commit();
  }
  CHECK(count_rows(connection) == 1);
}

TEST_CASE("an exception in the unit of work undoes all of it", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE entries (id int PRIMARY KEY)");
  auto unit_of_work = [&] {
    Transaction transaction(connection);
    transaction.exec("INSERT INTO entries VALUES ($1)", 1);
    transaction.exec("INSERT INTO entries VALUES ($1)", 1);
    transaction.commit();
  };
  CHECK_THROWS_AS(unit_of_work(), UniqueViolation);
  CHECK(count_rows(connection) == 0);
  CHECK(connection.is_idle_in_session());
}

TEST_CASE("the isolation level is the one asked for", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Transaction transaction(connection, Isolation::serializable);
  CHECK(transaction.exec("SELECT current_setting('transaction_isolation') AS level")[0]["level"]
            .string() == "serializable");
}

TEST_CASE("a transaction inside a transaction is a savepoint of it", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE entries (id int PRIMARY KEY)");
  {
    Transaction outer(connection);
    outer.exec("INSERT INTO entries VALUES ($1)", 1);
    {
      Transaction kept(connection);
      kept.exec("INSERT INTO entries VALUES ($1)", 2);
      kept.commit();
    }
    auto failing = [&] {
      Transaction inner(connection);
      inner.exec("INSERT INTO entries VALUES ($1)", 3);
      inner.exec("INSERT INTO entries VALUES ($1)", 1);  // a duplicate: undoes 3 only
      inner.commit();
    };
    CHECK_THROWS_AS(failing(), UniqueViolation);
    CHECK(count_rows(connection) == 2);
    CHECK_FALSE(connection.is_idle_in_session());  // still inside the outer one
    outer.commit();
  }
  CHECK(count_rows(connection) == 2);
  {
    Transaction outer(connection);
    Transaction inner(connection);
    inner.exec("INSERT INTO entries VALUES ($1)", 4);
    inner.commit();
  }  // the outer one rolls back, taking the released savepoint's work with it
  CHECK(count_rows(connection) == 2);
  CHECK(connection.is_idle_in_session());
}
