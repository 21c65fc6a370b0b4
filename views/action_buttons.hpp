// A document's transition buttons ({{#actions}} in its template): those of
// `buttons` the state machine allows from `status` (domain::transition).
#pragma once

#include <string>

#include "views/templates.hpp"

namespace construction::views {

template <class Action>
struct ActionButton {
  Action action;
  const char* label;
  const char* style;
  const char* confirm;  // "" for none
};

template <class Status, class Action, std::size_t N>
List action_buttons(Status status, const ActionButton<Action> (&buttons)[N]) {
  List list;
  for (const ActionButton<Action>& b : buttons) {
    if (!transition(status, b.action)) continue;
    Object button{{"action", std::string(to_string(b.action))},
                  {"label", std::string(b.label)},
                  {"style", std::string(b.style)}};
    if (*b.confirm) button["confirm"] = std::string(b.confirm);
    list.push_back(button);
  }
  return list;
}

}  // namespace construction::views
