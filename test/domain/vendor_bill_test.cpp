#include "domain/vendor_bill.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;

namespace {
using S = VendorBillStatus;
using A = VendorBillAction;
}  // namespace

TEST_CASE("vendor bill transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::approve, S::approved},
          {S::draft, A::pay, {}},
          {S::draft, A::void_, S::void_},
          {S::approved, A::approve, {}},
          {S::approved, A::pay, S::paid},
          {S::approved, A::void_, S::void_},
          {S::paid, A::approve, {}},
          {S::paid, A::pay, {}},
          {S::paid, A::void_, {}},
          {S::void_, A::approve, {}},
          {S::void_, A::pay, {}},
          {S::void_, A::void_, {}},
      },
      4, 3);
  CHECK(transition(S::approved, A::approve).error().message ==
        "cannot approve a vendor bill that is approved (only from draft)");
  CHECK_FALSE(refuse_edit(S::draft));
  CHECK(refuse_edit(S::paid));
}

TEST_CASE("approved and paid bills are actual cost, a draft and a void bill are not", "[unit]") {
  CHECK_FALSE(counts_as_cost(S::draft));
  CHECK(counts_as_cost(S::approved));
  CHECK(counts_as_cost(S::paid));
  CHECK_FALSE(counts_as_cost(S::void_));
}

TEST_CASE("a bill withholds its commitment's retainage, rounded half away from zero", "[unit]") {
  // $1,234.55 at 10 %: 12,345.5 cents -> 12,346 withheld.
  CHECK(bill_amounts(Cents{123455}, BasisPoints{1000}) ==
        BillAmounts{Cents{123455}, Cents{12346}, Cents{111109}});
  // A credit gives retainage back: -$1,234.55 -> -12,346.
  CHECK(bill_amounts(Cents{-123455}, BasisPoints{1000}) ==
        BillAmounts{Cents{-123455}, Cents{-12346}, Cents{-111109}});
  // Direct bills and POs without retainage: all payable.
  CHECK(bill_amounts(Cents{50000}, BasisPoints{0}) ==
        BillAmounts{Cents{50000}, Cents{0}, Cents{50000}});
}

TEST_CASE("a bill may fill its commitment exactly, not a cent past it", "[unit]") {
  CommitmentCapacity sc{"SC-001", Cents{1000000}, Cents{600000}};  // $4,000.00 left
  std::vector<Cents> exact{Cents{150000}, Cents{250000}};
  CHECK_FALSE(refuse_overbilling(sc, exact));
  std::vector<Cents> over{Cents{150000}, Cents{250001}};
  auto refused = refuse_overbilling(sc, over);
  REQUIRE(refused);
  CHECK(refused->has("lines[1].amount_cents"));
  CHECK(refused->message("lines[1].amount_cents") ==
        "takes commitment SC-001 past its amount of $10,000.00 (billed $6,000.00, remaining "
        "$4,000.00)");
}

TEST_CASE("the line named is the one at which the total first goes past", "[unit]") {
  CommitmentCapacity sc{"SC-002", Cents{1000}, Cents{0}};
  std::vector<Cents> lines{Cents{1200}, Cents{100}};
  REQUIRE(refuse_overbilling(sc, lines));
  CHECK(refuse_overbilling(sc, lines)->has("lines[0].amount_cents"));
  // A credit later in the bill brings it back under: the whole is judged.
  std::vector<Cents> with_credit{Cents{1200}, Cents{-300}};
  CHECK_FALSE(refuse_overbilling(sc, with_credit));
  // Already billed past (a rate change cannot happen, but a credit bill on
  // a full commitment is always accepted).
  CommitmentCapacity full{"PO-001", Cents{1000}, Cents{1000}};
  std::vector<Cents> credit{Cents{-50}};
  CHECK_FALSE(refuse_overbilling(full, credit));
}
