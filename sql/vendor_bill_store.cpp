#include "sql/vendor_bill_store.hpp"

#include "sql/counted_vendor_bills.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define VENDOR_BILL_COLUMNS \
  "id, project_id, number, party_id, commitment_id, " SQL_UNIX_DAYS(                          \
      "bill_date") " AS bill_date, " SQL_UNIX_DAYS("due_date") " AS due_date, status, "       \
                                                               "amount_cents, retainage_cents, " \
                                                               "payable_cents, "                 \
  "CASE WHEN approved_at IS NULL THEN NULL ELSE " SQL_UNIX_SECONDS("approved_at") " END "     \
  "AS approved_at, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "               \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO vendor_bills (org_id, project_id, number, party_id, commitment_id, bill_date, "
    "due_date) VALUES ($1, $2, $3, $4, $5, $6::date, $7::date) RETURNING " VENDOR_BILL_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " VENDOR_BILL_COLUMNS " FROM vendor_bills WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " VENDOR_BILL_COLUMNS " FROM vendor_bills WHERE org_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kList = "SELECT " VENDOR_BILL_COLUMNS
                                   " FROM vendor_bills WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kUpdate =
    "UPDATE vendor_bills SET number = $3, party_id = $4, commitment_id = $5, "
    "bill_date = $6::date, due_date = $7::date, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " VENDOR_BILL_COLUMNS;
constexpr std::string_view kSetAmounts =
    "UPDATE vendor_bills SET amount_cents = $3, retainage_cents = $4, payable_cents = $5, "
    "version = version + $6, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " VENDOR_BILL_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE vendor_bills SET status = $3, "
    "approved_at = CASE WHEN $3 = 'approved' THEN now() ELSE approved_at END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " VENDOR_BILL_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM vendor_bills WHERE org_id = $1 AND id = $2";
constexpr std::string_view kBilledAgainst =
    "SELECT coalesce(sum(b.amount_cents), 0)::bigint AS billed FROM vendor_bills b "
    "WHERE b.org_id = $1 AND b.commitment_id = $2 AND b.id <> $3 AND " SQL_COUNTED_VENDOR_BILL("b");

#undef VENDOR_BILL_COLUMNS

VendorBillRecord vendor_bill_from(const Row& row) {
  VendorBillRecord b;
  b.id = row["id"].int64();
  b.project_id = row["project_id"].int64();
  b.fields = {row["number"].string(), row["party_id"].int64(),
              row["commitment_id"].optional_int64(), row["bill_date"].date(),
              row["due_date"].optional_date()};
  b.status = domain::parse_vendor_bill_status(row["status"].string()).value();
  b.amounts = {row["amount_cents"].cents(), row["retainage_cents"].cents(),
               row["payable_cents"].cents()};
  b.approved_at = row["approved_at"].optional_timestamp();
  b.version = row["version"].int32();
  b.created_at = row["created_at"].timestamp();
  b.updated_at = row["updated_at"].timestamp();
  return b;
}

}  // namespace

const DocumentStatements<VendorBillRecord> kVendorBills{kFind,   kFindForUpdate,  kList, kSetStatus,
                                                        kDelete, vendor_bill_from};

VendorBillRecord insert_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                    const VendorBillFields& f) {
  return vendor_bill_from(db.exec(kInsert, org_id, project_id, f.number, f.party_id,
                                  f.commitment_id, f.bill_date, f.due_date)
                              .single_row());
}

std::optional<VendorBillRecord> find_vendor_bill(Connection& db, std::int64_t org_id,
                                                 std::int64_t id, bool for_update) {
  return find_document(db, kVendorBills, org_id, id, for_update);
}

Query<PageOf<VendorBillRecord>> vendor_bills_query(std::int64_t org_id, std::int64_t project_id,
                                                   const Page& page) {
  return documents_query(kVendorBills, org_id, project_id, page);
}

VendorBillRecord update_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t id,
                                    const VendorBillFields& f) {
  return vendor_bill_from(
      db.exec(kUpdate, org_id, id, f.number, f.party_id, f.commitment_id, f.bill_date, f.due_date)
          .single_row());
}

VendorBillRecord set_vendor_bill_amounts(Connection& db, std::int64_t org_id, std::int64_t id,
                                         const VendorBillAmounts& a, bool new_version) {
  return vendor_bill_from(db.exec(kSetAmounts, org_id, id, a.amount_cents, a.retainage_cents,
                                  a.payable_cents, new_version ? 1 : 0)
                              .single_row());
}

domain::Cents billed_against(Connection& db, std::int64_t org_id, std::int64_t commitment_id,
                             std::int64_t except) {
  return db.exec(kBilledAgainst, org_id, commitment_id, except).single_row()["billed"].cents();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements vendor_bill_store_statements() {
  return {"vendor_bill_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate), SQL_NAMED(kList),
           SQL_NAMED(kUpdate), SQL_NAMED(kSetAmounts), SQL_NAMED(kSetStatus), SQL_NAMED(kDelete),
           SQL_NAMED(kBilledAgainst)}};
}

}  // namespace construction::sql
