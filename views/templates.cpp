#include "views/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace construction::views {

namespace {

// kainjow offers its list only as const; the list itself is not const
// (kainjow allocates it), so changing it is well defined.
List& rows_of(Data& list) {
  return const_cast<List&>(list.list_value());
}

}  // namespace

Data& new_list(Data& data, const std::string& name, std::size_t rows) {
  Data& list = data[name];
  list = Data(Data::type::list);
  rows_of(list).reserve(rows);
  return list;
}

Data& add_row(Data& list) {
  return rows_of(list).emplace_back(Data::type::object);
}

Templates::Templates(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    kainjow::mustache::mustache compiled(text.str());
    if (!compiled.is_valid())
      throw std::runtime_error("Template " + entry.path().string() + ": " +
                               compiled.error_message());
    compiled_.emplace(entry.path().stem().string(), std::move(compiled));
  }
}

std::string Templates::render(std::string_view name, const Data& data) const {
  auto found = compiled_.find(name);
  if (found == compiled_.end()) throw std::out_of_range("No template " + std::string(name));
  // render() is not const in kainjow, though it leaves the template as it was.
  // Its lines are appended to one string (its own render(data) goes through
  // an ostringstream and copies the result out of it).
  std::string html;
  html.reserve(16384);
  found->second.render(data, [&html](const std::string& text) { html += text; });
  return html;
}

}  // namespace construction::views
