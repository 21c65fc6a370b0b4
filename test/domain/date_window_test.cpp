#include "domain/date_window.hpp"

#include <catch2/catch.hpp>

#include "domain/calendar.hpp"

using namespace construction::domain;
using std::chrono::sys_days;
using std::chrono::year;

TEST_CASE("a payment is received at most a day after today and at most ten years before",
          "[unit]") {
  DateWindow window = payment_date_window(sys_days{year{2026} / 12 / 5});
  CHECK_FALSE(refuse_outside(window, "2026-12-05"));
  // Tomorrow: the user's day may be ahead of UTC.
  CHECK_FALSE(refuse_outside(window, "2026-12-06"));
  CHECK_FALSE(refuse_outside(window, "2016-12-05"));
  CHECK(refuse_outside(window, "2026-12-07") == "must be between 2016-12-05 and 2026-12-06");
  CHECK(refuse_outside(window, "2099-01-01") == "must be between 2016-12-05 and 2026-12-06");
  CHECK(refuse_outside(window, "2016-12-04") == "must be between 2016-12-05 and 2026-12-06");
  CHECK(refuse_outside(window, "0001-01-01"));
  // Not a date: the field's own check says so, not the window.
  CHECK_FALSE(refuse_outside(window, "2026-13-01"));
  CHECK_FALSE(refuse_outside(window, "tomorrow"));
}

TEST_CASE("a day already read is held to the window the same way", "[unit]") {
  DateWindow window = payment_date_window(sys_days{year{2026} / 12 / 5});
  CHECK_FALSE(refuse_outside(window, sys_days{year{2026} / 12 / 6}));
  CHECK_FALSE(refuse_outside(window, sys_days{year{2016} / 12 / 5}));
  CHECK(refuse_outside(window, sys_days{year{2026} / 12 / 7}) ==
        "must be between 2016-12-05 and 2026-12-06");
  CHECK(refuse_outside(window, sys_days{year{2016} / 12 / 4}) ==
        "must be between 2016-12-05 and 2026-12-06");
}

TEST_CASE("ten years from Feb 29 is the last day of February", "[unit]") {
  DateWindow window = task_date_window(sys_days{year{2028} / 2 / 29});
  CHECK(iso_date(window.first) == "2018-02-28");
  CHECK(iso_date(window.last) == "2038-02-28");
  CHECK(iso_date(task_date_window(sys_days{year{2032} / 2 / 29}).last) == "2042-02-28");
}
