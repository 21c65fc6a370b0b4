// CostLine: the priced line shared by estimates and change orders (cost code,
// cost type, quantity x unit cost, markup). A change order's line differs only
// in that its unit cost may be negative: a credit.
//
//   cost  = round(quantity x unit_cost)
//   price = round(cost x (10000 + markup_bps) / 10000)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/quantity.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class CostType { labor, material, equipment, subcontract, other };
inline constexpr std::size_t kCostTypeCount = 5;

std::string_view to_string(CostType type);
// Every cost type, in the order forms and reports list them.
std::array<CostType, kCostTypeCount> all_cost_types();
// "09-250": two digits, a dash, three digits. Fixed width, so text order is
// cost-code order.
bool is_cost_code(std::string_view code);
// Both halves of a budget key (cost code and cost type), each bad one noted
// under `prefix` ("from." for a transfer); the type when it is one.
std::optional<CostType> check_cost_key(std::string_view cost_code, std::string_view cost_type,
                                       FieldErrors& errors, std::string_view prefix = {});
std::optional<CostType> parse_cost_type(std::string_view name);

// A line as the client sent it, before any rule was checked: the API layer
// fills it from JSON (merging a PATCH over the stored line) and hands it over.
struct CostLineInput {
  std::string cost_code;
  std::string cost_type;
  std::string description;
  std::string quantity;  // a JSON string, or the raw text of a JSON number
  std::string unit;
  std::int64_t unit_cost_cents = 0;
  std::int64_t markup_bps = 0;
  bool taxable = false;
};

struct CostLine {
  std::string cost_code;  // "09-250"
  CostType cost_type = CostType::other;
  std::string description;
  Quantity quantity;
  std::string unit;  // "hr", "sf", "ls"; may be empty
  Cents unit_cost;
  BasisPoints markup;
  bool taxable = false;
};

struct LineAmounts {
  Cents cost;
  Cents price;
  friend bool operator==(const LineAmounts&, const LineAmounts&) = default;
};

struct PricedLine {
  CostLine line;
  LineAmounts amounts;
};

enum class UnitCostSign { non_negative, credit_allowed };

inline constexpr std::size_t kMaxDescriptionLength = 500;  // characters, not bytes
inline constexpr std::size_t kMaxUnitLength = 20;
inline constexpr std::int64_t kMaxMarkupBps = 100'000;  // 1000 %

// Checks every field and names each bad one. Field names are the API's.
Validated<CostLine> validate_cost_line(const CostLineInput& input, UnitCostSign sign);

// Cost and price of a valid line; refused (on unit_cost_cents or markup_bps)
// only when an amount would exceed kMaxCents.
Validated<PricedLine> price_line(CostLine line);

// Both steps: what a create or update of a line does.
Validated<PricedLine> price_line_input(const CostLineInput& input, UnitCostSign sign);

}  // namespace construction::domain
