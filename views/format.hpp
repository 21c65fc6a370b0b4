// How values read on a page, made here once per format: money "$1,234.50"
// (domain::format_cents), rates "12.50 %", dates "Dec 2, 2026". And the
// reverse for what a person types in a form: "$1,234.50", "1234.5" → cents,
// "12.5" or "12.5 %" → basis points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace construction::views {

std::string money(std::int64_t cents);
std::string rate(std::int64_t bps);
// "2026-12-02" or "2026-12-02T10:00:00Z" → "Dec 2, 2026"; other text as is.
std::string date(std::string_view iso);
// Today in UTC, "2026-12-02".
std::string today();
// A number with at most two decimals ("1,234.5", "$12", "-3.25", "12 %")
// times 100, for cents and basis points alike; nothing when it is not one.
std::optional<std::int64_t> hundredths(std::string_view text);
// A whole number as typed ("12", " -3 "); nothing when it is not one.
std::optional<std::int64_t> whole_number(std::string_view text);
// The form's way of showing an amount again: "1234.50" (no $, no commas).
std::string hundredths_text(std::int64_t value);

}  // namespace construction::views
