// A form's errors, mapped once. A form's handler runs its operation through
// `submit_form`: when the operation refuses the form's fields, the form is
// shown again with its errors beside them ({{#errors.name}}…{{/errors.name}},
// 422); when the record changed since the form was made, the form's `stale`
// answer shows it as it is now (409, views/stale_form.hpp). Every other
// refusal goes on to the one mapping of the pages (page_routes.cpp: 404, 409,
// 422 as a status page). DESIGN.md, "Refusals: thrown, and caught once per
// form", says why a refusal is thrown and not returned.
//
// The operations name fields as the API does ("unit_cost_cents"); a form may
// call its field otherwise ("unit_cost").
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "domain/validation.hpp"
#include "views/templates.hpp"
#include "worker/http_types.hpp"

namespace construction::views {

using FieldRename = std::pair<std::string_view, std::string_view>;  // operation's → form's

Data error_data(const domain::FieldErrors& errors, std::initializer_list<FieldRename> renames = {});

// What a form shows when its operation refuses. `invalid` is required; a
// refusal whose answer is not set is not the form's to show.
struct FormAnswers {
  // The form again, what was typed kept, each error beside its field (422).
  std::function<http::Response(const domain::FieldErrors&)> invalid;
  // The record as it is now, with stale_message (409).
  std::function<http::Response()> stale = nullptr;
  // A refusal the form shows as its own message (409): the operation's
  // reason, e.g. "one day has one log" beside the date.
  std::function<http::Response(const std::string& reason)> conflict = nullptr;
  std::function<http::Response(const std::string& reason)> invalid_state = nullptr;
};

// `submit()` (which runs the operation and answers its success), or the
// form's answer to its refusal; other refusals are rethrown.
http::Response submit_form(const std::function<http::Response()>& submit,
                           const FormAnswers& answers);

}  // namespace construction::views
