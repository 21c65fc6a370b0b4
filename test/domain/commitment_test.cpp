#include "domain/commitment.hpp"

#include <catch2/catch.hpp>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;

namespace {
using S = CommitmentStatus;
using A = CommitmentAction;
}  // namespace

TEST_CASE("commitment transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::approve, S::approved},
          {S::draft, A::close, {}},
          {S::draft, A::void_, S::void_},
          {S::approved, A::approve, {}},
          {S::approved, A::close, S::closed},
          {S::approved, A::void_, S::void_},
          {S::closed, A::approve, {}},
          {S::closed, A::close, {}},
          {S::closed, A::void_, {}},
          {S::void_, A::approve, {}},
          {S::void_, A::close, {}},
          {S::void_, A::void_, {}},
      },
      4, 3);
  CHECK(transition(S::closed, A::void_).error().message ==
        "cannot void a commitment that is closed (only from draft or approved)");
}

TEST_CASE("a commitment is edited only in draft", "[unit]") {
  CHECK_FALSE(refuse_edit(S::draft));
  for (S s : {S::approved, S::closed, S::void_}) CHECK(refuse_edit(s));
  CHECK(refuse_edit(S::approved)->message ==
        "cannot edit a commitment that is approved (only in draft)");
}

TEST_CASE("retainage defaults: 10 % on a subcontract, none on a purchase order", "[unit]") {
  CHECK(default_retainage(CommitmentKind::subcontract) == BasisPoints{1000});
  CHECK(default_retainage(CommitmentKind::purchase_order) == BasisPoints{0});
  CHECK(parse_commitment_kind("purchase_order") == CommitmentKind::purchase_order);
  CHECK_FALSE(parse_commitment_kind("po"));
  for (std::string_view name : commitment_kind_names())
    CHECK(to_string(*parse_commitment_kind(name)) == name);
  CHECK(commitment_kind_names().size() == 2);
}

TEST_CASE("commitments are made with subcontractors and vendors only", "[unit]") {
  CHECK(is_payee_kind("subcontractor"));
  CHECK(is_payee_kind("vendor"));
  CHECK_FALSE(is_payee_kind("client"));
  CHECK_FALSE(is_payee_kind("architect"));
}

TEST_CASE("approving needs lines, voiding an approved one needs no bills against it", "[unit]") {
  CHECK(refuse_approval(0));
  CHECK_FALSE(refuse_approval(1));
  CHECK_FALSE(refuse_void(S::draft, 0));
  CHECK_FALSE(refuse_void(S::approved, 0));
  REQUIRE(refuse_void(S::approved, 2));
  CHECK(refuse_void(S::approved, 2)->message.find("2 bill(s)") != std::string::npos);
}

TEST_CASE("bills go against approved commitments only", "[unit]") {
  CHECK_FALSE(refuse_billing(S::approved));
  for (S s : {S::draft, S::closed, S::void_}) CHECK(refuse_billing(s));
  CHECK(refuse_billing(S::closed)->message ==
        "cannot bill against a commitment that is closed (only approved)");
}
