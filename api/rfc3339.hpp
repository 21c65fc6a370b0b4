// Instants as the API writes them: "2026-11-25T13:40:16Z", RFC 3339 in UTC to
// the second, as every response has since the first release (api.md,
// "Conventions"). Dates go out as domain::iso_date writes them.
#pragma once

#include <optional>
#include <string>

#include "domain/calendar.hpp"

namespace construction::api {

std::string rfc3339(domain::Timestamp instant);
// An instant that may not have happened yet (approved_at): null in JSON.
std::optional<std::string> rfc3339(const std::optional<domain::Timestamp>& instant);

}  // namespace construction::api
