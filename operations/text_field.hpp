// The rule of a free-text field a person types (a name, a number, an
// address): at most `max` characters, no NUL, not blank when `required`.
#pragma once

#include <cstddef>
#include <string_view>

#include "domain/validation.hpp"

namespace construction::operations {

void check_text(domain::FieldErrors& errors, std::string_view field, std::string_view value,
                std::size_t max, bool required);

}  // namespace construction::operations
