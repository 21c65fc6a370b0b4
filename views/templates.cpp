#include "views/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace construction::views {

std::string template_name(const std::filesystem::path& dir, const std::filesystem::path& file) {
  std::filesystem::path name = std::filesystem::relative(file, dir);
  return name.replace_extension().generic_string();
}

Templates::Templates(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      compiled_.emplace(template_name(dir, entry.path()), Mustache(text.str()));
    } catch (const TemplateError& e) {
      throw TemplateError("Template " + entry.path().string() + ": " + e.what());
    }
  }
  link_partials(dir);
}

// A partial is another template of the folder, by its name
// ({{> shared/action_buttons}}). One that names
// no template is a typo a page would hide (the spec renders it as nothing),
// so it stops the boot instead.
void Templates::link_partials(const std::filesystem::path& dir) {
  for (auto& [name, compiled] : compiled_) {
    for (const std::string& partial : compiled.partial_names())
      if (compiled_.find(partial) == compiled_.end())
        throw TemplateError("Template " + (dir / (name + ".mustache")).string() + ": partial \"" +
                            partial + "\" is not a template (no " +
                            (dir / (partial + ".mustache")).string() + ")");
    compiled.link_partials(
        [this](std::string_view partial) { return &compiled_.find(partial)->second; });
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
