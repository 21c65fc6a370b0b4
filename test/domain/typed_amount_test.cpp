#include "domain/typed_amount.hpp"

#include <catch2/catch.hpp>
#include <cstdint>

#include "test/domain/money_values.hpp"

using namespace construction::domain;

namespace {

std::int64_t cents(std::string_view typed) {
  auto parsed = parse_amount(typed);
  INFO("typed \"" << typed << "\": " << (parsed ? "" : parsed.error()));
  REQUIRE(parsed.ok());
  return parsed.value().value;
}

std::int64_t bps(std::string_view typed) {
  auto parsed = parse_rate(typed);
  INFO("typed \"" << typed << "\": " << (parsed ? "" : parsed.error()));
  REQUIRE(parsed.ok());
  return parsed.value().value;
}

std::string amount_refusal(std::string_view typed) {
  auto parsed = parse_amount(typed);
  INFO("typed \"" << typed << "\"");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

std::string rate_refusal(std::string_view typed) {
  auto parsed = parse_rate(typed);
  INFO("typed \"" << typed << "\"");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("typed amounts: sign, $, thousands in groups of three, up to two decimals", "[unit]") {
  CHECK(cents("1,234,567.89") == 123456789);
  CHECK(cents("1234567.89") == 123456789);
  CHECK(cents("$1,234.50") == 123450);
  CHECK(cents("  $ 1,234.5 ") == 123450);
  CHECK(cents("-$1,234.56") == -123456);
  CHECK(cents("- 75") == -7500);
  CHECK(cents("+12") == 1200);
  CHECK(cents("0.05") == 5);
  CHECK(cents(".5") == 50);
  CHECK(cents("5.") == 500);
  CHECK(cents("999") == 99900);
  CHECK(cents("-0") == 0);
}

TEST_CASE("typed amounts: a comma that is not a thousands separator is refused", "[unit]") {
  for (std::string_view typed : {"5,00", "1,5", "12,34,567", "1,,234", "1,2345", "1234,567", ",5",
                                 "5,", "0,500", "1,234,56", "1,23,456.00"}) {
    INFO(typed);
    std::string message = amount_refusal(typed);
    CHECK(message.starts_with("must be an amount such as 1,234.50: the comma in “"));
    CHECK(message.find("does not group thousands") != std::string::npos);
  }
  CHECK(amount_refusal("5,00") ==
        "must be an amount such as 1,234.50: the comma in “5,00” does not group thousands (a comma "
        "comes before each three digits: 1,234,567)");
  CHECK(
      amount_refusal("1.234,56") ==
      "must be an amount such as 1,234.50: the comma in “1.234,56” comes after the decimal point");
}

TEST_CASE("typed amounts: units, a third decimal, a second point and no digits are refused",
          "[unit]") {
  CHECK(amount_refusal("12.5%") == "must be an amount such as 1,234.50: “%” is not understood");
  CHECK(amount_refusal("5 USD") == "must be an amount such as 1,234.50: “USD” is not understood");
  CHECK(amount_refusal("5k") == "must be an amount such as 1,234.50: “k” is not understood");
  CHECK(amount_refusal("€5") == "must be an amount such as 1,234.50: “€5” is not understood");
  CHECK(amount_refusal("1e3") == "must be an amount such as 1,234.50: “e3” is not understood");
  CHECK(amount_refusal("$-5") == "must be an amount such as 1,234.50: “-5” is not understood");
  CHECK(amount_refusal("(1,234.50)") ==
        "must be an amount such as 1,234.50: “(1,234.50)” is not understood");
  CHECK(amount_refusal("1.500") ==
        "must be an amount such as 1,234.50: “1.500” has 3 decimals, at most 2");
  CHECK(amount_refusal("1.2.3") ==
        "must be an amount such as 1,234.50: “1.2.3” has two decimal points");
  CHECK(amount_refusal("$") == "must be an amount such as 1,234.50: “$” has no digits");
  CHECK(amount_refusal("-.") == "must be an amount such as 1,234.50: “-.” has no digits");
  CHECK(amount_refusal("") == "must be an amount such as 1,234.50");
  CHECK(amount_refusal("   ") == "must be an amount such as 1,234.50");
  // What is quoted stops after 20 characters, never inside a character.
  CHECK(amount_refusal("5 éééééééééééééééééééééééé") ==
        "must be an amount such as 1,234.50: “éééééééééééééééééééé…” is not understood");
}

TEST_CASE("typed amounts stop at the API's bound, kMaxCents, and never overflow", "[unit]") {
  CHECK(cents("10,000,000,000,000.00") == kMaxCents);
  CHECK(cents("-10000000000000") == -kMaxCents);
  CHECK(amount_refusal("10,000,000,000,000.01") == too_large_message());
  CHECK(amount_refusal("-10000000000001") == too_large_message());
  // Far past int64: refused, not wrapped around.
  CHECK(amount_refusal("99999999999999999999999999999999") == too_large_message());
  CHECK(amount_refusal("92233720368547758.07") == too_large_message());
  // Leading zeros are only zeros.
  CHECK(cents("000000000000000000000000001.00") == 100);
}

TEST_CASE("typed rates: a percentage with up to two decimals, % allowed, $ not", "[unit]") {
  CHECK(bps("12.5") == 1250);
  CHECK(bps("12.5%") == 1250);
  CHECK(bps("12.50 %") == 1250);
  CHECK(bps(" 0.05 % ") == 5);
  CHECK(bps("1,000") == 100000);
  CHECK(bps("-5.25 %") == -525);
  CHECK(rate_refusal("12,5") ==
        "must be a percentage such as 12.5: the comma in “12,5” does not group thousands (a comma "
        "comes before each three digits: 1,234,567)");
  CHECK(rate_refusal("12.555") ==
        "must be a percentage such as 12.5: “12.555” has 3 decimals, at most 2");
  CHECK(rate_refusal("$12") == "must be a percentage such as 12.5: “$12” is not understood");
  CHECK(rate_refusal("12 %%") == "must be a percentage such as 12.5: “%” is not understood");
  CHECK(rate_refusal("12 pct") == "must be a percentage such as 12.5: “pct” is not understood");
  CHECK(rate_refusal("%") == "must be a percentage such as 12.5: “%” has no digits");
  CHECK(rate_refusal("99999999999999999") ==
        "must be a percentage such as 12.5: “99999999999999999” is too large");
}

TEST_CASE("format_cents and format_bps, then parsing, give back every value tried", "[unit]") {
  for (std::int64_t value : construction::testing::amounts_to_try()) {
    std::string money = format_cents(Cents{value});
    INFO(value << " as " << money);
    CHECK(cents(money) == value);
    std::string rate = format_bps(BasisPoints{value});
    INFO(value << " as " << rate);
    CHECK(bps(rate) == value);
  }
  // One past the bound on either side formats, and is refused when typed back.
  CHECK(amount_refusal(format_cents(Cents{kMaxCents + 1})) == too_large_message());
  CHECK(amount_refusal(format_cents(Cents{-kMaxCents - 1})) == too_large_message());
}
