#include "sql/commitment_store.hpp"

#include "sql/counted_vendor_bills.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

// billed_cents: what the budget report counts as actual against it.
#define COMMITMENT_COLUMNS \
  "c.id, c.project_id, c.number, c.kind, c.party_id, c.title, c.retainage_bps, c.status, "   \
  "c.amount_cents, (SELECT coalesce(sum(b.amount_cents), 0) FROM vendor_bills b "            \
  "WHERE b.org_id = c.org_id AND b.commitment_id = c.id AND " SQL_COUNTED_VENDOR_BILL("b") \
  ")::bigint AS billed_cents, "                                                       \
  "CASE WHEN c.approved_at IS NULL THEN NULL ELSE " SQL_UNIX_SECONDS("c.approved_at") " END " \
  "AS approved_at, c.version, " SQL_UNIX_SECONDS("c.created_at") " AS created_at, "          \
  SQL_UNIX_SECONDS("c.updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "WITH c AS (INSERT INTO commitments (org_id, project_id, number, kind, party_id, title, "
    "retainage_bps) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *) "
    "SELECT " COMMITMENT_COLUMNS " FROM c";
constexpr std::string_view kFind =
    "SELECT " COMMITMENT_COLUMNS " FROM commitments c WHERE c.org_id = $1 AND c.id = $2";
constexpr std::string_view kFindForUpdate = "SELECT " COMMITMENT_COLUMNS
                                            " FROM commitments c WHERE c.org_id = $1 AND "
                                            "c.id = $2 FOR UPDATE OF c";
constexpr std::string_view kList = "SELECT " COMMITMENT_COLUMNS
                                   " FROM commitments c WHERE c.org_id = $1 AND c.project_id = $2 "
                                   "AND c.id > $3 ORDER BY c.id LIMIT $4";
constexpr std::string_view kUpdate =
    "WITH c AS (UPDATE commitments SET number = $3, kind = $4, party_id = $5, title = $6, "
    "retainage_bps = $7, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING *) SELECT " COMMITMENT_COLUMNS " FROM c";
constexpr std::string_view kSetAmount =
    "WITH c AS (UPDATE commitments SET amount_cents = $3, version = version + $4, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING *) "
    "SELECT " COMMITMENT_COLUMNS " FROM c";
constexpr std::string_view kSetStatus =
    "WITH c AS (UPDATE commitments SET status = $3, "
    "approved_at = CASE WHEN $3 = 'approved' THEN now() ELSE approved_at END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING *) SELECT " COMMITMENT_COLUMNS " FROM c";
constexpr std::string_view kDelete = "DELETE FROM commitments WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextNumber =
    "SELECT CASE WHEN $3 = 'subcontract' THEN 'SC-' ELSE 'PO-' END "
    "|| lpad((count(*) + 1)::text, 3, '0') AS number "
    "FROM commitments WHERE org_id = $1 AND project_id = $2 AND kind = $3";
constexpr std::string_view kCountBills =
    "SELECT count(*)::integer AS n FROM vendor_bills "
    "WHERE org_id = $1 AND commitment_id = $2 AND status <> 'void'";

#undef COMMITMENT_COLUMNS

CommitmentRecord commitment_from(const Row& row) {
  CommitmentRecord c;
  c.id = row["id"].int64();
  c.project_id = row["project_id"].int64();
  c.fields = {row["number"].string(), row["kind"].named(domain::parse_commitment_kind),
              row["party_id"].int64(), row["title"].string(), row["retainage_bps"].int64()};
  c.status = row["status"].named(domain::parse_commitment_status);
  c.amount_cents = row["amount_cents"].cents();
  c.billed_cents = row["billed_cents"].cents();
  c.approved_at = row["approved_at"].optional_timestamp();
  c.version = row["version"].int32();
  c.created_at = row["created_at"].timestamp();
  c.updated_at = row["updated_at"].timestamp();
  return c;
}

}  // namespace

const DocumentStatements<CommitmentRecord> kCommitments{kFind,   kFindForUpdate, kList, kSetStatus,
                                                        kDelete, commitment_from};

CommitmentRecord insert_commitment(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                   const CommitmentFields& f) {
  return commitment_from(
      db.exec(kInsert, org_id, project_id, f.number, f.kind, f.party_id, f.title, f.retainage_bps)
          .single_row());
}

std::optional<CommitmentRecord> find_commitment(Connection& db, std::int64_t org_id,
                                                std::int64_t id, bool for_update) {
  return find_document(db, kCommitments, org_id, id, for_update);
}

Query<PageOf<CommitmentRecord>> commitments_query(std::int64_t org_id, std::int64_t project_id,
                                                  const Page& page) {
  return documents_query(kCommitments, org_id, project_id, page);
}

CommitmentRecord update_commitment(Connection& db, std::int64_t org_id, std::int64_t id,
                                   const CommitmentFields& f) {
  return commitment_from(
      db.exec(kUpdate, org_id, id, f.number, f.kind, f.party_id, f.title, f.retainage_bps)
          .single_row());
}

CommitmentRecord set_commitment_amount(Connection& db, std::int64_t org_id, std::int64_t id,
                                       domain::Cents amount, bool new_version) {
  return commitment_from(db.exec(kSetAmount, org_id, id, amount, new_version ? 1 : 0).single_row());
}

std::string next_commitment_number(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                   domain::CommitmentKind kind) {
  return db.exec(kNextNumber, org_id, project_id, kind).single_row()["number"].string();
}

int count_bills_against(Connection& db, std::int64_t org_id, std::int64_t commitment_id) {
  return db.exec(kCountBills, org_id, commitment_id).single_row()["n"].int32();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements commitment_store_statements() {
  return {"commitment_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate), SQL_NAMED(kList),
           SQL_NAMED(kUpdate), SQL_NAMED(kSetAmount), SQL_NAMED(kSetStatus), SQL_NAMED(kDelete),
           SQL_NAMED(kNextNumber), SQL_NAMED(kCountBills)}};
}

}  // namespace construction::sql
