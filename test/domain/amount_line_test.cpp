#include "domain/amount_line.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

TEST_CASE("an amount line names every bad field", "[unit]") {
  FieldErrors errors = check_amount_line({"9-250", "labour", " ", 0}, AmountSign::positive);
  CHECK(errors.size() == 4);
  CHECK(errors.has("cost_code"));
  CHECK(errors.has("cost_type"));
  CHECK(errors.has("description"));
  CHECK(errors.message("amount_cents") == "must be more than 0");
}

TEST_CASE("a commitment's line is positive, a bill's may be a credit, never 0", "[unit]") {
  AmountLineInput credit{"09-250", "subcontract", "Back-charge", -5000};
  CHECK(check_amount_line(credit, AmountSign::positive).has("amount_cents"));
  CHECK(check_amount_line(credit, AmountSign::credit_allowed).empty());
  AmountLineInput nothing{"09-250", "subcontract", "Nothing", 0};
  CHECK(check_amount_line(nothing, AmountSign::credit_allowed).message("amount_cents") ==
        "must not be 0 (a credit is negative)");
  AmountLineInput huge{"09-250", "subcontract", "Huge", kMaxCents + 1};
  CHECK(check_amount_line(huge, AmountSign::credit_allowed).has("amount_cents"));
}

TEST_CASE("a document's amount is the sum of its lines, within the largest amount", "[unit]") {
  std::vector<Cents> lines{Cents{100000}, Cents{-2550}};
  CHECK(document_amount(lines).value() == Cents{97450});
  std::vector<Cents> too_much{Cents{kMaxCents}, Cents{1}};
  CHECK(document_amount(too_much).error().has("lines"));
}
