#include "operations/project_financials.hpp"

#include <stdexcept>
#include <vector>

namespace construction::operations {

namespace {

template <class Status>
Status parsed(std::optional<Status> status, const std::string& name) {
  if (!status) throw std::logic_error("stored document status not known: " + name);
  return *status;
}

domain::ProjectFinancials financials_of(std::int64_t original_contract_sum_cents,
                                        const std::vector<sql::DocumentFigures>& figures) {
  std::vector<domain::ChangeOrderFigures> orders;
  std::vector<domain::InvoiceFigures> invoices;
  std::vector<domain::PayApplicationFigures> applications;
  for (const auto& f : figures) {
    if (f.kind == "change_order")
      orders.push_back({parsed(domain::parse_change_order_status(f.status), f.status),
                        domain::Cents{f.amount_cents}});
    else if (f.kind == "invoice")
      invoices.push_back({parsed(domain::parse_invoice_status(f.status), f.status),
                          domain::Cents{f.amount_cents}, domain::Cents{f.paid_cents}});
    else if (f.kind == "pay_application")
      applications.push_back({f.number,
                              parsed(domain::parse_pay_application_status(f.status), f.status),
                              domain::Cents{f.amount_cents}});
  }
  return domain::compute_project_financials(domain::Cents{original_contract_sum_cents}, orders,
                                            invoices, applications);
}

}  // namespace

domain::ProjectFinancials project_financials(const sql::ProjectWithFigures& project) {
  return financials_of(project.original_contract_sum_cents, project.figures);
}

domain::ProjectFinancials project_financials(const sql::ProjectListingWithFigures& project) {
  return financials_of(project.original_contract_sum_cents, project.figures);
}

}  // namespace construction::operations
