#include "domain/cost_line.hpp"

#include <catch2/catch.hpp>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

namespace {

CostLineInput input(std::string quantity, std::int64_t unit_cost_cents, std::int64_t markup_bps) {
  return CostLineInput{"09-250", "material",      "Gypsum board", std::move(quantity),
                       "sf",     unit_cost_cents, markup_bps,     false};
}

LineAmounts amounts(std::string quantity, std::int64_t unit_cost_cents, std::int64_t markup_bps,
                    UnitCostSign sign = UnitCostSign::credit_allowed) {
  auto priced = price_line_input(input(std::move(quantity), unit_cost_cents, markup_bps), sign);
  REQUIRE(priced.ok());
  return priced.value().amounts;
}

}  // namespace

TEST_CASE("a line's cost and price, worked by hand", "[unit]") {
  // 40 hr x $65.00 = $2,600.00; at 35 %: 2600.00 x 1.35 = $3,510.00.
  CHECK(amounts("40", 6500, 3500) == LineAmounts{Cents{260000}, Cents{351000}});
  // 2.125 x $13.37 = 2841.125 cents -> 2841; x 1.35 = 3835.35 -> 3835.
  CHECK(amounts("2.125", 1337, 3500) == LineAmounts{Cents{2841}, Cents{3835}});
  // 412.5 sf x $2.85 = 117562.5 cents -> 117563 (half up); x 1.15 = 135197.45 -> 135197.
  CHECK(amounts("412.5", 285, 1500) == LineAmounts{Cents{117563}, Cents{135197}});
  // 0.007 x $0.99 = 0.693 -> 1; x 1.20 = 1.2 -> 1.
  CHECK(amounts("0.007", 99, 2000) == LineAmounts{Cents{1}, Cents{1}});
}

TEST_CASE("a cost at exactly half a cent rounds away from zero, both signs", "[unit]") {
  // 0.5 x 3 cents = 1.5 -> 2; the credit -1.5 -> -2.
  CHECK(amounts("0.5", 3, 0).cost == Cents{2});
  CHECK(amounts("0.5", -3, 0).cost == Cents{-2});
  // 0.001 x 500 cents = 0.5 -> 1; -0.5 -> -1; 0.001 x 499 = 0.499 -> 0.
  CHECK(amounts("0.001", 500, 0).cost == Cents{1});
  CHECK(amounts("0.001", -500, 0).cost == Cents{-1});
  CHECK(amounts("0.001", 499, 0).cost == Cents{0});
}

TEST_CASE("a price at exactly half a cent rounds away from zero, both signs", "[unit]") {
  // cost 10 at 15 %: 11.5 -> 12; cost -10: -11.5 -> -12.
  CHECK(amounts("1", 10, 1500) == LineAmounts{Cents{10}, Cents{12}});
  CHECK(amounts("1", -10, 1500) == LineAmounts{Cents{-10}, Cents{-12}});
  // cost 30 at 5 %: 31.5 -> 32; -31.5 -> -32.
  CHECK(amounts("1", 30, 500) == LineAmounts{Cents{30}, Cents{32}});
  CHECK(amounts("1", -30, 500) == LineAmounts{Cents{-30}, Cents{-32}});
}

TEST_CASE("a credit line is the mirror image of its debit", "[unit]") {
  // Credit 12 sf x -$4.17 = -$50.04; at 15 %: -50.04 x 1.15 = -57.546 -> -$57.55.
  CHECK(amounts("12", -417, 1500) == LineAmounts{Cents{-5004}, Cents{-5755}});
  CHECK(amounts("12", 417, 1500) == LineAmounts{Cents{5004}, Cents{5755}});
}

TEST_CASE("a zero quantity or zero unit cost costs nothing", "[unit]") {
  CHECK(amounts("0", 123456, 3500) == LineAmounts{Cents{0}, Cents{0}});
  CHECK(amounts("17.5", 0, 3500) == LineAmounts{Cents{0}, Cents{0}});
}

TEST_CASE("the largest quantity times a real unit cost stays exact", "[unit]") {
  // 999999999.999 x $10.00 = 999,999,999,999 cents (~10^12);
  // at 1000 % markup: x 11 = 10,999,999,999,989 cents.
  CHECK(amounts("999999999.999", 1000, 100000) ==
        LineAmounts{Cents{999'999'999'999}, Cents{10'999'999'999'989}});
  // 999999999.999 x 7 cents = 6,999,999,999.993 cents -> 7,000,000,000.
  CHECK(amounts("999999999.999", 7, 0).cost == Cents{7'000'000'000});
}

TEST_CASE("an amount beyond the limit is a validation error, not an overflow", "[unit]") {
  // 999999999.999 x 10^15 cents ~ 10^27: far past 64 bits, caught in 128.
  auto cost = price_line_input(input("999999999.999", kMaxCents, 0), UnitCostSign::non_negative);
  REQUIRE_FALSE(cost.ok());
  CHECK(cost.error().has("unit_cost_cents"));

  // A cost at the limit with any markup prices beyond it.
  auto price = price_line_input(input("1", kMaxCents, 1), UnitCostSign::non_negative);
  REQUIRE_FALSE(price.ok());
  CHECK(price.error().message("markup_bps") ==
        "the price with this markup exceeds the largest amount, $10,000,000,000,000.00");

  // A unit cost beyond the limit is refused before any arithmetic.
  auto unit = validate_cost_line(input("1", kMaxCents + 1, 0), UnitCostSign::credit_allowed);
  REQUIRE_FALSE(unit.ok());
  CHECK(unit.error().has("unit_cost_cents"));
  auto credit = validate_cost_line(input("1", -kMaxCents - 1, 0), UnitCostSign::credit_allowed);
  CHECK(credit.error().has("unit_cost_cents"));
}

TEST_CASE("a valid line becomes a typed CostLine", "[unit]") {
  auto line = validate_cost_line(
      CostLineInput{"06-400", "labor", "Cabinet installation", "16", "hr", 5500, 3500, true},
      UnitCostSign::non_negative);
  REQUIRE(line.ok());
  CHECK(line.value().cost_code == "06-400");
  CHECK(line.value().cost_type == CostType::labor);
  CHECK(line.value().quantity == Quantity::from_thousandths(16000));
  CHECK(line.value().unit_cost == Cents{5500});
  CHECK(line.value().markup == BasisPoints{3500});
  CHECK(line.value().taxable);
}

TEST_CASE("line validation names every bad field at once", "[unit]") {
  auto line = validate_cost_line(
      CostLineInput{"9-250", "lumber", "  ", "-1", std::string(21, 'x'), -1, 100001, false},
      UnitCostSign::non_negative);
  REQUIRE_FALSE(line.ok());
  const FieldErrors& errors = line.error();
  CHECK(errors.size() == 7);
  CHECK(errors.message("cost_code") == "must look like 09-250: two digits, a dash, three digits");
  CHECK(errors.message("cost_type") ==
        "must be one of labor, material, equipment, subcontract, other");
  CHECK(errors.message("description") == "is required");
  CHECK(errors.message("quantity") == "must be 0 or more");
  CHECK(errors.message("unit") == "must be at most 20 characters");
  CHECK(errors.message("unit_cost_cents") == "must be 0 or more");
  CHECK(errors.message("markup_bps") == "must be between 0 and 100000");
}

TEST_CASE("line validation: each rule at its edges", "[unit]") {
  auto errors_of = [](CostLineInput in, UnitCostSign sign = UnitCostSign::non_negative) {
    auto line = validate_cost_line(in, sign);
    return line.ok() ? FieldErrors{} : line.error();
  };
  CostLineInput good = input("1", 100, 0);
  CHECK(errors_of(good).empty());

  SECTION("cost code") {
    for (std::string bad : {"", "09250", "09-25", "09-2500", "0a-250", "09_250", " 09-250"}) {
      good.cost_code = bad;
      INFO(bad);
      CHECK(errors_of(good).has("cost_code"));
    }
  }
  SECTION("cost type") {
    for (std::string type : {"labor", "material", "equipment", "subcontract", "other"}) {
      good.cost_type = type;
      CHECK(errors_of(good).empty());
    }
    good.cost_type = "Labor";
    CHECK(errors_of(good).has("cost_type"));
  }
  SECTION("description counts characters, not bytes") {
    good.description = std::string(500, 'x');
    CHECK(errors_of(good).empty());
    good.description = std::string(501, 'x');
    CHECK(errors_of(good).message("description") == "must be at most 500 characters");
    std::string accents;
    for (int i = 0; i < 500; ++i) accents += "\xc3\xa9";  // 500 x "é", 1000 bytes
    good.description = accents;
    CHECK(errors_of(good).empty());
  }
  SECTION("quantity") {
    good.quantity = "1.2345";
    CHECK(errors_of(good).message("quantity") == std::string(kQuantityFormatMessage));
    good.quantity = "";
    CHECK(errors_of(good).has("quantity"));
    good.quantity = "0";
    CHECK(errors_of(good).empty());
  }
  SECTION("unit may be empty") {
    good.unit = "";
    CHECK(errors_of(good).empty());
    good.unit = std::string(20, 'u');
    CHECK(errors_of(good).empty());
  }
  SECTION("markup edges") {
    good.markup_bps = 0;
    CHECK(errors_of(good).empty());
    good.markup_bps = 100000;
    CHECK(errors_of(good).empty());
    good.markup_bps = -1;
    CHECK(errors_of(good).has("markup_bps"));
  }
  SECTION("a negative unit cost is a credit only where credits are allowed") {
    good.unit_cost_cents = -1;
    CHECK(errors_of(good, UnitCostSign::non_negative).has("unit_cost_cents"));
    CHECK(errors_of(good, UnitCostSign::credit_allowed).empty());
    good.quantity = "-1";  // a negative quantity is never a credit
    CHECK(errors_of(good, UnitCostSign::credit_allowed).has("quantity"));
  }
}

TEST_CASE("cost types have their API names", "[unit]") {
  CHECK(to_string(CostType::subcontract) == "subcontract");
  CHECK(parse_cost_type("equipment") == CostType::equipment);
  CHECK(parse_cost_type("") == std::nullopt);
}
