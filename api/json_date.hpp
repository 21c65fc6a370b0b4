// A date as the API writes it: its ISO 8601 name, "2026-12-02"
// (domain::iso_date), or null for a date not set (a task not yet scheduled).
#pragma once

#include <optional>
#include <string>

#include "domain/calendar.hpp"

namespace construction::api {

inline std::optional<std::string> iso_date(const std::optional<domain::Date>& date) {
  if (!date) return std::nullopt;
  return domain::iso_date(*date);
}

}  // namespace construction::api
