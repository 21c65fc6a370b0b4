#include "domain/money.hpp"

#include <catch2/catch.hpp>
#include <limits>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

TEST_CASE("divide_rounded rounds halves away from zero", "[unit]") {
  // 5/2 = 2.5 -> 3; -5/2 = -2.5 -> -3 (not -2: away from zero, not up).
  CHECK(divide_rounded(5, 2) == 3);
  CHECK(divide_rounded(-5, 2) == -3);
  // 1/2 = 0.5 -> 1; -1/2 = -0.5 -> -1 (the spec's example).
  CHECK(divide_rounded(1, 2) == 1);
  CHECK(divide_rounded(-1, 2) == -1);
  // Just below a half goes toward zero: 4999/10000 = 0.4999 -> 0, both signs.
  CHECK(divide_rounded(4999, 10000) == 0);
  CHECK(divide_rounded(-4999, 10000) == 0);
  // Just above: 5001/10000 -> 1 and -1.
  CHECK(divide_rounded(5001, 10000) == 1);
  CHECK(divide_rounded(-5001, 10000) == -1);
  // Exact quotients are untouched: 30000/10000 = 3.
  CHECK(divide_rounded(30000, 10000) == 3);
  CHECK(divide_rounded(-30000, 10000) == -3);
  CHECK(divide_rounded(0, 7) == 0);
  // 2/3 = 0.667 -> 1; 1/3 = 0.333 -> 0.
  CHECK(divide_rounded(2, 3) == 1);
  CHECK(divide_rounded(1, 3) == 0);
}

TEST_CASE("divide_rounded refuses a denominator that is not positive: a bug", "[unit]") {
  CHECK_THROWS_AS(divide_rounded(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(divide_rounded(1, -2), std::invalid_argument);
}

TEST_CASE("apply_rate is round(amount x bps / 10000)", "[unit]") {
  // 10 % of $123.45 = 1234.5 cents -> 1235.
  CHECK(apply_rate(Cents{12345}, BasisPoints{1000}) == Cents{1235});
  // The credit rounds the other way: -1234.5 -> -1235.
  CHECK(apply_rate(Cents{-12345}, BasisPoints{1000}) == Cents{-1235});
  // 8.25 % of $100.00 = 825 exactly.
  CHECK(apply_rate(Cents{10000}, BasisPoints{825}) == Cents{825});
  // 5 % of 1 cent = 0.05 -> 0.
  CHECK(apply_rate(Cents{1}, BasisPoints{500}) == Cents{0});
  CHECK(apply_rate(Cents{999}, BasisPoints{0}) == Cents{0});
  // 10^12 cents (ten billion dollars) at 115 % = 1.15 x 10^12, no overflow.
  CHECK(apply_rate(Cents{1'000'000'000'000}, BasisPoints{11500}) == Cents{1'150'000'000'000});
}

TEST_CASE("apply_rate reports an amount beyond the limit instead of overflowing", "[unit]") {
  // kMaxCents x 2 is beyond; int64 max x 1000 % would be UB in 64 bits.
  CHECK_FALSE(apply_rate(Cents{kMaxCents}, BasisPoints{20000}).has_value());
  CHECK_FALSE(apply_rate(Cents{std::numeric_limits<std::int64_t>::max()}, BasisPoints{100000}));
  CHECK_FALSE(apply_rate(Cents{std::numeric_limits<std::int64_t>::min()}, BasisPoints{100000}));
  // Exactly the limit is still an amount.
  CHECK(apply_rate(Cents{kMaxCents}, BasisPoints{10000}) == Cents{kMaxCents});
}

TEST_CASE("to_cents accepts +/- kMaxCents and nothing beyond", "[unit]") {
  CHECK(to_cents(kMaxCents) == Cents{kMaxCents});
  CHECK(to_cents(-Wide{kMaxCents}) == Cents{-kMaxCents});
  CHECK_FALSE(to_cents(Wide{kMaxCents} + 1).has_value());
  CHECK_FALSE(to_cents(-Wide{kMaxCents} - 1).has_value());
}

TEST_CASE("ratio_bps rounds to the basis point and is 0 for a zero whole", "[unit]") {
  // 1/3 = 3333.33 bps -> 3333; 2/3 = 6666.67 -> 6667.
  CHECK(ratio_bps(Cents{1}, Cents{3}) == BasisPoints{3333});
  CHECK(ratio_bps(Cents{2}, Cents{3}) == BasisPoints{6667});
  // Both negative (a credit line): -250 / -1000 = 25.00 %.
  CHECK(ratio_bps(Cents{-250}, Cents{-1000}) == BasisPoints{2500});
  // -1 / 20000 = -0.5 bps -> -1 (half away from zero).
  CHECK(ratio_bps(Cents{-1}, Cents{20000}) == BasisPoints{-1});
  CHECK(ratio_bps(Cents{-1}, Cents{-20000}) == BasisPoints{1});
  CHECK(ratio_bps(Cents{0}, Cents{0}) == BasisPoints{0});
  CHECK(ratio_bps(Cents{5}, Cents{0}) == BasisPoints{0});
}

TEST_CASE("CentsSum adds past 64 bits and then refuses the total", "[unit]") {
  CentsSum sum;
  // A million lines of 10^6 cents: 10^12, fine.
  for (int i = 0; i < 1000; ++i) sum.add(Cents{1'000'000'000});
  CHECK(sum.total() == Cents{1'000'000'000'000});

  // Two int64 max would wrap in 64 bits; here the total is simply refused.
  CentsSum huge;
  huge.add(Cents{std::numeric_limits<std::int64_t>::max()})
      .add(Cents{std::numeric_limits<std::int64_t>::max()});
  CHECK_FALSE(huge.total().has_value());

  // A sum that passes the limit and comes back is fine: only the total counts.
  CentsSum back;
  back.add(Cents{kMaxCents}).add(Cents{kMaxCents}).add(Cents{-kMaxCents});
  CHECK(back.total() == Cents{kMaxCents});
}

TEST_CASE("Cents arithmetic and comparison", "[unit]") {
  Cents a{1050};
  a += Cents{-2000};
  CHECK(a == Cents{-950});
  CHECK(-a == Cents{950});
  CHECK(Cents{1} - Cents{3} == Cents{-2});
  CHECK(Cents{1} < Cents{2});
}

TEST_CASE("format_cents writes dollars with thousands separators", "[unit]") {
  CHECK(format_cents(Cents{3729700}) == "$37,297.00");
  CHECK(format_cents(Cents{-123456}) == "-$1,234.56");
  CHECK(format_cents(Cents{0}) == "$0.00");
  CHECK(format_cents(Cents{5}) == "$0.05");
  CHECK(format_cents(Cents{-5}) == "-$0.05");
  CHECK(format_cents(Cents{99999}) == "$999.99");
  CHECK(format_cents(Cents{100000}) == "$1,000.00");
  CHECK(format_cents(Cents{100000000000000}) == "$1,000,000,000,000.00");
  CHECK(format_cents(Cents{std::numeric_limits<std::int64_t>::min()}) ==
        "-$92,233,720,368,547,758.08");
}

TEST_CASE("format_bps writes a percent with two decimals", "[unit]") {
  CHECK(format_bps(BasisPoints{1000}) == "10.00 %");
  CHECK(format_bps(BasisPoints{1648}) == "16.48 %");
  CHECK(format_bps(BasisPoints{5}) == "0.05 %");
  CHECK(format_bps(BasisPoints{0}) == "0.00 %");
  CHECK(format_bps(BasisPoints{-525}) == "-5.25 %");
  CHECK(format_bps(BasisPoints{100000}) == "1,000.00 %");
}
