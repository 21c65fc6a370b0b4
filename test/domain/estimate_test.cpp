#include "domain/estimate.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;

namespace {

using S = EstimateStatus;
using A = EstimateAction;

PricedLine line(std::string code, std::string quantity, std::int64_t unit_cost_cents,
                std::int64_t markup_bps, bool taxable = false) {
  auto priced =
      price_estimate_line(CostLineInput{std::move(code), "material", "A line", std::move(quantity),
                                        "ea", unit_cost_cents, markup_bps, taxable});
  REQUIRE(priced.ok());
  return priced.value();
}

PricedLine stored(Cents cost, Cents price, bool taxable = false) {
  return PricedLine{CostLine{"01-100", CostType::other, "Stored", {}, "", {}, {}, taxable},
                    LineAmounts{cost, price}};
}

}  // namespace

TEST_CASE("estimate transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::send, S::sent},
          {S::draft, A::accept, {}},
          {S::draft, A::decline, {}},
          {S::draft, A::revise, {}},
          {S::sent, A::send, {}},
          {S::sent, A::accept, S::accepted},
          {S::sent, A::decline, S::declined},
          {S::sent, A::revise, S::draft},
          {S::accepted, A::send, {}},
          {S::accepted, A::accept, {}},
          {S::accepted, A::decline, {}},
          {S::accepted, A::revise, {}},
          {S::declined, A::send, {}},
          {S::declined, A::accept, {}},
          {S::declined, A::decline, {}},
          {S::declined, A::revise, S::draft},
      },
      4, 4);
}

TEST_CASE("a refused estimate transition says why", "[unit]") {
  CHECK(transition(S::draft, A::accept).error().message ==
        "cannot accept an estimate that is draft (only from sent)");
  CHECK(transition(S::accepted, A::revise).error().message ==
        "cannot revise an estimate that is accepted (only from sent or declined)");
  CHECK(transition(S::sent, A::send).error().message ==
        "cannot send an estimate that is sent (only from draft)");
}

TEST_CASE("only a draft estimate is editable", "[unit]") {
  CHECK(is_editable(S::draft));
  CHECK_FALSE(refuse_edit(S::draft).has_value());
  for (S status : {S::sent, S::accepted, S::declined}) {
    CHECK_FALSE(is_editable(status));
    CHECK(refuse_edit(status).has_value());
  }
  CHECK(refuse_edit(S::accepted)->message ==
        "cannot edit an estimate that is accepted (only in draft)");
}

TEST_CASE("estimate statuses have their API names", "[unit]") {
  for (S status : {S::draft, S::sent, S::accepted, S::declined}) {
    CHECK(parse_estimate_status(to_string(status)) == status);
  }
  CHECK(parse_estimate_status("Draft") == std::nullopt);
}

TEST_CASE("an estimate line may not carry a credit", "[unit]") {
  auto priced =
      price_estimate_line(CostLineInput{"01-100", "other", "Credit", "1", "ls", -100, 0, false});
  REQUIRE_FALSE(priced.ok());
  CHECK(priced.error().message("unit_cost_cents") == "must be 0 or more");
}

TEST_CASE("estimate totals, tax only on taxable lines", "[unit]") {
  // Line 1: 10 x $12.34 = 123.40; at 20 %: 148.08, taxable.
  // Line 2: 2.5 x $100.00 = 250.00; at 35 %: 337.50, not taxable.
  // Line 3: 0.333 x $9.99 = 3.32667 -> 3.33; at 25 %: 4.1625 -> 4.16, taxable.
  std::vector<PricedLine> lines = {line("06-400", "10", 1234, 2000, true),
                                   line("01-100", "2.5", 10000, 3500, false),
                                   line("09-300", "0.333", 999, 2500, true)};
  CHECK(lines[2].amounts == LineAmounts{Cents{333}, Cents{416}});
  // cost = 12340 + 25000 + 333 = 37673; subtotal = 14808 + 33750 + 416 = 48974
  // tax at 8.25 % on taxable 14808 + 416 = 15224: 1255.98 -> 1256
  // total = 48974 + 1256 = 50230
  // margin = (48974 - 37673) x 10000 / 48974 = 2307.55 -> 2308
  auto totals = total_estimate(lines, BasisPoints{825});
  REQUIRE(totals.ok());
  CHECK(totals.value() ==
        EstimateTotals{Cents{37673}, Cents{48974}, Cents{1256}, Cents{50230}, BasisPoints{2308}});
}

TEST_CASE("estimate tax rounds half away from zero", "[unit]") {
  // taxable 150 cents at 1 % = 1.5 -> 2
  std::vector<PricedLine> lines = {stored(Cents{100}, Cents{150}, true)};
  CHECK(total_estimate(lines, BasisPoints{100}).value().tax == Cents{2});
  // taxable 149 at 1 % = 1.49 -> 1
  lines = {stored(Cents{100}, Cents{149}, true)};
  CHECK(total_estimate(lines, BasisPoints{100}).value().tax == Cents{1});
}

TEST_CASE("estimate tax is zero when nothing is taxable or the rate is zero", "[unit]") {
  std::vector<PricedLine> lines = {stored(Cents{100}, Cents{150}, false)};
  CHECK(total_estimate(lines, BasisPoints{1000}).value().tax == Cents{0});
  lines = {stored(Cents{100}, Cents{150}, true)};
  CHECK(total_estimate(lines, BasisPoints{0}).value().tax == Cents{0});
}

TEST_CASE("estimate margin is 0 when the subtotal is 0", "[unit]") {
  // No lines at all.
  CHECK(total_estimate({}, BasisPoints{825}).value() ==
        EstimateTotals{Cents{0}, Cents{0}, Cents{0}, Cents{0}, BasisPoints{0}});
  // Only zero-quantity lines.
  std::vector<PricedLine> lines = {line("01-100", "0", 6500, 3500)};
  CHECK(total_estimate(lines, BasisPoints{0}).value().margin == BasisPoints{0});
}

TEST_CASE("estimate margin at exactly half a basis point rounds up", "[unit]") {
  // (20000 - 19999) x 10000 / 20000 = 0.5 bps -> 1
  std::vector<PricedLine> lines = {stored(Cents{19999}, Cents{20000})};
  CHECK(total_estimate(lines, BasisPoints{0}).value().margin == BasisPoints{1});
  // A zero markup is a zero margin; a 100 % markup is 50.00 %.
  lines = {line("01-100", "3", 333, 0)};
  CHECK(total_estimate(lines, BasisPoints{0}).value().margin == BasisPoints{0});
  lines = {line("01-100", "3", 333, 10000)};
  CHECK(total_estimate(lines, BasisPoints{0}).value().margin == BasisPoints{5000});
}

TEST_CASE("estimate totals add up to 10^12 cents exactly", "[unit]") {
  // 100 lines of cost $100,000,000.00 (10^10 cents) at 15 %, all taxable at 10 %:
  // cost 10^12; subtotal 100 x 1.15 x 10^10 = 1.15 x 10^12; tax 1.15 x 10^11.
  std::vector<PricedLine> lines(100, line("03-300", "1", 10'000'000'000, 1500, true));
  auto totals = total_estimate(lines, BasisPoints{1000});
  REQUIRE(totals.ok());
  CHECK(totals.value().cost == Cents{1'000'000'000'000});
  CHECK(totals.value().subtotal == Cents{1'150'000'000'000});
  CHECK(totals.value().tax == Cents{115'000'000'000});
  CHECK(totals.value().total == Cents{1'265'000'000'000});
  // (1.15 - 1) / 1.15 = 13.0435 % -> 1304
  CHECK(totals.value().margin == BasisPoints{1304});
}

TEST_CASE("estimate totals beyond the limit are a validation error", "[unit]") {
  // Two lines at the limit: the subtotal is 2 x 10^15.
  std::vector<PricedLine> lines(2, stored(Cents{kMaxCents}, Cents{kMaxCents}));
  auto totals = total_estimate(lines, BasisPoints{0});
  REQUIRE_FALSE(totals.ok());
  CHECK(totals.error().message("lines") ==
        "the estimate's subtotal exceeds the largest amount, $10,000,000,000,000.00");
  // A subtotal at the limit plus any tax passes it in the total.
  lines = {stored(Cents{kMaxCents}, Cents{kMaxCents}, true)};
  auto taxed = total_estimate(lines, BasisPoints{100});
  REQUIRE_FALSE(taxed.ok());
  CHECK(taxed.error().has("lines"));
}

TEST_CASE("estimate tax rate is between 0 and 100 %", "[unit]") {
  CHECK(validate_tax_rate(0).empty());
  CHECK(validate_tax_rate(10000).empty());
  CHECK(validate_tax_rate(-1).message("tax_bps") == "must be between 0 and 10000");
  CHECK(validate_tax_rate(10001).has("tax_bps"));
}
