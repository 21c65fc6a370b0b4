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

TEST_CASE("a stored day, an instant and an amount read as the text versions of them do", "[unit]") {
  domain::Date leap = *domain::parse_date("2024-02-29");
  CHECK(views::date(leap) == "Feb 29, 2024");
  CHECK(views::date(leap) == views::date("2024-02-29"));
  // An instant is shown as its day in UTC, the last second of a day included.
  domain::Timestamp last_second = domain::Timestamp{leap.time_since_epoch()} +
                                  std::chrono::hours(23) + std::chrono::minutes(59) +
                                  std::chrono::seconds(59);
  CHECK(views::date(last_second) == "Feb 29, 2024");
  CHECK(views::date(last_second + std::chrono::seconds(1)) == "Mar 1, 2024");
  // Before 1970 too: the day is floored, not truncated towards 1970.
  domain::Date eve = *domain::parse_date("1969-12-31");
  CHECK(views::date(eve) == "Dec 31, 1969");
  CHECK(views::date(domain::Timestamp{eve.time_since_epoch()} + std::chrono::hours(12)) ==
        "Dec 31, 1969");
  CHECK(views::money(domain::Cents{-123456}) == views::money(-123456));
}

TEST_CASE("a day keeps its four-digit year, and an instant reads as its UTC day", "[unit]") {
  using namespace std::chrono;
  CHECK(views::date(domain::Date{2026y / 12 / 2}) == "Dec 2, 2026");
  CHECK(views::date(domain::Date{226y / 2 / 26}) == "Feb 26, 0226");
  CHECK(views::date(sys_days{2026y / 12 / 31} + 23h + 59min + 59s) == "Dec 31, 2026");
  CHECK(views::date(domain::Timestamp{sys_days{2027y / 1 / 1}}) == "Jan 1, 2027");
}
