#include <catch2/catch.hpp>

#include "domain/invoice.hpp"
#include "sql/error.hpp"
#include "sql/result.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::ScratchSchema;

namespace {

constexpr std::string_view sample = R"(
  SELECT * FROM (VALUES
    (1::bigint, 'one'::text, true, NULL::int),
    (9223372036854775807, 'max', false, 7)) AS t(id, name, active, score) ORDER BY id)";

}  // namespace

TEST_CASE("fields read by column name or index, typed", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(sample);

  REQUIRE(result.rows() == 2);
  CHECK(result.columns() == 4);
  CHECK(result[0]["id"].int64() == 1);
  CHECK(result[0][1].string() == "one");
  CHECK(result[0]["active"].boolean());
  CHECK(result[1]["id"].int64() == 9223372036854775807);
  CHECK_FALSE(result[1][2].boolean());
  CHECK(result[1]["score"].int32() == 7);
  CHECK(result.column_index("score") == 3);
  CHECK(result[0]["name"].name() == "name");
}

TEST_CASE("NULL is visible and reads as an empty optional", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(sample);

  CHECK(result[0]["score"].is_null());
  CHECK_FALSE(result[0]["score"].optional_int32().has_value());
  CHECK_FALSE(result[0]["score"].optional_int64().has_value());
  CHECK_FALSE(result[0]["score"].optional_string().has_value());
  CHECK_FALSE(result[0]["score"].optional_boolean().has_value());
  CHECK(result[1]["score"].optional_int32() == 7);
  CHECK(result[1]["name"].optional_string() == "max");
}

TEST_CASE("columns read by name in any order, and as PQfnumber folds them", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(sample);

  for (Row row : result) {
    CHECK(row["score"].name() == "score");
    CHECK(row["id"].name() == "id");
    CHECK(row["active"].name() == "active");
    CHECK(row["active"].name() == "active");
    CHECK(row["name"].name() == "name");
    CHECK(row["NAME"].name() == "name");
  }
}

TEST_CASE("misreading a result is a ResultAccessError naming the column", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(sample);

  CHECK_THROWS_WITH(result[0]["score"].int32(),
                    Catch::Contains("'score'") && Catch::Contains("NULL"));
  CHECK_THROWS_AS(result[0]["name"].int64(), ResultAccessError);
  CHECK_THROWS_AS(result[1]["id"].int32(), ResultAccessError);  // does not fit
  CHECK_THROWS_AS(result[0]["name"].boolean(), ResultAccessError);
  CHECK_THROWS_WITH(result[0]["nope"], Catch::Contains("nope"));
  CHECK_THROWS_AS(result[0][4], ResultAccessError);
  CHECK_THROWS_AS(result[2], ResultAccessError);
  CHECK_THROWS_AS(result.single_row(), ResultAccessError);
}

TEST_CASE("a status is read by its name, and a name the domain does not know names the column",
          "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(
      "SELECT 'partially_paid'::text AS status, 'settled'::text AS old_status, "
      "NULL::text AS no_status");

  using construction::domain::InvoiceStatus;
  using construction::domain::parse_invoice_status;
  CHECK(result[0]["status"].named(parse_invoice_status) == InvoiceStatus::partially_paid);
  CHECK_THROWS_WITH(result[0]["old_status"].named(parse_invoice_status),
                    Catch::Contains("'old_status'") && Catch::Contains("'settled'"));
  CHECK_THROWS_AS(result[0]["no_status"].named(parse_invoice_status), ResultAccessError);
}

TEST_CASE("rows iterate in order and commands report the rows they touched", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  connection.exec_script("CREATE TABLE items (id int)");

  CHECK(
      connection.exec("INSERT INTO items SELECT generate_series(1, $1::int)", 3).affected_rows() ==
      3);
  std::vector<int> ids;
  for (Row row : connection.exec("SELECT id FROM items ORDER BY id"))
    ids.push_back(row["id"].int32());
  CHECK(ids == std::vector<int>{1, 2, 3});
  CHECK(connection.exec("DELETE FROM items WHERE id > $1", 1).affected_rows() == 2);
  CHECK(connection.exec("SELECT id FROM items WHERE id > 5").empty());
}
