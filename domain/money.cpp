#include "domain/money.hpp"

#include <stdexcept>

namespace construction::domain {
namespace {

Wide magnitude(Wide value) {
  return value < 0 ? -value : value;
}

// "37297" -> "37,297"
std::string group_thousands(Wide whole) {
  std::string digits = whole == 0 ? "0" : "";
  for (int count = 0; whole > 0; whole /= 10, ++count) {
    if (count > 0 && count % 3 == 0) digits.insert(digits.begin(), ',');
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
  }
  return digits;
}

// 5 -> "05"
std::string two_digits(Wide value) {
  int v = static_cast<int>(value);
  return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

}  // namespace

Wide divide_rounded(Wide numerator, Wide denominator) {
  if (denominator <= 0) throw std::invalid_argument("divide_rounded: denominator must be positive");
  Wide quotient = numerator / denominator;  // truncates toward zero
  Wide remainder = magnitude(numerator % denominator);
  if (remainder * 2 >= denominator) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

std::optional<Cents> to_cents(Wide amount) {
  if (magnitude(amount) > kMaxCents) return std::nullopt;
  return Cents{static_cast<std::int64_t>(amount)};
}

std::optional<Cents> apply_rate(Cents amount, BasisPoints rate) {
  return to_cents(divide_rounded(Wide{amount.value} * rate.value, kBasisPointsPerWhole));
}

BasisPoints ratio_bps(Cents part, Cents whole) {
  if (whole.value == 0) return BasisPoints{0};
  Wide numerator = Wide{part.value} * kBasisPointsPerWhole;
  Wide denominator = whole.value;
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  return BasisPoints{static_cast<std::int64_t>(divide_rounded(numerator, denominator))};
}

Cents CentsSum::checked_total() const {
  auto sum = total();
  if (!sum) throw std::overflow_error("a sum of checked amounts exceeds kMaxCents");
  return *sum;
}

std::string format_cents(Cents amount) {
  Wide whole = magnitude(amount.value);
  std::string sign = amount.value < 0 ? "-" : "";
  return sign + "$" + group_thousands(whole / 100) + "." + two_digits(whole % 100);
}

std::string format_bps(BasisPoints rate) {
  Wide whole = magnitude(rate.value);
  std::string sign = rate.value < 0 ? "-" : "";
  return sign + group_thousands(whole / 100) + "." + two_digits(whole % 100) + " %";
}

std::string too_large_message() {
  return "exceeds the largest amount, " + format_cents(Cents{kMaxCents});
}

}  // namespace construction::domain
