#include "domain/task.hpp"

#include <algorithm>

#include "domain/date_window.hpp"

namespace construction::domain {

FieldErrors validate_task_dates(std::optional<Date> start_date, std::optional<Date> end_date,
                                std::chrono::sys_days today) {
  FieldErrors errors;
  DateWindow window = task_date_window(today);
  if (start_date)
    if (auto refused = refuse_outside(window, *start_date)) errors.add("start_date", *refused);
  if (end_date)
    if (auto refused = refuse_outside(window, *end_date)) errors.add("end_date", *refused);
  if (start_date && end_date && *end_date < *start_date)
    errors.add("end_date", "must not be before start_date, " + iso_date(*start_date));
  return errors;
}

FieldErrors refuse_predecessor_cycle(std::optional<std::int64_t> task_id,
                                     std::span<const std::int64_t> chain) {
  FieldErrors errors;
  if (task_id && std::find(chain.begin(), chain.end(), *task_id) != chain.end())
    errors.add("predecessor_id", "would make the task follow itself (a cycle of predecessors)");
  return errors;
}

}  // namespace construction::domain
