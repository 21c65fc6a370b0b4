#include "api/rfc3339.hpp"

#include <catch2/catch.hpp>

using construction::api::rfc3339;
using construction::domain::Timestamp;

namespace {
std::string at(std::int64_t unix_seconds) {
  return rfc3339(Timestamp(std::chrono::seconds(unix_seconds)));
}
}  // namespace

TEST_CASE("rfc3339 writes UTC to the second, as the API always has", "[unit]") {
  CHECK(at(0) == "1970-01-01T00:00:00Z");
  CHECK(at(1795614016) == "2026-11-25T13:40:16Z");
  CHECK(at(951782400) == "2000-02-29T00:00:00Z");   // a leap day of a 400th year
  CHECK(at(1709251199) == "2024-02-29T23:59:59Z");  // the last second of a leap day
  CHECK(at(1798761599) == "2026-12-31T23:59:59Z");  // the end of a year
  CHECK(at(1798761600) == "2027-01-01T00:00:00Z");
  CHECK(at(4107456000) == "2100-02-28T00:00:00Z");  // no leap day in 2100
  CHECK(at(4107542400) == "2100-03-01T00:00:00Z");
  CHECK(at(-1) == "1969-12-31T23:59:59Z");
}
