#include "operations/team_fields.hpp"

#include <algorithm>

#include "domain/message.hpp"
#include "operations/password.hpp"

namespace construction::operations {

void check_person_name(domain::FieldErrors& errors, std::string_view field, std::string_view name,
                       bool required) {
  if (required && domain::is_blank(name))
    errors.add(field, "must not be empty");
  else if (domain::count_characters(name) > 200)
    errors.add(field, "must be at most 200 characters");
}

void check_email(domain::FieldErrors& errors, std::string_view field, std::string_view email) {
  if (!domain::is_email_address(email))
    errors.add(field, "must be an email address (name@example.com)");
}

void check_new_password(domain::FieldErrors& errors, std::string_view field,
                        std::string_view password) {
  std::size_t length = domain::count_characters(password);
  if (length < kMinPasswordLength)
    errors.add(field, "must be at least " + std::to_string(kMinPasswordLength) + " characters");
  else if (length > kMaxPasswordLength)
    errors.add(field, "must be at most " + std::to_string(kMaxPasswordLength) + " characters");
}

bool same_email_address(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace construction::operations
