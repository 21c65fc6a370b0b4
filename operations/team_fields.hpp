// The rules of the fields a person types on the team pages (their name,
// an email, a new password), checked where the operations take them, so
// that the page and any later caller refuse the same things.
#pragma once

#include <string>
#include <string_view>

#include "domain/validation.hpp"

namespace construction::operations {

// Up to 200 characters; `required`: not blank.
void check_person_name(domain::FieldErrors& errors, std::string_view field, std::string_view name,
                       bool required);
// An address the outbox takes (domain::is_email_address).
void check_email(domain::FieldErrors& errors, std::string_view field, std::string_view email);
// 8 to 200 characters (operations/password.hpp).
void check_new_password(domain::FieldErrors& errors, std::string_view field,
                        std::string_view password);

// Whether two addresses are one, as users_email_key compares them: in any
// case (ASCII; PostgreSQL's lower() folds more, and then an address only
// counts as a new one).
bool same_email_address(std::string_view a, std::string_view b);

}  // namespace construction::operations
