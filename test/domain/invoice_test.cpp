#include "domain/invoice.hpp"

#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;
using namespace std::chrono;

namespace {

using S = InvoiceStatus;
using A = InvoiceAction;

}  // namespace

TEST_CASE("invoice transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::send, S::sent},
          {S::draft, A::void_, S::void_},
          {S::sent, A::send, {}},
          {S::sent, A::void_, S::void_},
          {S::partially_paid, A::send, {}},
          {S::partially_paid, A::void_, {}},
          {S::paid, A::send, {}},
          {S::paid, A::void_, {}},
          {S::void_, A::send, {}},
          {S::void_, A::void_, {}},
      },
      5, 2);
  CHECK(transition(S::partially_paid, A::void_).error().message ==
        "cannot void an invoice that is partially_paid (only from draft or sent)");
}

TEST_CASE("invoice names match the API", "[unit]") {
  CHECK(to_string(S::partially_paid) == "partially_paid");
  CHECK(to_string(S::void_) == "void");
  CHECK(parse_invoice_status("paid") == S::paid);
  CHECK(to_string(InvoiceKind::retainage_release) == "retainage_release");
  CHECK(parse_invoice_kind("deposit") == InvoiceKind::deposit);
  CHECK(parse_invoice_kind("refund") == std::nullopt);
  // The payment form offers the methods in this order; each reads back.
  std::vector<std::string_view> methods(payment_method_names().begin(),
                                        payment_method_names().end());
  CHECK(methods == std::vector<std::string_view>{"check", "ach", "wire", "card", "cash", "other"});
  for (std::string_view name : methods) CHECK(to_string(*parse_payment_method(name)) == name);
  CHECK(parse_payment_method("barter") == std::nullopt);
  CHECK(is_editable(S::draft));
  CHECK(refuse_edit(S::sent)->message == "cannot edit an invoice that is sent (only in draft)");
}

TEST_CASE("payments are taken only on sent and partially paid invoices", "[unit]") {
  CHECK_FALSE(refuse_payment(S::sent).has_value());
  CHECK_FALSE(refuse_payment(S::partially_paid).has_value());
  CHECK(refuse_payment(S::draft)->message ==
        "cannot take a payment on an invoice that is draft (only sent or partially_paid)");
  CHECK(refuse_payment(S::paid).has_value());
  CHECK(refuse_payment(S::void_).has_value());
}

TEST_CASE("payments move an invoice to partially paid, then paid", "[unit]") {
  // Total $15,886.17; pay $10,000.00: paid 10,000.00, balance 5,886.17.
  auto first = apply_payment(Cents{1588617}, Cents{0}, 1000000);
  CHECK(first.value() == PaymentOutcome{Cents{1000000}, Cents{588617}, S::partially_paid});
  // Then exactly the balance: paid in full.
  auto second = apply_payment(Cents{1588617}, Cents{1000000}, 588617);
  CHECK(second.value() == PaymentOutcome{Cents{1588617}, Cents{0}, S::paid});
  CHECK(invoice_balance(Cents{1588617}, Cents{1000000}) == Cents{588617});
}

TEST_CASE("an over-payment or an empty payment is a validation error", "[unit]") {
  CHECK(apply_payment(Cents{1588617}, Cents{1000000}, 588618).error().message("amount_cents") ==
        "is more than the balance due, $5,886.17");
  CHECK(apply_payment(Cents{1000}, Cents{0}, 0).error().message("amount_cents") ==
        "must be more than $0.00");
  CHECK(apply_payment(Cents{1000}, Cents{0}, -5).error().has("amount_cents"));
  // Nothing is due on a fully paid invoice, so any payment is too much.
  CHECK(apply_payment(Cents{1000}, Cents{1000}, 1).error().has("amount_cents"));
  // A huge amount is compared, not added: no overflow.
  CHECK(apply_payment(Cents{1000}, Cents{0}, std::numeric_limits<std::int64_t>::max())
            .error()
            .has("amount_cents"));
}

TEST_CASE("overdue: sent or partially paid, due date passed, balance left", "[unit]") {
  year_month_day due = 2026y / March / 31;
  year_month_day on_due = 2026y / March / 31;
  year_month_day after = 2026y / April / 1;
  CHECK_FALSE(is_overdue(S::sent, due, on_due, Cents{100}));  // due today is not late
  CHECK(is_overdue(S::sent, due, after, Cents{100}));
  CHECK(is_overdue(S::partially_paid, due, after, Cents{1}));
  CHECK_FALSE(is_overdue(S::partially_paid, due, after, Cents{0}));
  CHECK_FALSE(is_overdue(S::paid, due, after, Cents{0}));
  CHECK_FALSE(is_overdue(S::draft, due, after, Cents{100}));  // never sent, never late
  CHECK_FALSE(is_overdue(S::void_, due, after, Cents{100}));
  CHECK_FALSE(is_overdue(S::sent, std::nullopt, after, Cents{100}));
}

TEST_CASE("an invoice asks for more than nothing", "[unit]") {
  CHECK(refuse_invoice_total(Cents{0}) == "must be more than $0.00");
  CHECK(refuse_invoice_total(Cents{-1}) == "must be more than $0.00");
  CHECK_FALSE(refuse_invoice_total(Cents{1}));
}

TEST_CASE("a payment's method reads the same on the page and the PDF", "[unit]") {
  CHECK(payment_method_label("ach") == "ACH");
  CHECK(payment_method_label("check") == "Check");
  CHECK(payment_method_label("wire") == "Wire");
}
