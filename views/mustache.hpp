// Mustache: one template, parsed once when a worker boots and rendered on
// every request into the caller's string. The templates use the part of
// mustache a server-rendered page needs:
//
//   {{name}}            text, HTML-escaped (& < > " ')
//   {{{name}}} {{&name}} text as it is (HTML our own templates made)
//   {{#name}}…{{/name}} shown for each item of a list, once for an object,
//                       a text or true; hidden for false, an empty list, or
//                       a name not found
//   {{^name}}…{{/name}} shown exactly when {{#name}} would be hidden
//   {{! comment }}
//   a.b.c               a name through objects
//
// A name is looked up in the section's value, then in the values around
// it, out to the data the template was rendered with. A line that held a
// shown section's tag and renders as only spaces is left out, newline and
// all, so section tags on lines of their own leave no blank lines.
// Partials and changed delimiters are refused when the template is parsed,
// and so is a section left open or closed twice.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "views/template_data.hpp"

namespace construction::views {

class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Mustache {
 public:
  // Throws TemplateError naming what is wrong and where (line and column).
  explicit Mustache(std::string_view text);

  // Appends the rendered template to `out`.
  void render(const Data& data, std::string& out) const;

 private:
  enum class Kind : std::uint8_t { text, newline, variable, unescaped, section, inverted };
  struct Node {
    Kind kind;
    std::uint32_t end = 0;          // a section: the index after its last node
    std::string text;               // text and newline: what to write
    std::vector<std::string> path;  // a tag's name, split at the dots ("." alone: empty)
  };
  class Renderer;

  std::vector<Node> nodes_;
};

}  // namespace construction::views
