#include "domain/document_sending.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;

TEST_CASE("an estimate is sent unless it was declined", "[unit]") {
  CHECK_FALSE(refuse_sending(EstimateStatus::draft));
  CHECK_FALSE(refuse_sending(EstimateStatus::sent));
  CHECK_FALSE(refuse_sending(EstimateStatus::accepted));
  REQUIRE(refuse_sending(EstimateStatus::declined));
  CHECK(refuse_sending(EstimateStatus::declined)->message ==
        "cannot send an estimate that is declined");
}

TEST_CASE("a change order is sent unless rejected or void", "[unit]") {
  CHECK_FALSE(refuse_sending(ChangeOrderStatus::draft));
  CHECK_FALSE(refuse_sending(ChangeOrderStatus::pending));
  CHECK_FALSE(refuse_sending(ChangeOrderStatus::approved));
  CHECK(refuse_sending(ChangeOrderStatus::rejected));
  REQUIRE(refuse_sending(ChangeOrderStatus::void_));
  CHECK(refuse_sending(ChangeOrderStatus::void_)->message ==
        "cannot send a change order that is void");
}

TEST_CASE("a pay application is sent in every state", "[unit]") {
  CHECK_FALSE(refuse_sending(PayApplicationStatus::draft));
  CHECK_FALSE(refuse_sending(PayApplicationStatus::submitted));
  CHECK_FALSE(refuse_sending(PayApplicationStatus::certified));
}

TEST_CASE("an invoice is sent unless void, paid ones too (a receipt)", "[unit]") {
  CHECK_FALSE(refuse_sending(InvoiceStatus::draft));
  CHECK_FALSE(refuse_sending(InvoiceStatus::sent));
  CHECK_FALSE(refuse_sending(InvoiceStatus::partially_paid));
  CHECK_FALSE(refuse_sending(InvoiceStatus::paid));
  REQUIRE(refuse_sending(InvoiceStatus::void_));
  CHECK(refuse_sending(InvoiceStatus::void_)->message == "cannot send an invoice that is void");
}
