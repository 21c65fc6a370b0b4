#include "views/form_errors.hpp"

#include <string>

#include "operations/refusal.hpp"

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

http::Response submit_form(const std::function<http::Response()>& submit,
                           const FormAnswers& answers) {
  using Kind = operations::Refusal::Kind;
  try {
    return submit();
  } catch (const operations::Refusal& refusal) {
    // The operation rolled its transaction back: nothing of the form was saved.
    if (refusal.kind == Kind::invalid_fields) return answers.invalid(refusal.fields);
    if (refusal.kind == Kind::stale_version && answers.stale) return answers.stale();
    if (refusal.kind == Kind::conflict && answers.conflict) return answers.conflict(refusal.what());
    if (refusal.kind == Kind::invalid_state && answers.invalid_state)
      return answers.invalid_state(refusal.what());
    throw;
  }
}

}  // namespace construction::views
