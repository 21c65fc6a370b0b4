#include <catch2/catch.hpp>

#include "api/rfc3339.hpp"
#include "sql/result.hpp"
#include "sql/time_columns.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::api::rfc3339;
using construction::domain::iso_date;
using construction::sql::test::ScratchSchema;

// The stores used to format in PostgreSQL (migration 0002's rfc3339() and
// to_char(date, 'YYYY-MM-DD')); the text must not change now that they
// select integers, read them as std::chrono types and the API formats them.
TEST_CASE("a time and a date read from PostgreSQL are written as to_char wrote them", "[pg]") {
  ScratchSchema schema;
  Connection connection = schema.connect();
  Result result = connection.exec(
      "SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS expected, "
      SQL_UNIX_SECONDS("t") " AS seconds, "
      "to_char((t AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS expected_date, "
      SQL_UNIX_DAYS("(t AT TIME ZONE 'UTC')::date") " AS days FROM (VALUES "
      "('2026-11-25 13:40:16.999999+00'::timestamptz), ('2024-02-29 23:59:59.5+00'), "
      "('2026-12-31 23:59:59.999999+00'), ('2027-01-01 00:00:00+00'), "
      "('1969-12-31 23:59:59.25+00'), ('2000-02-29 12:00:00+05'), ('9999-12-31 23:59:59+00'), "
      "('0001-01-01 00:00:00+00'), (now())) AS v(t)");
  REQUIRE(result.rows() == 9);
  for (Row row : result) {
    CHECK(rfc3339(row["seconds"].timestamp()) == row["expected"].string());
    CHECK(iso_date(row["days"].date()) == row["expected_date"].string());
  }
}
