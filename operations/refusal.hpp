// Refusal: a use case said no. Not a bug but an answer: the thing is not
// there, not in a state that allows it, conflicts with another record, was
// changed since the caller read it, or its fields break the rules. An
// operation throws it to stop at the first refusal, with nothing written (its
// transaction rolls back); api/ turns it into a status and the spec's error
// shape, views/ into a page or a form shown again with its errors.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/validation.hpp"

namespace construction::operations {

class Refusal : public std::runtime_error {
 public:
  enum class Kind { not_found, invalid_state, conflict, stale_version, invalid_fields };

  Refusal(Kind kind, std::string message, domain::FieldErrors fields = {}, int current_version = 0)
      : std::runtime_error(std::move(message)),
        kind(kind),
        fields(std::move(fields)),
        current_version(current_version) {}

  Kind kind;
  domain::FieldErrors fields;  // invalid_fields: every bad field at once
  int current_version;         // stale_version: what the caller should re-read
};

Refusal not_found();
Refusal invalid_state(std::string message);
Refusal conflict(std::string message);
Refusal stale_version(int current_version);
Refusal invalid_fields(domain::FieldErrors fields);
Refusal field_error(std::string_view field, std::string message);

// The caller's expected version (If-Match, a form's hidden field), if any,
// against the stored one.
void check_version(std::optional<int> expected, int current);

}  // namespace construction::operations
