// Dates and instants as the product holds them: a calendar day is a
// std::chrono::sys_days (a project's start, a bill's due date, a log's day),
// an instant is a UTC std::chrono::sys_seconds (created, approved,
// submitted). Stores read them from PostgreSQL as integers
// (sql/time_columns.hpp) and hand these types up; text is made at the edges:
// RFC 3339 in api/rfc3339.hpp, readable dates (display_date) on pages and PDFs.
//
// A date's one written form, "2026-12-05" (ISO 8601's calendar date), is its
// name everywhere: in forms, in JSON and in SQL parameters. Like a status's
// name (domain/enum_names.hpp) it is read and written here, once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace construction::domain {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

// "2024-02-29" as a Date; nullopt unless it is YYYY-MM-DD, a real day of the
// calendar, in years 1 to 9999 (what PostgreSQL's date and the pages' date
// inputs share).
std::optional<Date> parse_date(std::string_view text);

inline bool is_calendar_date(std::string_view text) {
  return parse_date(text).has_value();
}

// "2024-02-29". Years 1 to 9999, as parse_date reads them.
std::string iso_date(Date date);

// A day as a person reads it on a page or a PDF, "Dec 2, 2026" (the year as
// ISO writes it, four digits). The text form takes "2026-12-02" or
// "2026-12-02T10:00:00Z" and gives other text back as it is.
std::string display_date(Date date);
// The day (UTC) of an instant, "Dec 2, 2026".
std::string display_date(Timestamp instant);
std::string display_date(std::string_view iso);

}  // namespace construction::domain
