// A document's transition buttons: those of `buttons` the state machine
// allows from `status` (domain::transition), each posting to the document's
// path and the action's name ("/estimates/12/send"). Every document's page
// shows them with the one partial, {{> action_buttons}}
// (templates/action_buttons.mustache), over its `actions`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "views/templates.hpp"

namespace construction::views {

template <class Action>
struct ActionButton {
  Action action;
  const char* label;
  const char* style;         // Pico's button classes, "" for the primary
  const char* confirm = "";  // hx-confirm's question, "" for none
};

// `offered(action)`: what the state machine does not know and the page does
// (an invoice with payments is not voided).
template <class Status, class Action, std::size_t N, class Offered>
List action_buttons(Status status, const ActionButton<Action> (&buttons)[N], std::string_view path,
                    Offered offered) {
  List list;
  for (const ActionButton<Action>& b : buttons) {
    if (!transition(status, b.action) || !offered(b.action)) continue;
    std::string action(to_string(b.action));
    Object button{{"action", action},
                  {"path", std::string(path) + "/" + action},
                  {"label", std::string(b.label)},
                  {"style", std::string(b.style)}};
    if (*b.confirm) button["confirm"] = std::string(b.confirm);
    list.push_back(button);
  }
  return list;
}

template <class Status, class Action, std::size_t N>
List action_buttons(Status status, const ActionButton<Action> (&buttons)[N],
                    std::string_view path) {
  return action_buttons(status, buttons, path, [](Action) { return true; });
}

}  // namespace construction::views
