// Money: integer cents, rates in basis points, and the one rounding rule of the
// product (to the cent, half away from zero). No floating point anywhere:
// products such as quantity x unit cost x markup are formed in 128 bits and
// rounded once, and every amount must stay within +/- kMaxCents.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace construction::domain {

// 128-bit intermediates: 999999999.999 (in thousandths, ~10^12) times an
// amount of 10^15 cents times 10^5 basis points is ~10^32, well inside 1.7e38.
__extension__ typedef __int128 Wide;

struct Cents {
  std::int64_t value = 0;
  friend constexpr auto operator<=>(const Cents&, const Cents&) = default;
};

// Unchecked on purpose: both sides are within kMaxCents, so the result fits
// 64 bits with room to spare. Sums of many amounts go through CentsSum.
constexpr Cents operator+(Cents a, Cents b) {
  return Cents{a.value + b.value};
}
constexpr Cents operator-(Cents a, Cents b) {
  return Cents{a.value - b.value};
}
constexpr Cents operator-(Cents a) {
  return Cents{-a.value};
}
constexpr Cents& operator+=(Cents& a, Cents b) {
  return a = a + b;
}

// 1 basis point = 0.01 %; 1000 bps = 10.00 %.
struct BasisPoints {
  std::int64_t value = 0;
  friend constexpr auto operator<=>(const BasisPoints&, const BasisPoints&) = default;
};

inline constexpr std::int64_t kBasisPointsPerWhole = 10'000;

// The largest amount the product handles, 10^15 cents ($10 trillion). Below
// 2^53, so a JavaScript client reads every amount exactly; far below 2^63, so
// adding two amounts can never overflow.
inline constexpr std::int64_t kMaxCents = 1'000'000'000'000'000;

// numerator / denominator rounded to the nearest integer, halves away from
// zero (2.5 -> 3, -2.5 -> -3). The denominator must be positive.
Wide divide_rounded(Wide numerator, Wide denominator);

// The amount as Cents, or nullopt when it lies beyond +/- kMaxCents.
std::optional<Cents> to_cents(Wide amount);

// round(amount x rate / 10000): tax, retainage. Nullopt beyond kMaxCents.
std::optional<Cents> apply_rate(Cents amount, BasisPoints rate);

// round(part x 10000 / whole): a ratio in basis points; 0 when whole is 0
// (a share of nothing claims nothing: the callers' zero cases rely on it).
BasisPoints ratio_bps(Cents part, Cents whole);

// Adds any number of amounts without overflow, then says whether the total
// is still an amount.
class CentsSum {
 public:
  CentsSum& add(Cents amount) {
    total_ += amount.value;
    return *this;
  }
  std::optional<Cents> total() const { return to_cents(total_); }

  // For sums whose parts were checked already (the lines of a document that
  // passed its own total check): a total beyond kMaxCents is then a bug.
  Cents checked_total() const;

 private:
  Wide total_ = 0;
};

// For pages: "$37,297.00", "-$1,234.56", "$0.05".
std::string format_cents(Cents amount);

// For pages: "10.00 %", "-5.25 %".
std::string format_bps(BasisPoints rate);

// The message of a FieldErrors entry for an amount beyond kMaxCents.
std::string too_large_message();

}  // namespace construction::domain
