#include "operations/refusal.hpp"

namespace construction::operations {

Refusal not_found() {
  return Refusal(Refusal::Kind::not_found, "Not Found");
}

Refusal invalid_state(std::string message) {
  return Refusal(Refusal::Kind::invalid_state, std::move(message));
}

Refusal conflict(std::string message) {
  return Refusal(Refusal::Kind::conflict, std::move(message));
}

Refusal stale_version(int current_version) {
  return Refusal(
      Refusal::Kind::stale_version,
      "The record changed since it was read: its version is now " + std::to_string(current_version),
      {}, current_version);
}

Refusal invalid_fields(domain::FieldErrors fields) {
  return Refusal(Refusal::Kind::invalid_fields, "Some fields are not valid", std::move(fields));
}

Refusal field_error(std::string_view field, std::string message) {
  domain::FieldErrors errors;
  errors.add(field, std::move(message));
  return invalid_fields(std::move(errors));
}

void check_version(std::optional<int> expected, int current) {
  if (expected && *expected != current) throw stale_version(current);
}

}  // namespace construction::operations
