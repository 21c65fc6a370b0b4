#include "sql/organisation_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define ORGANISATION_COLUMNS                                                               \
  "id, name, address, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, " \
      SQL_UNIX_SECONDS("updated_at") " AS updated_at"
constexpr std::string_view kFind =
    "SELECT " ORGANISATION_COLUMNS " FROM organisations WHERE id = $1";
constexpr std::string_view kFindForUpdate =
    "SELECT " ORGANISATION_COLUMNS " FROM organisations WHERE id = $1 FOR UPDATE";
constexpr std::string_view kChangeAddress =
    "UPDATE organisations SET address = $2, version = version + 1, updated_at = now() "
    "WHERE id = $1 RETURNING " ORGANISATION_COLUMNS;
#undef ORGANISATION_COLUMNS

OrganisationRecord organisation_from(const Row& row) {
  return {row["id"].int64(),          row["name"].string(),
          row["address"].string(),    row["version"].int32(),
          row["created_at"].timestamp(), row["updated_at"].timestamp()};
}

}  // namespace

std::optional<OrganisationRecord> find_organisation(Connection& db, std::int64_t org_id,
                                                    bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id);
  if (result.empty()) return std::nullopt;
  return organisation_from(result[0]);
}

OrganisationRecord change_organisation_address(Connection& db, std::int64_t org_id,
                                               const std::string& address) {
  return organisation_from(db.exec(kChangeAddress, org_id, address).single_row());
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements organisation_store_statements() {
  return {"organisation_store",
          {SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kChangeAddress)}};
}

}  // namespace construction::sql
