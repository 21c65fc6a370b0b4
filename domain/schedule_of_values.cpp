#include "domain/schedule_of_values.hpp"

#include <map>

namespace construction::domain {
namespace {

struct CodeGroup {
  std::string descriptions;
  CentsSum value;
};

// Cost codes are fixed width ("09-250"), so map order is cost-code order.
std::map<std::string, CodeGroup> group_by_cost_code(std::span<const PricedLine> lines) {
  std::map<std::string, CodeGroup> groups;
  for (const PricedLine& priced : lines) {
    CodeGroup& group = groups[priced.line.cost_code];
    group.descriptions += (group.descriptions.empty() ? "" : "; ") + priced.line.description;
    group.value.add(priced.amounts.price);
  }
  return groups;
}

}  // namespace

std::vector<SovLine> schedule_from_estimate(std::span<const PricedLine> lines, Cents tax) {
  std::vector<SovLine> schedule;
  for (const auto& [code, group] : group_by_cost_code(lines)) {
    int item_no = static_cast<int>(schedule.size()) + 1;
    schedule.push_back(
        SovLine{item_no, code + " " + group.descriptions, group.value.checked_total(), {}});
  }
  if (tax != Cents{0}) {
    int item_no = static_cast<int>(schedule.size()) + 1;
    schedule.push_back(SovLine{item_no, std::string(kSalesTaxDescription), tax, {}});
  }
  return schedule;
}

SovLine schedule_line_for_change_order(int item_no, std::int64_t change_order_id,
                                       std::string_view number, std::string_view title,
                                       Cents amount) {
  std::string description = "Change order " + std::string(number) + ": " + std::string(title);
  return SovLine{item_no, std::move(description), amount, change_order_id};
}

}  // namespace construction::domain
