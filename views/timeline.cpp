#include "views/timeline.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace construction::views {

namespace {

using std::chrono::sys_days;

constexpr int kWidth = 10000;
constexpr long kWeekTicksUpTo = 45;  // days: longer ranges are ticked by month
constexpr std::size_t kMaxTicks = 8;

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string month_name(std::chrono::year_month_day ymd) {
  return kMonths[static_cast<unsigned>(ymd.month()) - 1];
}

// Mondays on a short range, firsts of the month otherwise; thinned to at
// most kMaxTicks so the labels never run into each other on a phone.
std::vector<std::pair<sys_days, std::string>> tick_days(sys_days first, sys_days last) {
  std::vector<std::pair<sys_days, std::string>> days;
  if ((last - first).count() <= kWeekTicksUpTo) {
    sys_days day = first + std::chrono::days(1);
    while (std::chrono::weekday(day) != std::chrono::Monday) day += std::chrono::days(1);
    for (; day <= last; day += std::chrono::days(7)) {
      std::chrono::year_month_day ymd(day);
      days.emplace_back(day,
                        month_name(ymd) + " " + std::to_string(static_cast<unsigned>(ymd.day())));
    }
  } else {
    std::chrono::year_month_day ymd(first);
    auto month = ymd.year() / ymd.month();
    for (month += std::chrono::months(1); sys_days(month / 1) <= last;
         month += std::chrono::months(1)) {
      std::chrono::year_month_day start(sys_days(month / 1));
      std::string label = month_name(start);
      if (start.month() == std::chrono::January)
        label += " " + std::to_string(static_cast<int>(start.year()));
      days.emplace_back(sys_days(month / 1), label);
    }
  }
  std::size_t step = (days.size() + kMaxTicks - 1) / kMaxTicks;
  if (step <= 1) return days;
  std::vector<std::pair<sys_days, std::string>> thinned;
  for (std::size_t i = 0; i < days.size(); i += step) thinned.push_back(days[i]);
  return thinned;
}

}  // namespace

Timeline lay_out_timeline(std::span<const TimelineTask> tasks, domain::Date today) {
  Timeline timeline;
  sys_days now = today;
  sys_days first = now, last = now;
  struct Span {
    std::optional<sys_days> from, to;
  };
  std::vector<Span> spans;
  for (const TimelineTask& task : tasks) {
    Span span{task.start, task.end};
    if (!span.from) span.from = span.to;
    if (!span.to) span.to = span.from;
    if (span.from) {
      timeline.any_dated = true;
      first = std::min(first, *span.from);
      last = std::max(last, *span.to);
    }
    spans.push_back(span);
  }
  long days = (last - first).count() + 1;
  auto x_of = [&](sys_days day) { return static_cast<int>((day - first).count() * kWidth / days); };
  timeline.first_day = first;
  timeline.last_day = last;
  timeline.today_x = x_of(now) + static_cast<int>(kWidth / days / 2);
  for (const auto& [day, label] : tick_days(first, last))
    timeline.ticks.push_back({x_of(day), label});
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    TimelineBar bar;
    if (spans[i].from) {
      bar.dated = true;
      bar.x = x_of(*spans[i].from);
      bar.width = std::max(x_of(*spans[i].to + std::chrono::days(1)) - bar.x, 1);
      bar.done_width = bar.width * std::clamp(tasks[i].percent_complete, 0, 100) / 100;
    }
    timeline.bars.push_back(bar);
  }
  return timeline;
}

std::string percent_of_width(int hundredths) {
  std::string fraction = std::to_string(hundredths % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return std::to_string(hundredths / 100) + "." + fraction + "%";
}

}  // namespace construction::views
