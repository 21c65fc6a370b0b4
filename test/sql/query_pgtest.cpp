#include <catch2/catch.hpp>

#include "sql/error.hpp"
#include "sql/query.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::prepared_statement_count;
using construction::sql::test::ScratchSchema;

namespace {

Query<std::int64_t> number_query(std::string_view sql, std::int64_t n) {
  return make_query<std::int64_t>(
      sql, [](const Result& r) { return r.single_row()["n"].int64(); }, n);
}

Query<std::string> text_query(std::string_view sql) {
  return make_query<std::string>(sql, [](const Result& r) { return r.single_row()[0].string(); });
}

}  // namespace

TEST_CASE("queries fetched together give each its own value, in order", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  auto [a, b, c] =
      fetch_together(connection, number_query("SELECT $1::bigint + 1 AS n", 1),
                     number_query("SELECT $1::bigint * 10 AS n", 7), text_query("SELECT 'third'"));
  CHECK(a == 2);
  CHECK(b == 70);
  CHECK(c == "third");
  CHECK(fetch(connection, number_query("SELECT $1::bigint - 1 AS n", 5)) == 4);
}

TEST_CASE("queries fetched together are sent at once and run in one transaction", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  // now() is the start of the transaction: statements sent one by one
  // outside a transaction block each have their own.
  auto at = [] { return text_query("SELECT now()::text, pg_sleep(0.01)"); };
  auto [first, second] = fetch_together(connection, at(), at());
  CHECK(first == second);
  CHECK(fetch(connection, at()) != fetch(connection, at()));
}

TEST_CASE("a failing query among others throws its error and undoes the others", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script(
      "CREATE TABLE things (id int PRIMARY KEY); INSERT INTO things VALUES (1);");
  auto insert = [](std::int64_t id) {
    return make_query<bool>(
        "INSERT INTO things VALUES ($1) RETURNING true", [](const Result&) { return true; }, id);
  };
  CHECK_THROWS_AS(fetch_together(connection, insert(2), insert(1), insert(3)), UniqueViolation);
  // The session is usable, and nothing of the batch was kept.
  CHECK(connection.exec("SELECT count(*) AS n FROM things")[0]["n"].int64() == 1);
  auto [count] =
      fetch_together(connection, text_query("SELECT count(*)::text FROM things WHERE id = 1"));
  CHECK(count == "1");
}

TEST_CASE("queries fetched together are prepared once per connection", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  for (int i = 0; i < 3; ++i) {
    auto [a, b] = fetch_together(connection, number_query("SELECT $1::bigint AS n", i),
                                 number_query("SELECT $1::bigint AS n", i + 1));
    CHECK(a == i);
    CHECK(b == i + 1);
  }
  CHECK(connection.exec("SELECT $1::bigint AS n", 9)[0]["n"].int64() == 9);
  // That statement (once, though sent twice in one batch) and the count.
  CHECK(prepared_statement_count(connection) == 2);
}

TEST_CASE("with prepared statements off (PgBouncer), queries fetched together prepare nothing",
          "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = schema.settings();
  settings.prepared_statements = false;
  Connection connection = Connection::open(settings);
  auto [a, b] = fetch_together(connection, number_query("SELECT $1::bigint AS n", 4),
                               number_query("SELECT $1::bigint * 2 AS n", 4));
  CHECK(a == 4);
  CHECK(b == 8);
  CHECK(prepared_statement_count(connection) == 0);
}

TEST_CASE("an armed connection runs queries fetched together again on a new session", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  int old_pid = connection.backend_pid();
  schema.terminate_backend(old_pid);
  connection.allow_one_reconnect();
  auto [a, b] = fetch_together(connection, number_query("SELECT $1::bigint AS n", 1),
                               number_query("SELECT $1::bigint AS n", 2));
  CHECK(a + b == 3);
  CHECK(connection.backend_pid() != old_pid);

  schema.terminate_backend(connection.backend_pid());  // not armed now
  CHECK_THROWS_AS(fetch_together(connection, number_query("SELECT $1::bigint AS n", 1)),
                  ConnectionLost);
}
