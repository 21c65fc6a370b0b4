// Date windows: the days a record's date may fall on, counted from today,
// so that a mistyped year ("2062" for 2026, "0226") is refused where it is
// typed instead of being kept, drawn on a timeline or summed into a period.
//   - a task's start and end: ten years either side of today, room for the
//     longest programme ahead and for the history of a job behind;
//   - a payment's received_on: a payment is recorded once it is received,
//     so not after tomorrow (where the user is, the day may already be
//     tomorrow in UTC: the timezone slack), and not more than ten years back.
// Today is the caller's (UTC in the operations), so the rule is pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace construction::domain {

struct DateWindow {
  std::chrono::sys_days first;
  std::chrono::sys_days last;
};

DateWindow task_date_window(std::chrono::sys_days today);
DateWindow payment_date_window(std::chrono::sys_days today);

// "must be between 2016-12-05 and 2036-12-05" when the date (YYYY-MM-DD)
// lies outside the window; nothing inside it, or when it is not a calendar
// date at all (the field's own check says so).
std::optional<std::string> refuse_outside(const DateWindow& window, std::string_view date);
std::optional<std::string> refuse_outside(const DateWindow& window, std::chrono::sys_days day);

}  // namespace construction::domain
