#include "domain/date_window.hpp"

#include <cstdio>

#include "domain/validation.hpp"

namespace construction::domain {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

// `today` moved by whole years; Feb 29 becomes the last day of February in
// a year that has none.
sys_days years_from(sys_days today, int years) {
  year_month_day day{today};
  year_month_day moved = day + std::chrono::years{years};
  if (moved.ok()) return sys_days{moved};
  return sys_days{
      std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}};
}

}  // namespace

DateWindow task_date_window(sys_days today) {
  return {years_from(today, -10), years_from(today, 10)};
}

DateWindow payment_date_window(sys_days today) {
  return {years_from(today, -10), today + std::chrono::days{1}};
}

std::optional<sys_days> parse_day(std::string_view date) {
  if (!is_calendar_date(date)) return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (date[i] - '0');
    return value;
  };
  return sys_days{year_month_day{std::chrono::year{number(0, 4)},
                                 std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                 std::chrono::day{static_cast<unsigned>(number(8, 2))}}};
}

std::string iso_day(sys_days day) {
  year_month_day d{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

std::optional<std::string> refuse_outside(const DateWindow& window, std::string_view date) {
  auto day = parse_day(date);
  if (!day) return std::nullopt;
  return refuse_outside(window, *day);
}

std::optional<std::string> refuse_outside(const DateWindow& window, sys_days day) {
  if (day >= window.first && day <= window.last) return std::nullopt;
  return "must be between " + iso_day(window.first) + " and " + iso_day(window.last);
}

}  // namespace construction::domain
