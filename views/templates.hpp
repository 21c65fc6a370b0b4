// Templates: every views/templates/*.mustache (kainjow mustache), read and
// compiled once when a worker boots, never per request. A page is composed
// from fragments rendered separately: the layout gets its main fragment as
// already-rendered HTML ({{{main}}}), a table gets its rendered rows. Triple
// braces hold only HTML our own templates made; every value a person typed
// goes through {{x}}, which escapes it. (kainjow would parse a {{>partial}}
// again on every render, so templates do not use them.)
#pragma once

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>

namespace construction::views {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;
using Object = kainjow::mustache::object;

// Sets `name` only when `text` is not empty: kainjow shows a section
// ({{#name}}…{{/name}}) for an empty text too.
inline void set_text(Data& data, const std::string& name, const std::string& text) {
  if (!text.empty()) data.set(name, text);
}

// Lists built in place. kainjow copies a List or an Object it is handed,
// value by value (Object{{"rows", rows}} copies every row), and its values'
// moves may throw, so a growing List copies all its rows at each
// reallocation: a page of 50 rows spent more on those copies than on its
// queries. `new_list(data, "rows", n)` puts an empty list with room for n
// rows at data["rows"], and `add_row(list)` appends an empty object to it
// and gives it back, to be filled with row["key"] = value.
Data& new_list(Data& data, const std::string& name, std::size_t rows);
Data& add_row(Data& list);

class Templates {
 public:
  // Throws std::runtime_error naming the template and the parser's message.
  explicit Templates(const std::filesystem::path& dir);

  // Throws std::out_of_range for a name that is not a template.
  std::string render(std::string_view name, const Data& data) const;

 private:
  mutable std::map<std::string, kainjow::mustache::mustache, std::less<>> compiled_;
};

}  // namespace construction::views
