// Templates: every views/templates/**/*.mustache, read and parsed once when
// a worker boots, never per request (views/mustache.hpp). A template is named
// by its path below the folder, without the extension: one folder per
// resource, named after what it draws (`estimates/show`, `estimates/totals`),
// and the pieces every page shares in `layout/` and `shared/`
// (`shared/line_row`). A template includes another by that name
// ({{> shared/action_buttons}}); a partial that names no template stops the
// boot. A page is also composed
// from fragments rendered separately: the layout gets its main fragment as
// already-rendered HTML ({{{main}}}), a table gets its rendered rows. Triple
// braces hold only HTML our own templates made; every value a person typed
// goes through {{x}}, which escapes it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "views/mustache.hpp"
#include "views/template_data.hpp"

namespace construction::views {

// "estimates/show" for dir/estimates/show.mustache.
std::string template_name(const std::filesystem::path& dir, const std::filesystem::path& file);

class Templates {
 public:
  // Throws TemplateError naming the template and what is wrong in it.
  explicit Templates(const std::filesystem::path& dir);
  // Templates point at the ones they include: never copied or moved.
  Templates(const Templates&) = delete;
  Templates& operator=(const Templates&) = delete;
  // Virtual so that the tests' server can watch what pages render
  // (test/support/template_oracle.hpp); nothing else derives from it.
  virtual ~Templates() = default;

  // Throws std::out_of_range for a name that is not a template.
  virtual std::string render(std::string_view name, const Data& data) const;

 private:
  void link_partials(const std::filesystem::path& dir);

  std::map<std::string, Mustache, std::less<>> compiled_;
};

}  // namespace construction::views
