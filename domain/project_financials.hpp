// ProjectFinancials: the `financials` block of GET /projects/{id}, from the
// figures of the project's documents.
//
//   original_contract_sum    the accepted estimate's total, 0 before
//   approved/pending_change_orders   sum of amount_cents in those states
//   contract_sum_to_date     original + approved
//   billed_to_date           sum of total_cents of invoices not void
//   retainage_held           line 5 of the latest certified pay application
//   paid_to_date             sum of payments
//   outstanding              billed - paid
//   balance_to_finish        contract sum to date - billed
#pragma once

#include <optional>
#include <span>

#include "domain/change_order.hpp"
#include "domain/invoice.hpp"
#include "domain/money.hpp"
#include "domain/pay_application.hpp"

namespace construction::domain {

struct ChangeOrderFigures {
  ChangeOrderStatus status;
  Cents amount;
};

struct InvoiceFigures {
  InvoiceStatus status;
  Cents total;
  Cents paid;  // the sum of the invoice's payments
};

struct PayApplicationFigures {
  int number = 0;  // 1, 2, ...: the latest is the highest
  PayApplicationStatus status;
  Cents retainage;  // G702 line 5
};

struct ProjectFinancials {
  Cents original_contract_sum;
  Cents approved_change_orders;
  Cents pending_change_orders;
  Cents contract_sum_to_date;
  Cents billed_to_date;
  Cents retainage_held;
  Cents paid_to_date;
  Cents outstanding;
  Cents balance_to_finish;
  friend bool operator==(const ProjectFinancials&, const ProjectFinancials&) = default;
};

// Every figure was stored within kMaxCents; a sum past it is a bug
// (std::overflow_error), not a user's mistake.
ProjectFinancials compute_project_financials(std::optional<Cents> accepted_estimate_total,
                                             std::span<const ChangeOrderFigures> change_orders,
                                             std::span<const InvoiceFigures> invoices,
                                             std::span<const PayApplicationFigures> applications);

}  // namespace construction::domain
