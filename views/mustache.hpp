// Mustache: one template, parsed once when a worker boots and rendered on
// every request into the caller's string. It follows the mustache spec's
// core modules (interpolation, sections, inverted, comments, partials,
// delimiters; test/views/mustache_spec_test.cpp runs every case of them):
//
//   {{name}}            text, HTML-escaped (& < > " ')
//   {{{name}}} {{&name}} text as it is (HTML our own templates made)
//   {{#name}}…{{/name}} shown for each item of a list, once for an object,
//                       a text or true; hidden for false, an empty list, or
//                       a name not found
//   {{^name}}…{{/name}} shown exactly when {{#name}} would be hidden
//   {{! comment }}
//   {{> name}}          another template, rendered here with the same data
//   {{=<% %>=}}         other delimiters, from here to the end of the
//                       template or the next change
//   a.b.c               a name through objects
//
// A name's first part is looked up in the section's value, then in the
// values around it, out to the data the template was rendered with; the
// rest of a dotted name is looked up in what the first part found, and
// nowhere else. A line that holds nothing but one section tag, inverted,
// closing, comment, partial or delimiter tag (and spaces) is a standalone
// line: it leaves no trace in the output, newline and all, whatever the
// data, and a standalone partial's every line is indented as its tag was.
// A section left open or closed twice, and a broken delimiter change, are
// refused when the template is parsed.
#pragma once

#include <cstdint>
#include <functional>
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

  // The names its partial tags ({{> name}}) give, each once, in the order
  // they first appear.
  std::vector<std::string> partial_names() const;
  // Points each partial tag at `find(name)`; a tag it finds nothing for
  // renders as nothing. The templates found must outlive this one.
  void link_partials(const std::function<const Mustache*(std::string_view)>& find);

  // Appends the rendered template to `out`.
  void render(const Data& data, std::string& out) const;

 private:
  enum class Kind : std::uint8_t { text, variable, unescaped, section, inverted, partial };
  struct Node {
    Kind kind;
    // The first thing on a line of the template: a standalone partial's
    // indentation is written before it.
    bool line_start = false;
    bool standalone = false;  // a partial alone on its line: it is indented
    std::uint32_t end = 0;    // a section: the index after its last node
    // Text: what to write (at most one line, its newline last). A partial:
    // its indentation when it stands alone on its line.
    std::string text;
    std::vector<std::string> path;  // a tag's name, split at the dots ("." alone: empty)
    const Mustache* partial = nullptr;
  };
  class Parser;
  class Renderer;

  std::vector<Node> nodes_;
};

}  // namespace construction::views
