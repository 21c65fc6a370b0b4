#include "domain/calendar.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;
using namespace std::chrono;

TEST_CASE("a calendar date is a real day written YYYY-MM-DD", "[unit]") {
  CHECK(is_calendar_date("2024-02-29"));
  CHECK(is_calendar_date("0001-01-01"));
  CHECK(is_calendar_date("2026-12-31"));
  CHECK_FALSE(is_calendar_date("2023-02-29"));  // not a leap year
  CHECK_FALSE(is_calendar_date("2026-04-31"));
  CHECK_FALSE(is_calendar_date("2026-13-01"));
  CHECK_FALSE(is_calendar_date("2026-00-10"));
  CHECK_FALSE(is_calendar_date("0000-01-01"));  // no year 0
  CHECK_FALSE(is_calendar_date("2023-1-01"));
  CHECK_FALSE(is_calendar_date("2026-01-1x"));
  CHECK_FALSE(is_calendar_date("+026-01-01"));
  CHECK_FALSE(is_calendar_date("2026/01/01"));
  CHECK_FALSE(is_calendar_date(""));
}

TEST_CASE("iso_date writes the day parse_date read, across the calendar's edges", "[unit]") {
  CHECK(iso_date(Date{}) == "1970-01-01");
  CHECK(iso_date(Date(days(19782))) == "2024-02-29");
  CHECK(iso_date(Date(days(20818))) == "2026-12-31");
  CHECK(iso_date(Date(days(20819))) == "2027-01-01");
  CHECK(iso_date(Date(days(-1))) == "1969-12-31");
  CHECK(iso_date(Date(days(-719162))) == "0001-01-01");
  CHECK(iso_date(Date(days(2932896))) == "9999-12-31");
  for (const char* text : {"0001-01-01", "1900-02-28", "2000-02-29", "2024-02-29", "2026-12-05",
                           "2100-03-01", "9999-12-31"}) {
    auto date = parse_date(text);
    REQUIRE(date);
    CHECK(iso_date(*date) == text);
  }
  CHECK(parse_date("2026-12-05") == Date(year(2026) / December / 5));
}

TEST_CASE("display_date writes a day as a person reads it, other text as it is", "[unit]") {
  using namespace std::chrono;
  CHECK(display_date(Date{year{2026} / 12 / 2}) == "Dec 2, 2026");
  CHECK(display_date(Date{year{226} / 2 / 26}) == "Feb 26, 0226");
  CHECK(display_date(std::string_view("2026-12-02T10:00:00Z")) == "Dec 2, 2026");
  CHECK(display_date(std::string_view("soon")) == "soon");
  CHECK(display_date(std::string_view("2026-13-02")) == "2026-13-02");
}
