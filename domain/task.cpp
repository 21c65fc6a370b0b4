#include "domain/task.hpp"

#include <algorithm>

namespace construction::domain {

FieldErrors validate_task_dates(const std::optional<std::string>& start_date,
                                const std::optional<std::string>& end_date) {
  FieldErrors errors;
  if (start_date && end_date && *end_date < *start_date)
    errors.add("end_date", "must not be before start_date, " + *start_date);
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
