// How values read on a page, made here once per format: money "$1,234.50"
// (domain::format_cents), rates "12.50 %", dates "Dec 2, 2026". And the
// reverse for what a person types in a form: "$1,234.50", "1234.5" → cents,
// "12.5" or "12.5 %" → basis points, by the product's one rule
// (domain/typed_amount.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"

namespace construction::views {

std::string money(std::int64_t cents);
std::string money(domain::Cents amount);
std::string rate(std::int64_t bps);
// "2026-12-02" or "2026-12-02T10:00:00Z" → "Dec 2, 2026"; other text as is.
std::string date(std::string_view iso);
// A day, or the day (UTC) of an instant, as "Dec 2, 2026".
std::string date(domain::Date day);
std::string date(domain::Timestamp instant);
// Today in UTC, "2026-12-02".
std::string today();
// The amount typed ("$1,234.50") in cents, or nothing with the reason noted
// in `errors` under `name` (the operation's field name, "unit_cost_cents").
std::optional<std::int64_t> typed_amount(std::string_view text, std::string_view name,
                                         domain::FieldErrors& errors);
// The rate typed ("12.5", "12.5 %") in basis points, or nothing with the
// reason noted in `errors` under `name`.
std::optional<std::int64_t> typed_rate(std::string_view text, std::string_view name,
                                       domain::FieldErrors& errors);
// A whole number as typed ("12", " -3 "); nothing when it is not one.
std::optional<std::int64_t> whole_number(std::string_view text);
// The form's way of showing an amount again: "1234.50" (no $, no commas).
std::string hundredths_text(std::int64_t value);

// "10:00": an instant's time of day in UTC, to the minute.
std::string time_of_day(domain::Timestamp instant);

// A status's or a kind's label: its name with a capital and spaces,
// "substantially_complete" → "Substantially complete". One rule for every
// vocabulary of the domain, so no page keeps a table of labels.
std::string label(std::string_view name);
template <class Enum>
requires std::is_enum_v<Enum> std::string label(Enum value) {
  return label(to_string(value));  // domain's to_string, by argument-dependent lookup
}

}  // namespace construction::views
