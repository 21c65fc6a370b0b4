// Templates: every views/templates/*.mustache, read and parsed once when a
// worker boots, never per request (views/mustache.hpp). A page is composed
// from fragments rendered separately: the layout gets its main fragment as
// already-rendered HTML ({{{main}}}), a table gets its rendered rows. Triple
// braces hold only HTML our own templates made; every value a person typed
// goes through {{x}}, which escapes it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "views/mustache.hpp"
#include "views/template_data.hpp"

namespace construction::views {

class Templates {
 public:
  // Throws TemplateError naming the template and what is wrong in it.
  explicit Templates(const std::filesystem::path& dir);

  // Throws std::out_of_range for a name that is not a template.
  std::string render(std::string_view name, const Data& data) const;

 private:
  std::map<std::string, Mustache, std::less<>> compiled_;
};

}  // namespace construction::views
