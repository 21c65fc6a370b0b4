#include "domain/daily_log.hpp"

#include "domain/quantity.hpp"

namespace construction::domain {
namespace {

using S = DailyLogStatus;
using A = DailyLogAction;

constexpr StateMachine kDailyLog{"a daily log",
                                 EnumNames{std::array{
                                     EnumName<S>{S::draft, "draft"},
                                     EnumName<S>{S::submitted, "submitted"},
                                 }},
                                 EnumNames{std::array{
                                     EnumName<A>{A::submit, "submit"},
                                 }},
                                 std::array{
                                     Edge<S, A>{S::draft, A::submit, S::submitted},
                                 }};

}  // namespace

std::string_view to_string(DailyLogStatus status) {
  return kDailyLog.name(status);
}
std::string_view to_string(DailyLogAction action) {
  return kDailyLog.name(action);
}
std::optional<DailyLogStatus> parse_daily_log_status(std::string_view name) {
  return kDailyLog.parse_status(name);
}
Result<DailyLogStatus, InvalidState> transition(DailyLogStatus from, DailyLogAction action) {
  return kDailyLog.apply(from, action);
}
std::optional<InvalidState> refuse_edit(DailyLogStatus status) {
  return kDailyLog.require(status, S::draft, "edit");
}

FieldErrors validate_temperatures(std::optional<std::int64_t> low,
                                  std::optional<std::int64_t> high) {
  FieldErrors errors;
  if (low && high && *low > *high) errors.add("temp_low_c", "must not be above temp_high_c");
  return errors;
}

Validated<std::string> validate_crew_hours(std::string_view hours, std::int64_t headcount,
                                           std::string_view field) {
  FieldErrors errors;
  auto parsed = Quantity::parse(hours);
  if (!parsed) {
    errors.add(field, "must be a number of hours with at most 3 decimals");
  } else if (parsed->thousandths() < 0) {
    errors.add(field, "must be 0 or more");
  } else if (parsed->thousandths() > 24 * Quantity::kScale * headcount) {
    errors.add(field, "must be at most 24 hours per head");
  }
  if (!errors.empty()) return errors;
  return parsed->to_string();
}

}  // namespace construction::domain
