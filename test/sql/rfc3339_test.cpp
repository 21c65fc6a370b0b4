#include "sql/rfc3339.hpp"

#include <catch2/catch.hpp>

using construction::sql::iso_date;
using construction::sql::rfc3339;

TEST_CASE("rfc3339 writes UTC to the second, as the API always has", "[unit]") {
  CHECK(rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(rfc3339(1795614016) == "2026-11-25T13:40:16Z");
  CHECK(rfc3339(951782400) == "2000-02-29T00:00:00Z");   // a leap day of a 400th year
  CHECK(rfc3339(1709251199) == "2024-02-29T23:59:59Z");  // the last second of a leap day
  CHECK(rfc3339(1798761599) == "2026-12-31T23:59:59Z");  // the end of a year
  CHECK(rfc3339(1798761600) == "2027-01-01T00:00:00Z");
  CHECK(rfc3339(4107456000) == "2100-02-28T00:00:00Z");  // no leap day in 2100
  CHECK(rfc3339(4107542400) == "2100-03-01T00:00:00Z");
  CHECK(rfc3339(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("iso_date writes YYYY-MM-DD from days since 1970-01-01", "[unit]") {
  CHECK(iso_date(0) == "1970-01-01");
  CHECK(iso_date(19782) == "2024-02-29");
  CHECK(iso_date(20818) == "2026-12-31");
  CHECK(iso_date(20819) == "2027-01-01");
  CHECK(iso_date(-719162) == "0001-01-01");
  CHECK(iso_date(2932896) == "9999-12-31");
  CHECK(iso_date(std::optional<std::int64_t>{}) == std::nullopt);
  CHECK(iso_date(std::optional<std::int64_t>{-1}) == "1969-12-31");
}
