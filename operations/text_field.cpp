#include "operations/text_field.hpp"

#include <string>

namespace construction::operations {

void check_text(domain::FieldErrors& errors, std::string_view field, std::string_view value,
                std::size_t max, bool required) {
  if (required && domain::is_blank(value))
    errors.add(field, "is required");
  else if (domain::count_characters(value) > max)
    errors.add(field, "must be at most " + std::to_string(max) + " characters");
  else if (value.find('\0') != value.npos)
    errors.add(field, "must not contain the NUL character");
}

}  // namespace construction::operations
