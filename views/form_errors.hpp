// A form's errors for its template: {{#errors.name}}…{{errors.name}}…{{/errors.name}}
// beside each field. The operations name fields as the API does
// ("unit_cost_cents"); a form may call its field otherwise ("unit_cost").
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

#include "domain/validation.hpp"
#include "views/templates.hpp"

namespace construction::views {

using FieldRename = std::pair<std::string_view, std::string_view>;  // operation's → form's

Data error_data(const domain::FieldErrors& errors, std::initializer_list<FieldRename> renames = {});

}  // namespace construction::views
