#include "sql/statement_catalog.hpp"

namespace construction::sql {

std::vector<CatalogedStatement> statement_catalog() {
  const StoreStatements stores[] = {
      amount_line_store_statements(),
      budget_store_statements(),
      change_order_line_store_statements(),
      change_order_store_statements(),
      commitment_store_statements(),
      daily_log_store_statements(),
      estimate_line_store_statements(),
      estimate_store_statements(),
      invitation_store_statements(),
      invoice_store_statements(),
      login_throttle_store_statements(),
      message_store_statements(),
      organisation_store_statements(),
      party_store_statements(),
      password_reset_store_statements(),
      pay_application_store_statements(),
      project_store_statements(),
      schedule_of_values_store_statements(),
      session_store_statements(),
      signature_request_store_statements(),
      task_store_statements(),
      token_store_statements(),
      user_store_statements(),
      vendor_bill_store_statements(),
  };
  std::vector<CatalogedStatement> catalog;
  for (const StoreStatements& store : stores)
    for (const NamedStatement& s : store.statements)
      catalog.push_back({store.store, s.name, s.sql});
  return catalog;
}

}  // namespace construction::sql
