#include "views/form_errors.hpp"

#include <string>

namespace construction::views {

Data error_data(const domain::FieldErrors& errors, std::initializer_list<FieldRename> renames) {
  Object fields;
  for (const auto& [field, message] : errors.fields()) {
    std::string name = field;
    for (const auto& [from, to] : renames)
      if (name == from) name = std::string(to);
    fields.emplace(name, message);
  }
  return fields;
}

}  // namespace construction::views
