// Invoices and payments. Each use case runs in one transaction with the
// invoice's row locked:
//   create    a deposit or other invoice (progress and retainage release
//             invoices come only from certifying a pay application);
//   change    a draft's number, due date, notes, and its total unless a
//             certificate set it;
//   send, void  the state machine (domain/invoice.hpp): void only without
//             payments (an invoice with payments is partially_paid or paid,
//             from which there is no void: invalid_state);
//   pay       a sent or partially paid invoice (invalid_state otherwise)
//             takes a payment of at most its balance (field amount_cents).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "domain/invoice.hpp"
#include "sql/invoice_store.hpp"
#include "sql/pay_application_store.hpp"

namespace construction::operations {

struct InvoiceDocument {
  sql::InvoiceRecord invoice;
  std::vector<sql::PaymentRecord> payments;
};

// `read` runs once the project is found; number "" for the project's next.
InvoiceDocument create_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                               const std::function<sql::InvoiceFields()>& read);
InvoiceDocument load_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id);
InvoiceDocument change_invoice(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::InvoiceFields(const sql::InvoiceFields&)>& edit);
InvoiceDocument transition_invoice(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                   domain::InvoiceAction action);
struct PaymentReceived {
  sql::PaymentRecord payment;
  sql::InvoiceRecord invoice;
};
// `expected_version`: the invoice's version the caller saw (two people
// entering one check both see the same balance), stale_version otherwise.
PaymentReceived record_payment(sql::Connection& db, std::int64_t org_id, std::int64_t invoice_id,
                               std::optional<int> expected_version,
                               const std::function<sql::PaymentFields()>& read);

// Overdue today (UTC): domain::is_overdue of the invoice's status, due date
// and balance. Computed where it is shown, never stored.
bool is_overdue(const sql::InvoiceRecord& invoice);

// In the caller's transaction: the invoice a certificate creates, in draft,
// for the certified amount, due 30 days after `certified_on`. A retainage
// release when the application holds no retainage and an earlier one did;
// a progress invoice otherwise. Nothing when nothing is certified.
std::optional<sql::InvoiceRecord> invoice_certificate(sql::Connection& db, std::int64_t org_id,
                                                      const sql::PayApplicationRecord& application,
                                                      domain::Cents previous_retainage);

}  // namespace construction::operations
