#include "sql/organisation_store.hpp"

#include "sql/statement_catalog.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kFindName = "SELECT name FROM organisations WHERE id = $1";

}  // namespace

std::optional<std::string> find_organisation_name(Connection& db, std::int64_t org_id) {
  Result result = db.exec(kFindName, org_id);
  if (result.empty()) return std::nullopt;
  return result[0]["name"].string();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements organisation_store_statements() {
  return {"organisation_store", {SQL_NAMED(kFindName)}};
}

}  // namespace construction::sql
