#include "domain/quantity.hpp"

#include <catch2/catch.hpp>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

namespace {

std::int64_t thousandths(std::string_view text) {
  auto quantity = Quantity::parse(text);
  REQUIRE(quantity.has_value());
  return quantity->thousandths();
}

}  // namespace

TEST_CASE("Quantity parses decimals with up to 3 places", "[unit]") {
  CHECK(thousandths("12.5") == 12500);
  CHECK(thousandths("0") == 0);
  CHECK(thousandths("0.125") == 125);
  CHECK(thousandths("3") == 3000);
  CHECK(thousandths("0.001") == 1);
  CHECK(thousandths("10.05") == 10050);
  CHECK(thousandths("999999999.999") == 999'999'999'999);
  // The minus sign parses; whether it is allowed is the caller's rule.
  CHECK(thousandths("-1") == -1000);
  CHECK(thousandths("-0.5") == -500);
  CHECK(thousandths("-0") == 0);
  // Trailing zeros past the third decimal add no precision: 1.2500 is 1.25.
  CHECK(thousandths("1.2500") == 1250);
  CHECK(thousandths("2.000000") == 2000);
}

TEST_CASE("Quantity refuses what is not a plain decimal", "[unit]") {
  for (std::string_view text :
       {"1.2345", "1.0001", "",      "abc",  "1e3",        "1E3", "1.5e2", "+1",
        " 1",     "1 ",     "1 000", ".5",   "5.",         "-",   "-.5",   "01",
        "00.5",   "1,5",    "1.2.3", "0x10", "1000000000", "12a", "--1",   "\xef\xbc\x91"}) {
    INFO("text: " << text);
    CHECK_FALSE(Quantity::parse(text).has_value());
  }
}

TEST_CASE("Quantity parses a JSON number's raw text, refusing exponents", "[unit]") {
  CHECK(Quantity::parse_json_number("3")->thousandths() == 3000);
  CHECK(Quantity::parse_json_number("12.5")->thousandths() == 12500);
  CHECK_FALSE(Quantity::parse_json_number("1e3").has_value());
  CHECK_FALSE(Quantity::parse_json_number("1.25e-1").has_value());
  CHECK_FALSE(Quantity::parse_json_number("0.1234").has_value());
}

TEST_CASE("Quantity formats to the shortest exact string", "[unit]") {
  CHECK(Quantity::from_thousandths(12500).to_string() == "12.5");
  CHECK(Quantity::from_thousandths(3000).to_string() == "3");
  CHECK(Quantity::from_thousandths(125).to_string() == "0.125");
  CHECK(Quantity::from_thousandths(0).to_string() == "0");
  CHECK(Quantity::from_thousandths(5).to_string() == "0.005");
  CHECK(Quantity::from_thousandths(10050).to_string() == "10.05");
  CHECK(Quantity::from_thousandths(-500).to_string() == "-0.5");
  CHECK(Quantity::from_thousandths(999'999'999'999).to_string() == "999999999.999");
}

TEST_CASE("Quantity survives a round trip through its text", "[unit]") {
  for (std::string_view text : {"0", "1", "0.1", "0.01", "0.001", "42.42", "-7.125"}) {
    CHECK(Quantity::parse(text)->to_string() == text);
  }
  CHECK(Quantity::parse("1.2500")->to_string() == "1.25");
}

TEST_CASE("Quantity compares by value", "[unit]") {
  CHECK(*Quantity::parse("1.5") == *Quantity::parse("1.500"));
  CHECK(*Quantity::parse("0.999") < *Quantity::parse("1"));
  CHECK(Quantity::parse("-0.001")->is_negative());
  CHECK_FALSE(Quantity::parse("-0")->is_negative());
}
