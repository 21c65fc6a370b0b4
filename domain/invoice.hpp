// Invoice: what the owner is asked to pay, and what they paid.
//
//   draft -send-> sent -(payment)-> partially_paid -(payment)-> paid
//   draft | sent -void-> void       (only while nothing is paid)
//
// A payment moves a sent or partially paid invoice to partially_paid, or to
// paid when it clears the balance; more than the balance is refused (422).
// balance = total - paid. Overdue is computed, never stored: sent or
// partially paid, its due date passed, a balance left.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class InvoiceStatus { draft, sent, partially_paid, paid, void_ };
enum class InvoiceAction { send, void_ };
enum class InvoiceKind { deposit, progress, retainage_release, other };
// How a payment was received.
enum class PaymentMethod { check, ach, wire, card, cash, other };

std::string_view to_string(InvoiceStatus status);
std::string_view to_string(InvoiceAction action);
std::string_view to_string(InvoiceKind kind);
std::optional<InvoiceStatus> parse_invoice_status(std::string_view name);
std::optional<InvoiceKind> parse_invoice_kind(std::string_view name);
std::string_view to_string(PaymentMethod method);
std::optional<PaymentMethod> parse_payment_method(std::string_view name);
// A method as a person reads it, on the invoice's page and its PDF: "ACH"
// is an initialism; every other method reads as its display_label.
std::string payment_method_label(std::string_view name);
// "check, ach, wire, card, cash, other": the methods' names in the table's
// order, the order a form offers them in.
std::span<const std::string_view> payment_method_names();

Result<InvoiceStatus, InvalidState> transition(InvoiceStatus from, InvoiceAction action);

bool is_editable(InvoiceStatus status);
std::optional<InvalidState> refuse_edit(InvoiceStatus status);

// Payments are taken on sent and partially paid invoices only (409 else).
std::optional<InvalidState> refuse_payment(InvoiceStatus status);

Cents invoice_balance(Cents total, Cents paid);

// "must be more than $0.00" for a total of zero or less: an invoice asks for
// money (a certificate of $0.00 makes none either).
std::optional<std::string> refuse_invoice_total(Cents total);

struct PaymentOutcome {
  Cents paid;
  Cents balance;
  InvoiceStatus status;  // partially_paid or paid
  friend bool operator==(const PaymentOutcome&, const PaymentOutcome&) = default;
};

// A payment of amount_cents on an invoice of `total` of which `paid` is paid.
// Field "amount_cents": more than 0 and at most the balance.
Validated<PaymentOutcome> apply_payment(Cents total, Cents paid, std::int64_t amount_cents);

// Due on the due date itself; overdue from the day after. An invoice without
// a due date is never overdue.
bool is_overdue(InvoiceStatus status, std::optional<std::chrono::year_month_day> due_date,
                std::chrono::year_month_day today, Cents balance);

}  // namespace construction::domain
