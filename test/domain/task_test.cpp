#include "domain/task.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace construction::domain;

TEST_CASE("a task ends on or after its start", "[unit]") {
  CHECK(validate_task_dates("2026-03-02", "2026-03-02").empty());
  CHECK(validate_task_dates(std::nullopt, "2026-03-01").empty());
  FieldErrors errors = validate_task_dates("2026-03-02", "2026-03-01");
  CHECK(errors.has("end_date"));
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
