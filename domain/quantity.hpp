// Quantity: a decimal with at most 3 decimals ("12.5", "0.125"), held exactly
// as an integer count of thousandths. Parsed from the API's decimal strings
// and from the raw text of a JSON number; never through a double.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace construction::domain {

class Quantity {
 public:
  static constexpr std::int64_t kScale = 1000;  // thousandths per unit
  // 999999999.999: nine integer digits. Times the largest amount this still
  // fits the 128-bit intermediates of money.hpp.
  static constexpr std::int64_t kMaxThousandths = 999'999'999'999;

  constexpr Quantity() = default;
  static constexpr Quantity from_thousandths(std::int64_t thousandths) {
    return Quantity(thousandths);
  }

  // Accepts exactly -?(0|[1-9][0-9]*)(\.[0-9]+)? with at most nine integer
  // digits and at most three decimals that are not zero ("1.2500" is 1.25, a
  // value with two decimals; "1.2345" is refused). That is JSON's number
  // grammar without the exponent, so one rule serves strings and numbers.
  // Refused: "", "abc", "+1", " 1", "1 ", ".5", "5.", "01", "1e3", "1,5".
  // A minus sign parses; whether a negative is allowed is the caller's rule.
  static std::optional<Quantity> parse(std::string_view text);

  // The raw text of a JSON number as the API layer's parser saw it ("12.5",
  // "3", "1e3"). Exponents are refused: a quantity is written out in full.
  static std::optional<Quantity> parse_json_number(std::string_view raw) { return parse(raw); }

  constexpr std::int64_t thousandths() const { return thousandths_; }
  constexpr bool is_negative() const { return thousandths_ < 0; }

  // The shortest exact form: "12.5", "3", "0.125", "-0.5".
  std::string to_string() const;

  friend constexpr auto operator<=>(const Quantity&, const Quantity&) = default;

 private:
  constexpr explicit Quantity(std::int64_t thousandths) : thousandths_(thousandths) {}
  std::int64_t thousandths_ = 0;
};

// What a field error says when parse refuses a quantity.
inline constexpr std::string_view kQuantityFormatMessage =
    "must be a decimal number with at most 3 decimals, up to 999999999.999";

}  // namespace construction::domain
