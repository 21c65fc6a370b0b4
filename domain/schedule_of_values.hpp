// ScheduleOfValues: the contract broken into the lines the owner is billed
// against (G703 column C). Built once when an estimate is accepted, then one
// line added per approved change order; never edited after.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"

namespace construction::domain {

struct SovLine {
  int item_no = 0;  // 1, 2, ... in billing order
  std::string description;
  Cents scheduled_value;
  std::optional<std::int64_t> change_order_id;  // set on a change order's line
  friend bool operator==(const SovLine&, const SovLine&) = default;
};

inline constexpr std::string_view kSalesTaxDescription = "Sales tax";

// One line per cost code, in cost-code order, scheduled at the sum of that
// code's prices and described as "09-250 Hang drywall; Tape and finish" (the
// code, then its lines' descriptions in the order given). Then the tax on its
// own line when it is not zero. The lines must have passed total_estimate, so
// the schedule sums to the estimate's total.
std::vector<SovLine> schedule_from_estimate(std::span<const PricedLine> lines, Cents tax);

// The line an approved change order adds: "Change order CO-002: Credit for
// owner-supplied range", at the order's amount (negative for a credit).
SovLine schedule_line_for_change_order(int item_no, std::int64_t change_order_id,
                                       std::string_view number, std::string_view title,
                                       Cents amount);

}  // namespace construction::domain
