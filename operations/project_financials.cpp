#include "operations/project_financials.hpp"

#include <stdexcept>
#include <vector>

#include "sql/project_figures_store.hpp"

namespace construction::operations {

namespace {

template <class Status>
Status parsed(std::optional<Status> status, const std::string& name) {
  if (!status) throw std::logic_error("stored document status not known: " + name);
  return *status;
}

domain::ProjectFinancials financials_of(const sql::ProjectRecord& project,
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
  return domain::compute_project_financials(domain::Cents{project.original_contract_sum_cents},
                                            orders, invoices, applications);
}

}  // namespace

std::map<std::int64_t, domain::ProjectFinancials> project_financials(
    sql::Connection& db, std::int64_t org_id, std::span<const sql::ProjectRecord> projects) {
  std::vector<std::int64_t> ids;
  for (const auto& project : projects) ids.push_back(project.id);
  auto figures = sql::load_project_figures(db, org_id, ids);
  std::map<std::int64_t, domain::ProjectFinancials> financials;
  static const std::vector<sql::DocumentFigures> none;
  for (const auto& project : projects) {
    auto found = figures.find(project.id);
    financials[project.id] = financials_of(project, found == figures.end() ? none : found->second);
  }
  return financials;
}

}  // namespace construction::operations
