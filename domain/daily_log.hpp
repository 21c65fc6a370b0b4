// DailyLog: the superintendent's record of one day on one project: weather,
// temperatures, the work performed, delays, and the crews on site. One per
// project and day.
//
//   draft -submit-> submitted      (read-only from then on)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class DailyLogStatus { draft, submitted };
enum class DailyLogAction { submit };

std::string_view to_string(DailyLogStatus status);
std::string_view to_string(DailyLogAction action);
std::optional<DailyLogStatus> parse_daily_log_status(std::string_view name);
Result<DailyLogStatus, InvalidState> transition(DailyLogStatus from, DailyLogAction action);
std::optional<InvalidState> refuse_edit(DailyLogStatus status);

inline constexpr std::int64_t kMinTemperatureC = -60;
inline constexpr std::int64_t kMaxTemperatureC = 60;
inline constexpr std::int64_t kMaxHeadcount = 1000;

// "temp_low_c" above "temp_high_c".
FieldErrors validate_temperatures(std::optional<std::int64_t> low,
                                  std::optional<std::int64_t> high);

// A crew row's hours: a quantity of at most 3 decimals, 0 or more, at most
// 24 per head. Its canonical text, or the field's error under `field`.
Validated<std::string> validate_crew_hours(std::string_view hours, std::int64_t headcount,
                                           std::string_view field);

}  // namespace construction::domain
