// Task: a line of a project's schedule. Dates are optional (a task not yet
// scheduled), within ten years of today (domain/date_window.hpp), the end
// never before the start; a task may follow one
// predecessor of the same project, and the predecessors never make a cycle
// (a task cannot, through any chain, follow itself).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/calendar.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

inline constexpr std::int64_t kMaxPercentComplete = 100;

// "start_date" or "end_date" outside task_date_window(today); "end_date"
// before "start_date".
FieldErrors validate_task_dates(std::optional<Date> start_date, std::optional<Date> end_date,
                                std::chrono::sys_days today);

// `chain`: the proposed predecessor's id, then its predecessor's, and so on
// to the first task. `task_id` is nullopt for a task not yet made. Field
// "predecessor_id" when the task would follow itself.
FieldErrors refuse_predecessor_cycle(std::optional<std::int64_t> task_id,
                                     std::span<const std::int64_t> chain);

}  // namespace construction::domain
