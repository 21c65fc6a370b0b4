#include "domain/date_window.hpp"

#include "domain/calendar.hpp"

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

std::optional<std::string> refuse_outside(const DateWindow& window, std::string_view date) {
  auto day = parse_date(date);
  if (!day) return std::nullopt;
  return refuse_outside(window, *day);
}

std::optional<std::string> refuse_outside(const DateWindow& window, sys_days day) {
  if (day >= window.first && day <= window.last) return std::nullopt;
  return "must be between " + iso_date(window.first) + " and " + iso_date(window.last);
}

}  // namespace construction::domain
