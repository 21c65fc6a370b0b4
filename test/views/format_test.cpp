#include "views/format.hpp"

#include <catch2/catch.hpp>
#include <cstdint>

#include "domain/money.hpp"
#include "domain/typed_amount.hpp"
#include "test/domain/money_values.hpp"

using namespace construction;

namespace {

std::optional<std::int64_t> amount(const std::string& typed) {
  auto parsed = domain::parse_amount(typed);
  if (!parsed) return std::nullopt;
  return parsed.value().value;
}

std::optional<std::int64_t> rate(const std::string& typed) {
  auto parsed = domain::parse_rate(typed);
  if (!parsed) return std::nullopt;
  return parsed.value().value;
}

}  // namespace

TEST_CASE("what a page shows and what a form is refilled with type back to the same value",
          "[unit]") {
  for (std::int64_t value : testing::amounts_to_try()) {
    INFO(value << " shown " << views::money(value) << ", refilled " << views::hundredths_text(value)
               << ", as a rate " << views::rate(value));
    CHECK(amount(views::money(value)) == value);
    CHECK(amount(views::hundredths_text(value)) == value);
    CHECK(rate(views::rate(value)) == value);
    CHECK(rate(views::hundredths_text(value)) == value);
  }
}

TEST_CASE("a form is refilled with plain digits: no $, no commas, two decimals", "[unit]") {
  CHECK(views::hundredths_text(123450) == "1234.50");
  CHECK(views::hundredths_text(-5) == "-0.05");
  CHECK(views::hundredths_text(0) == "0.00");
  CHECK(views::money(-123456) == "-$1,234.56");
  CHECK(views::rate(1250) == "12.50 %");
}

TEST_CASE("a day and an instant read as the day, the instant's in UTC", "[unit]") {
  using namespace std::chrono;
  CHECK(views::date(domain::Date{2026y / 12 / 2}) == "Dec 2, 2026");
  CHECK(views::date(domain::Date{226y / 2 / 26}) == "Feb 26, 0226");
  CHECK(views::date(sys_days{2026y / 12 / 31} + 23h + 59min + 59s) == "Dec 31, 2026");
  CHECK(views::date(domain::Timestamp{sys_days{2027y / 1 / 1}}) == "Jan 1, 2027");
}
