// Checks a state machine against a table written out in full in the test:
// every status x every action, with the status it leads to or nullopt where
// the action is refused. A missing row is a failure, so a new status or
// action cannot slip in untested.
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <vector>

template <class Status, class Action>
struct TransitionRow {
  Status from;
  Action action;
  std::optional<Status> to;  // nullopt: refused (409 invalid_state)
};

template <class Status, class Action>
void check_transition_table(const std::vector<TransitionRow<Status, Action>>& table,
                            std::size_t status_count, std::size_t action_count) {
  CHECK(table.size() == status_count * action_count);
  for (const auto& row : table) {
    INFO(to_string(row.from) << " -" << to_string(row.action) << "->");
    auto next = transition(row.from, row.action);
    CHECK(next.ok() == row.to.has_value());
    if (next.ok() && row.to) CHECK(next.value() == *row.to);
    if (!next.ok()) CHECK_FALSE(next.error().message.empty());
  }
}
