#include "domain/change_order.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;

namespace {

using S = ChangeOrderStatus;
using A = ChangeOrderAction;

PricedLine line(std::string quantity, std::int64_t unit_cost_cents, std::int64_t markup_bps) {
  auto priced = price_change_order_line(CostLineInput{"06-400", "material", "Pantry cabinet",
                                                      std::move(quantity), "ea", unit_cost_cents,
                                                      markup_bps, false});
  REQUIRE(priced.ok());
  return priced.value();
}

}  // namespace

TEST_CASE("change order transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::submit, S::pending},
          {S::draft, A::approve, {}},
          {S::draft, A::reject, {}},
          {S::draft, A::void_, S::void_},
          {S::pending, A::submit, {}},
          {S::pending, A::approve, S::approved},
          {S::pending, A::reject, S::rejected},
          {S::pending, A::void_, S::void_},
          {S::approved, A::submit, {}},
          {S::approved, A::approve, {}},
          {S::approved, A::reject, {}},
          {S::approved, A::void_, {}},
          {S::rejected, A::submit, {}},
          {S::rejected, A::approve, {}},
          {S::rejected, A::reject, {}},
          {S::rejected, A::void_, {}},
          {S::void_, A::submit, {}},
          {S::void_, A::approve, {}},
          {S::void_, A::reject, {}},
          {S::void_, A::void_, {}},
      },
      5, 4);
}

TEST_CASE("approving twice is refused: approved is final", "[unit]") {
  CHECK(transition(S::approved, A::approve).error().message ==
        "cannot approve a change order that is approved (only from pending)");
  CHECK(transition(S::approved, A::void_).error().message ==
        "cannot void a change order that is approved (only from draft or pending)");
}

TEST_CASE("only a draft change order is editable", "[unit]") {
  CHECK(is_editable(S::draft));
  for (S status : {S::pending, S::approved, S::rejected, S::void_}) {
    CHECK_FALSE(is_editable(status));
    CHECK(refuse_edit(status).has_value());
  }
}

TEST_CASE("change order statuses have their API names, void included", "[unit]") {
  CHECK(to_string(S::void_) == "void");
  CHECK(to_string(A::void_) == "void");
  CHECK(parse_change_order_status("void") == S::void_);
  CHECK(parse_change_order_status("pending") == S::pending);
  CHECK(parse_change_order_status("void_") == std::nullopt);
}

TEST_CASE("a change order with an extra and a credit", "[unit]") {
  // Extra: 1 pantry cabinet at $1,234.56, 20 %: 1481.472 -> $1,481.47.
  // Credit: owner supplies the range, 1 x -$899.99 at 15 %: -1034.9885 -> -$1,034.99.
  // Credit: 12.5 sf of tile not installed, x -$21.60 = -270.00 at 25 %: -$337.50.
  std::vector<PricedLine> lines = {line("1", 123456, 2000), line("1", -89999, 1500),
                                   line("12.5", -2160, 2500)};
  CHECK(lines[0].amounts == LineAmounts{Cents{123456}, Cents{148147}});
  CHECK(lines[1].amounts == LineAmounts{Cents{-89999}, Cents{-103499}});
  CHECK(lines[2].amounts == LineAmounts{Cents{-27000}, Cents{-33750}});
  // amount = 148147 - 103499 - 33750 = 10898: still an extra, of $108.98.
  CHECK(change_order_amount(lines).value() == Cents{10898});
  // Without the extra it is a credit: -103499 - 33750 = -137249.
  std::vector<PricedLine> credits(lines.begin() + 1, lines.end());
  CHECK(change_order_amount(credits).value() == Cents{-137249});
}

TEST_CASE("a credit's half cent rounds away from zero", "[unit]") {
  // 0.5 x -$0.01 = -0.5 cents -> -1; at 0 %: -1.
  CHECK(line("0.5", -1, 0).amounts == LineAmounts{Cents{-1}, Cents{-1}});
  // -10 at 15 % = -11.5 -> -12.
  CHECK(line("1", -10, 1500).amounts.price == Cents{-12});
}

TEST_CASE("a change order without lines amounts to zero", "[unit]") {
  CHECK(change_order_amount({}).value() == Cents{0});
}

TEST_CASE("a change order's amount past the limit is a validation error", "[unit]") {
  std::vector<PricedLine> lines = {line("1", kMaxCents, 0), line("1", 1, 0)};
  CHECK(change_order_amount(lines).error().has("lines"));
}

TEST_CASE("approval changes the contract sum, never below zero", "[unit]") {
  // $37,297.00 + $1,481.47 = $38,778.47
  CHECK(contract_sum_after_approval(Cents{3729700}, Cents{148147}).value() == Cents{3877847});
  // $37,297.00 - $1,034.99 = $36,262.01
  CHECK(contract_sum_after_approval(Cents{3729700}, Cents{-103499}).value() == Cents{3626201});
  // A credit of the whole contract leaves 0; one cent more is refused.
  CHECK(contract_sum_after_approval(Cents{3729700}, Cents{-3729700}).value() == Cents{0});
  CHECK(contract_sum_after_approval(Cents{3729700}, Cents{-3729701})
            .error()
            .message("amount_cents") == "would bring the contract sum below zero, to -$0.01");
  CHECK(contract_sum_after_approval(Cents{kMaxCents}, Cents{1}).error().has("amount_cents"));
}
