#include "domain/project_financials.hpp"

namespace construction::domain {
namespace {

Cents change_orders_in(ChangeOrderStatus status, std::span<const ChangeOrderFigures> orders) {
  CentsSum sum;
  for (const auto& order : orders) {
    if (order.status == status) sum.add(order.amount);
  }
  return sum.checked_total();
}

// Line 5 of the certified application with the highest number; 0 if none.
Cents latest_certified_retainage(std::span<const PayApplicationFigures> applications) {
  const PayApplicationFigures* latest = nullptr;
  for (const auto& application : applications) {
    if (application.status != PayApplicationStatus::certified) continue;
    if (!latest || application.number > latest->number) latest = &application;
  }
  return latest ? latest->retainage : Cents{0};
}

}  // namespace

ProjectFinancials compute_project_financials(std::optional<Cents> accepted_estimate_total,
                                             std::span<const ChangeOrderFigures> change_orders,
                                             std::span<const InvoiceFigures> invoices,
                                             std::span<const PayApplicationFigures> applications) {
  ProjectFinancials f;
  f.original_contract_sum = accepted_estimate_total.value_or(Cents{0});
  f.approved_change_orders = change_orders_in(ChangeOrderStatus::approved, change_orders);
  f.pending_change_orders = change_orders_in(ChangeOrderStatus::pending, change_orders);
  f.contract_sum_to_date =
      CentsSum{}.add(f.original_contract_sum).add(f.approved_change_orders).checked_total();

  CentsSum billed, paid;
  for (const auto& invoice : invoices) {
    if (invoice.status != InvoiceStatus::void_) billed.add(invoice.total);
    paid.add(invoice.paid);  // a void invoice never had payments
  }
  f.billed_to_date = billed.checked_total();
  f.paid_to_date = paid.checked_total();
  f.retainage_held = latest_certified_retainage(applications);
  f.outstanding = f.billed_to_date - f.paid_to_date;
  f.balance_to_finish = f.contract_sum_to_date - f.billed_to_date;
  return f;
}

}  // namespace construction::domain
