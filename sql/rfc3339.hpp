// Times and dates as the API writes them, formatted here rather than in
// PostgreSQL: to_char (the rfc3339() SQL function of migration 0002) cost
// about half of PostgreSQL's time on a list of 50 projects (bench/RESULTS.md,
// 2026-11-25). Stores select a timestamptz as whole seconds since the Unix
// epoch and a date as days since 1970-01-01, both plain integers, with the
// expressions below, and turn them into text with these functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/time_columns.hpp"

namespace construction::sql {

// "2026-11-25T13:40:16Z": RFC 3339 in UTC, to the second.
std::string rfc3339(std::int64_t unix_seconds);

// "2026-11-25": the date that many days after 1970-01-01 (years 1 to 9999).
std::string iso_date(std::int64_t unix_days);
std::optional<std::string> iso_date(const std::optional<std::int64_t>& unix_days);

}  // namespace construction::sql
