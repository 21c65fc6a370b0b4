#include "views/timeline.hpp"

#include <catch2/catch.hpp>

using namespace construction::views;

namespace {
construction::domain::Date day(std::string_view iso) {
  return *construction::domain::parse_date(iso);
}
}  // namespace

TEST_CASE("the timeline spans the tasks and today, in hundredths of a per cent", "[unit]") {
  // Nov 30 to Dec 9: 10 days, 1000 hundredths each.
  std::vector<TimelineTask> tasks = {{day("2026-11-30"), day("2026-12-04"), 50},
                                     {day("2026-12-05"), day("2026-12-09"), 0},
                                     {std::nullopt, std::nullopt, 0}};
  Timeline t = lay_out_timeline(tasks, day("2026-12-02"));
  CHECK(t.first_day == day("2026-11-30"));
  CHECK(t.last_day == day("2026-12-09"));
  CHECK(t.any_dated);
  REQUIRE(t.bars.size() == 3);
  CHECK(t.bars[0].dated);
  CHECK(t.bars[0].x == 0);
  CHECK(t.bars[0].width == 5000);
  CHECK(t.bars[0].done_width == 2500);
  CHECK(t.bars[1].x == 5000);
  CHECK(t.bars[1].width == 5000);
  CHECK_FALSE(t.bars[2].dated);
  CHECK(t.today_x == 2500);  // the middle of the third day
  // A short range is ticked on Mondays: Dec 7, 2026 is one.
  REQUIRE(t.ticks.size() == 1);
  CHECK(t.ticks[0].label == "Dec 7");
  CHECK(t.ticks[0].x == 7000);
}

TEST_CASE("today outside the tasks widens the range, one date makes a one-day mark", "[unit]") {
  std::vector<TimelineTask> tasks = {{day("2026-12-10"), std::nullopt, 100}};
  Timeline t = lay_out_timeline(tasks, day("2026-12-01"));
  CHECK(t.first_day == day("2026-12-01"));
  CHECK(t.last_day == day("2026-12-10"));
  CHECK(t.bars[0].x == 9000);
  CHECK(t.bars[0].width == 1000);
  CHECK(t.bars[0].done_width == 1000);
  CHECK(t.today_x == 500);
}

TEST_CASE("a long range is ticked by month, at most eight labels, the year on January", "[unit]") {
  std::vector<TimelineTask> tasks = {{day("2026-11-15"), day("2027-02-20"), 0}};
  Timeline t = lay_out_timeline(tasks, day("2026-12-02"));
  REQUIRE(t.ticks.size() == 3);
  CHECK(t.ticks[0].label == "Dec");
  CHECK(t.ticks[1].label == "Jan 2027");
  CHECK(t.ticks[2].label == "Feb");
  std::vector<TimelineTask> years = {{day("2026-01-10"), day("2028-06-01"), 0}};
  CHECK(lay_out_timeline(years, day("2026-12-02")).ticks.size() <= 8);
  CHECK_FALSE(lay_out_timeline({}, day("2026-12-02")).any_dated);
}

TEST_CASE("positions read as SVG percentages", "[unit]") {
  CHECK(percent_of_width(0) == "0.00%");
  CHECK(percent_of_width(1234) == "12.34%");
  CHECK(percent_of_width(705) == "7.05%");
  CHECK(percent_of_width(10000) == "100.00%");
}
