#include "domain/money.hpp"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace construction::domain {
namespace {

Wide magnitude(Wide value) {
  return value < 0 ? -value : value;
}

// `value` hundredths as "-1,234.05", between `before` ("$") and `after`
// (" %"): the digits written from the end of a buffer, in 64 bits (every
// int64's magnitude fits).
std::string format_hundredths(std::int64_t value, std::string_view before,
                              std::string_view after) {
  std::uint64_t rest = value < 0 ? 0 - static_cast<std::uint64_t>(value)
                                 : static_cast<std::uint64_t>(value);
  char digits[32];
  char* const end = digits + sizeof digits;
  char* at = end;
  auto put = [&at](char c) { *--at = c; };
  put(static_cast<char>('0' + rest % 10));
  rest /= 10;
  put(static_cast<char>('0' + rest % 10));
  rest /= 10;
  put('.');
  for (int count = 0; count == 0 || rest > 0; ++count, rest /= 10) {
    if (count > 0 && count % 3 == 0) put(',');
    put(static_cast<char>('0' + rest % 10));
  }
  std::string out;
  out.reserve(1 + before.size() + static_cast<std::size_t>(end - at) + after.size());
  if (value < 0) out += '-';
  out.append(before).append(at, end).append(after);
  return out;
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
  return format_hundredths(amount.value, "$", "");
}

std::string format_bps(BasisPoints rate) {
  return format_hundredths(rate.value, "", " %");
}

std::string too_large_message() {
  return "exceeds the largest amount, " + format_cents(Cents{kMaxCents});
}

}  // namespace construction::domain
