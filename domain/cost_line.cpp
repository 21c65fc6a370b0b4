#include "domain/cost_line.hpp"

#include "domain/enum_names.hpp"

namespace construction::domain {
namespace {

constexpr EnumNames kCostTypes{std::array{
    EnumName<CostType>{CostType::labor, "labor"},
    EnumName<CostType>{CostType::material, "material"},
    EnumName<CostType>{CostType::equipment, "equipment"},
    EnumName<CostType>{CostType::subcontract, "subcontract"},
    EnumName<CostType>{CostType::other, "other"},
}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

void check_description(std::string_view description, FieldErrors& errors) {
  if (is_blank(description)) errors.add("description", "is required");
  if (count_characters(description) > kMaxDescriptionLength) {
    errors.add("description", "must be at most 500 characters");
  }
}

std::optional<Quantity> check_quantity(std::string_view text, FieldErrors& errors) {
  auto quantity = Quantity::parse(text);
  if (!quantity) {
    errors.add("quantity", std::string(kQuantityFormatMessage));
  } else if (quantity->is_negative()) {
    errors.add("quantity", "must be 0 or more");
  }
  return quantity;
}

void check_unit_cost(std::int64_t cents, UnitCostSign sign, FieldErrors& errors) {
  if (sign == UnitCostSign::non_negative && cents < 0) {
    errors.add("unit_cost_cents", "must be 0 or more");
  } else if (cents > kMaxCents || cents < -kMaxCents) {
    errors.add("unit_cost_cents", too_large_message());
  }
}

}  // namespace

bool is_cost_code(std::string_view code) {
  if (code.size() != 6 || code[2] != '-') return false;
  for (std::size_t i : {0, 1, 3, 4, 5}) {
    if (!is_digit(code[i])) return false;
  }
  return true;
}

std::optional<CostType> check_cost_key(std::string_view cost_code, std::string_view cost_type,
                                       FieldErrors& errors, std::string_view prefix) {
  std::string p(prefix);
  if (!is_cost_code(cost_code))
    errors.add(p + "cost_code", "must look like 09-250: two digits, a dash, three digits");
  auto type = parse_cost_type(cost_type);
  if (!type)
    errors.add(p + "cost_type", "must be one of labor, material, equipment, subcontract, other");
  return type;
}

std::string_view to_string(CostType type) {
  return kCostTypes.name(type);
}
std::array<CostType, kCostTypeCount> all_cost_types() {
  return kCostTypes.values();
}
std::optional<CostType> parse_cost_type(std::string_view name) {
  return kCostTypes.parse(name);
}

Validated<CostLine> validate_cost_line(const CostLineInput& input, UnitCostSign sign) {
  FieldErrors errors;
  auto cost_type = check_cost_key(input.cost_code, input.cost_type, errors);
  check_description(input.description, errors);
  auto quantity = check_quantity(input.quantity, errors);
  if (count_characters(input.unit) > kMaxUnitLength)
    errors.add("unit", "must be at most 20 characters");
  check_unit_cost(input.unit_cost_cents, sign, errors);
  if (input.markup_bps < 0 || input.markup_bps > kMaxMarkupBps) {
    errors.add("markup_bps", "must be between 0 and 100000");
  }
  if (!errors.empty()) return errors;

  return CostLine{input.cost_code,
                  *cost_type,
                  input.description,
                  *quantity,
                  input.unit,
                  Cents{input.unit_cost_cents},
                  BasisPoints{input.markup_bps},
                  input.taxable};
}

Validated<PricedLine> price_line(CostLine line) {
  FieldErrors errors;
  auto cost = to_cents(
      divide_rounded(Wide{line.quantity.thousandths()} * line.unit_cost.value, Quantity::kScale));
  if (!cost) {
    errors.add("unit_cost_cents", "quantity x unit cost " + too_large_message());
    return errors;
  }
  auto price = apply_rate(*cost, BasisPoints{kBasisPointsPerWhole + line.markup.value});
  if (!price) {
    errors.add("markup_bps", "the price with this markup " + too_large_message());
    return errors;
  }
  return PricedLine{std::move(line), LineAmounts{*cost, *price}};
}

Validated<PricedLine> price_line_input(const CostLineInput& input, UnitCostSign sign) {
  auto line = validate_cost_line(input, sign);
  if (!line) return line.error();
  return price_line(std::move(line).value());
}

}  // namespace construction::domain
