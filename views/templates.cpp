#include "views/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace construction::views {

Templates::Templates(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      compiled_.emplace(entry.path().stem().string(), Mustache(text.str()));
    } catch (const TemplateError& e) {
      throw TemplateError("Template " + entry.path().string() + ": " + e.what());
    }
  }
}

std::string Templates::render(std::string_view name, const Data& data) const {
  auto found = compiled_.find(name);
  if (found == compiled_.end()) throw std::out_of_range("No template " + std::string(name));
  std::string html;
  html.reserve(16384);
  found->second.render(data, html);
  return html;
}

}  // namespace construction::views
