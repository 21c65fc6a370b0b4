#include "domain/invoice.hpp"

namespace construction::domain {
namespace {

using S = InvoiceStatus;
using A = InvoiceAction;

constexpr StateMachine kInvoice{
    "an invoice",
    EnumNames{std::array{
        EnumName<S>{S::draft, "draft"},
        EnumName<S>{S::sent, "sent"},
        EnumName<S>{S::partially_paid, "partially_paid"},
        EnumName<S>{S::paid, "paid"},
        EnumName<S>{S::void_, "void"},
    }},
    EnumNames{std::array{
        EnumName<A>{A::send, "send"},
        EnumName<A>{A::void_, "void"},
    }},
    std::array{
        Edge<S, A>{S::draft, A::send, S::sent},
        // Not from partially_paid or paid: an invoice with payments stays.
        Edge<S, A>{S::draft, A::void_, S::void_},
        Edge<S, A>{S::sent, A::void_, S::void_},
    }};

constexpr EnumNames kInvoiceKinds{std::array{
    EnumName<InvoiceKind>{InvoiceKind::deposit, "deposit"},
    EnumName<InvoiceKind>{InvoiceKind::progress, "progress"},
    EnumName<InvoiceKind>{InvoiceKind::retainage_release, "retainage_release"},
    EnumName<InvoiceKind>{InvoiceKind::other, "other"},
}};

constexpr EnumNames kPaymentMethods{std::array{
    EnumName<PaymentMethod>{PaymentMethod::check, "check"},
    EnumName<PaymentMethod>{PaymentMethod::ach, "ach"},
    EnumName<PaymentMethod>{PaymentMethod::wire, "wire"},
    EnumName<PaymentMethod>{PaymentMethod::card, "card"},
    EnumName<PaymentMethod>{PaymentMethod::cash, "cash"},
    EnumName<PaymentMethod>{PaymentMethod::other, "other"},
}};
constexpr auto kPaymentMethodNames = kPaymentMethods.names();

bool is_owed(InvoiceStatus status) {
  return status == S::sent || status == S::partially_paid;
}

}  // namespace

std::string_view to_string(InvoiceStatus status) {
  return kInvoice.name(status);
}
std::string_view to_string(InvoiceAction action) {
  return kInvoice.name(action);
}
std::string_view to_string(InvoiceKind kind) {
  return kInvoiceKinds.name(kind);
}
std::optional<InvoiceStatus> parse_invoice_status(std::string_view name) {
  return kInvoice.parse_status(name);
}
std::optional<InvoiceKind> parse_invoice_kind(std::string_view name) {
  return kInvoiceKinds.parse(name);
}
std::string_view to_string(PaymentMethod method) {
  return kPaymentMethods.name(method);
}
std::optional<PaymentMethod> parse_payment_method(std::string_view name) {
  return kPaymentMethods.parse(name);
}

std::string payment_method_label(std::string_view name) {
  return name == "ach" ? std::string("ACH") : display_label(name);
}
std::span<const std::string_view> payment_method_names() {
  return kPaymentMethodNames;
}

Result<InvoiceStatus, InvalidState> transition(InvoiceStatus from, InvoiceAction action) {
  return kInvoice.apply(from, action);
}

bool is_editable(InvoiceStatus status) {
  return status == S::draft;
}

std::optional<InvalidState> refuse_edit(InvoiceStatus status) {
  return kInvoice.require(status, S::draft, "edit");
}

std::optional<InvalidState> refuse_payment(InvoiceStatus status) {
  if (is_owed(status)) return std::nullopt;
  return InvalidState{"cannot take a payment on an invoice that is " +
                      std::string(to_string(status)) + " (only sent or partially_paid)"};
}

Cents invoice_balance(Cents total, Cents paid) {
  return total - paid;
}

std::optional<std::string> refuse_invoice_total(Cents total) {
  if (total.value > 0) return std::nullopt;
  return "must be more than " + format_cents(Cents{0});
}

Validated<PaymentOutcome> apply_payment(Cents total, Cents paid, std::int64_t amount_cents) {
  Cents balance = invoice_balance(total, paid);
  FieldErrors errors;
  if (amount_cents <= 0) {
    errors.add("amount_cents", "must be more than $0.00");
  } else if (Cents{amount_cents} > balance) {
    errors.add("amount_cents", "is more than the balance due, " + format_cents(balance));
  }
  if (!errors.empty()) return errors;

  Cents now_paid = paid + Cents{amount_cents};
  Cents left = invoice_balance(total, now_paid);
  return PaymentOutcome{now_paid, left, left == Cents{0} ? S::paid : S::partially_paid};
}

bool is_overdue(InvoiceStatus status, std::optional<std::chrono::year_month_day> due_date,
                std::chrono::year_month_day today, Cents balance) {
  return is_owed(status) && due_date && today > *due_date && balance > Cents{0};
}

}  // namespace construction::domain
