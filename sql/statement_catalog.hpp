// Every statement the stores send, by store and name: what the EXPLAIN check
// (test/sql/statement_catalog_pgtest.cpp) plans at scale, one by one. Each
// store ends with a function listing its constants (SQL_NAMED(kFind), …);
// the catalog is those lists joined. The server never calls it: a request
// still sends the store's constant, and nothing is registered at start-up.
// A constant left out of its store's list fails a unit test that reads the
// store files (test/sql/statement_catalog_test.cpp), so the list cannot
// drift from the code. DESIGN.md, "The statement catalog and the EXPLAIN
// check", says why a list per store rather than a registry.
#pragma once

#include <string_view>
#include <vector>

namespace construction::sql {

struct NamedStatement {
  std::string_view name;  // the constant's name in its store, "kFind" or "kLines.list"
  std::string_view sql;
};

struct StoreStatements {
  std::string_view store;  // the file's name without .cpp, "project_store"
  std::vector<NamedStatement> statements;
};

struct CatalogedStatement {
  std::string_view store;
  std::string_view name;
  std::string_view sql;
};

// Every store's statements, store after store, each in its file's order.
std::vector<CatalogedStatement> statement_catalog();

// A constant as a catalog entry named by its spelling in the source.
#define SQL_NAMED(constant)             \
  ::construction::sql::NamedStatement { \
#constant, constant                 \
  }

// One per store file (defined there, beside its constants).
StoreStatements amount_line_store_statements();
StoreStatements budget_store_statements();
StoreStatements change_order_line_store_statements();
StoreStatements change_order_store_statements();
StoreStatements commitment_store_statements();
StoreStatements daily_log_store_statements();
StoreStatements estimate_line_store_statements();
StoreStatements estimate_store_statements();
StoreStatements invitation_store_statements();
StoreStatements invoice_store_statements();
StoreStatements login_throttle_store_statements();
StoreStatements message_store_statements();
StoreStatements organisation_store_statements();
StoreStatements party_store_statements();
StoreStatements password_reset_store_statements();
StoreStatements pay_application_store_statements();
StoreStatements project_store_statements();
StoreStatements schedule_of_values_store_statements();
StoreStatements session_store_statements();
StoreStatements signature_request_store_statements();
StoreStatements task_store_statements();
StoreStatements token_store_statements();
StoreStatements user_store_statements();
StoreStatements vendor_bill_store_statements();

}  // namespace construction::sql
