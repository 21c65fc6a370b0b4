#include "domain/quantity.hpp"

namespace construction::domain {
namespace {

constexpr std::size_t kMaxIntegerDigits = 9;
constexpr std::size_t kMaxDecimals = 3;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The run of digits starting at `at`; moves `at` past it.
std::string_view take_digits(std::string_view text, std::size_t& at) {
  std::size_t start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return text.substr(start, at - start);
}

std::int64_t digits_value(std::string_view digits) {
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool has_leading_zero(std::string_view integer_digits) {
  return integer_digits.size() > 1 && integer_digits.front() == '0';
}

// Decimals past the third may be written only as zeros.
bool only_zeros(std::string_view digits) {
  return digits.find_first_not_of('0') == digits.npos;
}

}  // namespace

std::optional<Quantity> Quantity::parse(std::string_view text) {
  std::size_t at = 0;
  bool negative = at < text.size() && text[at] == '-';
  if (negative) ++at;

  std::string_view integer = take_digits(text, at);
  if (integer.empty() || has_leading_zero(integer) || integer.size() > kMaxIntegerDigits) {
    return std::nullopt;
  }

  std::string_view decimals;
  if (at < text.size() && text[at] == '.') {
    ++at;
    decimals = take_digits(text, at);
    if (decimals.empty()) return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;  // exponent, sign, space, letter...
  if (decimals.size() > kMaxDecimals) {
    if (!only_zeros(decimals.substr(kMaxDecimals))) return std::nullopt;
    decimals = decimals.substr(0, kMaxDecimals);
  }

  std::int64_t fraction = digits_value(decimals);
  for (std::size_t i = decimals.size(); i < kMaxDecimals; ++i) fraction *= 10;
  std::int64_t thousandths = digits_value(integer) * kScale + fraction;
  return Quantity(negative ? -thousandths : thousandths);
}

std::string Quantity::to_string() const {
  std::int64_t magnitude = thousandths_ < 0 ? -thousandths_ : thousandths_;
  std::string text = (thousandths_ < 0 ? "-" : "") + std::to_string(magnitude / kScale);
  std::int64_t fraction = magnitude % kScale;
  if (fraction == 0) return text;
  std::string decimals = std::to_string(kScale + fraction).substr(1);  // 5 -> "005"
  decimals.erase(decimals.find_last_not_of('0') + 1);
  return text + "." + decimals;
}

}  // namespace construction::domain
