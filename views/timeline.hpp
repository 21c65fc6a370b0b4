// Timeline: where a schedule's bars, ticks and today's line fall, as
// hundredths of a per cent of the drawing's width (0 to 10000), so the page
// draws them in an SVG without a viewBox (x="12.34%"): the bars stretch to
// any screen and the text keeps its size. The range runs from the earliest
// date to the latest, today included; a task with one date is a one-day
// mark, a task without dates has no bar.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/calendar.hpp"

namespace construction::views {

struct TimelineTask {
  std::optional<domain::Date> start;
  std::optional<domain::Date> end;
  int percent_complete = 0;
};

struct TimelineBar {
  bool dated = false;
  int x = 0;           // the first day's left edge
  int width = 0;       // through the last day's right edge
  int done_width = 0;  // width × percent complete
};

struct TimelineTick {
  int x = 0;
  std::string label;  // "Jan", "Jan 2027", "Dec 7"
};

struct Timeline {
  domain::Date first_day{}, last_day{};  // the range drawn
  int today_x = 0;                       // the middle of today
  std::vector<TimelineTick> ticks;       // months, or Mondays on a short range
  std::vector<TimelineBar> bars;         // one per task, in order
  bool any_dated = false;
};

Timeline lay_out_timeline(std::span<const TimelineTask> tasks, domain::Date today);

// 1234 → "12.34%".
std::string percent_of_width(int hundredths);

}  // namespace construction::views
