// StateMachine: a document's lifecycle as a table of edges (from, action, to).
// Asking for an action the table lacks is an expected outcome, InvalidState,
// which the API answers 409 `invalid_state` with its message.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.hpp"
#include "domain/result.hpp"

namespace construction::domain {

struct InvalidState {
  std::string message;
};

template <class Status, class Action>
struct Edge {
  Status from;
  Action action;
  Status to;
};

template <class Status, std::size_t StatusCount, class Action, std::size_t ActionCount,
          std::size_t EdgeCount>
class StateMachine {
 public:
  // `document` names the thing with its article, for messages: "an estimate".
  constexpr StateMachine(std::string_view document, EnumNames<Status, StatusCount> statuses,
                         EnumNames<Action, ActionCount> actions,
                         std::array<Edge<Status, Action>, EdgeCount> edges)
      : document_(document), statuses_(statuses), actions_(actions), edges_(edges) {}

  Result<Status, InvalidState> apply(Status from, Action action) const {
    for (const auto& edge : edges_) {
      if (edge.from == from && edge.action == action) return edge.to;
    }
    return InvalidState{refusal(from, action)};
  }

  // For what is not a transition but needs a state, like editing lines:
  // "cannot edit an estimate that is sent (only in draft)".
  std::optional<InvalidState> require(Status actual, Status needed, std::string_view verb) const {
    if (actual == needed) return std::nullopt;
    return InvalidState{"cannot " + std::string(verb) + " " + std::string(document_) + " that is " +
                        std::string(statuses_.name(actual)) + " (only in " +
                        std::string(statuses_.name(needed)) + ")"};
  }

  std::string_view name(Status status) const { return statuses_.name(status); }
  std::string_view name(Action action) const { return actions_.name(action); }
  std::optional<Status> parse_status(std::string_view name) const { return statuses_.parse(name); }
  constexpr auto statuses() const { return statuses_.values(); }
  constexpr auto actions() const { return actions_.values(); }

 private:
  // "cannot accept an estimate that is draft (only from sent)"
  std::string refusal(Status from, Action action) const {
    std::string allowed;
    for (const auto& edge : edges_) {
      if (edge.action != action) continue;
      allowed += (allowed.empty() ? "" : " or ") + std::string(statuses_.name(edge.from));
    }
    return "cannot " + std::string(actions_.name(action)) + " " + std::string(document_) +
           " that is " + std::string(statuses_.name(from)) + " (only from " + allowed + ")";
  }

  std::string_view document_;
  EnumNames<Status, StatusCount> statuses_;
  EnumNames<Action, ActionCount> actions_;
  std::array<Edge<Status, Action>, EdgeCount> edges_;
};

}  // namespace construction::domain
