#include "operations/project_financials.hpp"

namespace construction::operations {

namespace {

domain::ProjectFinancials financials_of(domain::Cents original_contract_sum,
                                        const sql::DocumentFigures& figures) {
  return domain::compute_project_financials(original_contract_sum, figures.change_orders,
                                            figures.invoices, figures.pay_applications);
}

}  // namespace

domain::ProjectFinancials project_financials(const sql::ProjectWithFigures& project) {
  return financials_of(project.original_contract_sum_cents, project.figures);
}

domain::ProjectFinancials project_financials(const sql::ProjectListingWithFigures& project) {
  return financials_of(project.original_contract_sum_cents, project.figures);
}

}  // namespace construction::operations
