#include "domain/budget.hpp"

#include <catch2/catch.hpp>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

namespace {

BudgetSums sums(std::int64_t original, std::int64_t transfers, std::int64_t changes,
                std::int64_t committed, std::int64_t actual) {
  return {Cents{original}, Cents{transfers}, Cents{changes}, Cents{committed}, Cents{actual}};
}

}  // namespace

TEST_CASE("a line under budget: projected is the revised budget", "[unit]") {
  // revised = 10,000 + 500 - 200 = 10,300; committed 8,000, actual 3,000.
  BudgetColumns c = budget_columns(sums(1000000, 50000, -20000, 800000, 300000));
  CHECK(c.revised == Cents{1030000});
  CHECK(c.uncommitted == Cents{230000});
  CHECK(c.projected == Cents{1030000});
  CHECK(c.variance == Cents{0});
  // 300,000 x 10,000 / 1,030,000 = 2912.62 -> 2913
  CHECK(c.percent_spent == BasisPoints{2913});
}

TEST_CASE("a line committed past its budget: negative variance, nothing uncommitted", "[unit]") {
  BudgetColumns c = budget_columns(sums(2192000, 0, 0, 2240000, 880000));
  CHECK(c.uncommitted == Cents{0});
  CHECK(c.projected == Cents{2240000});
  CHECK(c.variance == Cents{-48000});
  CHECK(c.percent_spent == BasisPoints{4015});  // 880,000 / 2,192,000 = 40.146 %
}

TEST_CASE("actual past committed and budget projects the actual", "[unit]") {
  BudgetColumns c = budget_columns(sums(100000, 0, 0, 0, 125050));
  CHECK(c.projected == Cents{125050});
  CHECK(c.variance == Cents{-25050});
  CHECK(c.percent_spent == BasisPoints{12505});
}

TEST_CASE("a line with no budget (only on a bill) spends 0 % of nothing", "[unit]") {
  BudgetColumns c = budget_columns(sums(0, 0, 0, 0, 4500));
  CHECK(c.revised == Cents{0});
  CHECK(c.percent_spent == BasisPoints{0});
  CHECK(c.variance == Cents{-4500});
  // A credit-only line: nothing projected below the (zero) budget.
  BudgetColumns credit = budget_columns(sums(0, 0, 0, 0, -4500));
  CHECK(credit.projected == Cents{0});
  CHECK(credit.variance == Cents{0});
}

TEST_CASE("totals sum the lines, their percent comes from their own sums", "[unit]") {
  BudgetReport r = budget_report({{"01-100", "labor", sums(100000, 0, 0, 0, 50000)},
                                  {"09-250", "subcontract", sums(300000, 0, 0, 400000, 100000)}},
                                 Cents{500000}, BasisPoints{2000});
  CHECK(r.totals.original == Cents{400000});
  CHECK(r.totals.committed == Cents{400000});
  CHECK(r.totals.projected == Cents{500000});  // 100,000 + 400,000
  CHECK(r.totals.variance == Cents{-100000});
  CHECK(r.totals.uncommitted == Cents{100000});
  // 150,000 / 400,000 = 37.5 %, not the mean of 50 % and 33.33 %
  CHECK(r.totals.percent_spent == BasisPoints{3750});
  CHECK(r.profit ==
        ProfitBlock{Cents{500000}, Cents{500000}, Cents{0}, BasisPoints{0}, BasisPoints{2000}});
}

TEST_CASE("the profit block: margin rounded half away from zero, a loss negative", "[unit]") {
  BudgetReport r =
      budget_report({{"01-100", "labor", sums(0, 0, 0, 0, 123457)}}, Cents{100000}, BasisPoints{0});
  CHECK(r.profit.projected_profit == Cents{-23457});
  CHECK(r.profit.projected_margin == BasisPoints{-2346});  // -2345.7 -> -2346
  BudgetReport empty = budget_report({}, Cents{0}, BasisPoints{0});
  CHECK(empty.profit.projected_margin == BasisPoints{0});
  CHECK(empty.totals.percent_spent == BasisPoints{0});
}

TEST_CASE("a transfer may empty a line, not take it below zero", "[unit]") {
  CHECK_FALSE(refuse_transfer(Cents{50000}, Cents{50000}, "09-250 labor"));
  auto refused = refuse_transfer(Cents{50000}, Cents{50001}, "09-250 labor");
  REQUIRE(refused);
  CHECK(refused->message("amount_cents") ==
        "would take 09-250 labor below zero: its budget is $500.00");
  CHECK(refuse_transfer(Cents{50000}, Cents{0}, "09-250 labor"));
}
