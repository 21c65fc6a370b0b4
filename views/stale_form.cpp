#include "views/stale_form.hpp"

#include <limits>

#include "views/format.hpp"

namespace construction::views {

std::optional<int> form_version(const PageContext& page) {
  std::string text = page.field("version");
  if (text.empty()) return std::nullopt;
  // A version no record can have is stale, never "no check".
  auto version = whole_number(text);
  if (!version || *version < 1 || *version > std::numeric_limits<int>::max()) return 0;
  return static_cast<int>(*version);
}

std::string stale_message(std::string_view what) {
  return "Someone else changed this " + std::string(what) +
         " while you had it open. It shows their changes now; what you typed was not saved.";
}

}  // namespace construction::views
