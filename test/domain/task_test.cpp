#include "domain/task.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

using namespace construction::domain;

namespace {
// Dec 5, 2026.
const std::chrono::sys_days kToday{std::chrono::year{2026} / 12 / 5};
Date day(std::string_view iso) {
  return *parse_date(iso);
}
}  // namespace

TEST_CASE("a task ends on or after its start", "[unit]") {
  CHECK(validate_task_dates(day("2026-03-02"), day("2026-03-02"), kToday).empty());
  CHECK(validate_task_dates(std::nullopt, day("2026-03-01"), kToday).empty());
  FieldErrors errors = validate_task_dates(day("2026-03-02"), day("2026-03-01"), kToday);
  CHECK(errors.has("end_date"));
}

TEST_CASE("a task's dates lie within ten years either side of today", "[unit]") {
  CHECK(validate_task_dates(day("2016-12-05"), day("2036-12-05"), kToday).empty());
  FieldErrors far = validate_task_dates(day("2016-12-04"), day("2036-12-06"), kToday);
  CHECK(far.message("start_date") == "must be between 2016-12-05 and 2036-12-05");
  CHECK(far.message("end_date") == "must be between 2016-12-05 and 2036-12-05");
  // A year typed wrong: 0001, 2206, 9999.
  CHECK(validate_task_dates(day("0001-01-01"), std::nullopt, kToday).has("start_date"));
  CHECK(validate_task_dates(std::nullopt, day("2206-12-04"), kToday).has("end_date"));
  CHECK(validate_task_dates(day("2026-12-01"), day("9999-12-31"), kToday).has("end_date"));
}

TEST_CASE("a predecessor chain that reaches the task is a cycle", "[unit]") {
  // Task 7 would follow 9, which follows 8, which follows 7.
  std::vector<std::int64_t> chain = {9, 8, 7};
  CHECK(refuse_predecessor_cycle(7, chain).has("predecessor_id"));
  // Following itself directly.
  std::vector<std::int64_t> self = {7};
  CHECK(refuse_predecessor_cycle(7, self).has("predecessor_id"));
  CHECK(refuse_predecessor_cycle(10, chain).empty());
  CHECK(refuse_predecessor_cycle(std::nullopt, chain).empty());  // a new task
}
