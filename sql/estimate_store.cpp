#include "sql/estimate_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define ESTIMATE_COLUMNS \
  "e.id, e.project_id, e.number, e.title, " SQL_UNIX_DAYS("e.valid_until") " AS valid_until, "   \
  "e.tax_bps, e.notes, e.revision, e.revised_from_id, "                                          \
  "(SELECT r.id FROM estimates r WHERE r.org_id = e.org_id AND r.revised_from_id = e.id) "       \
  "AS revised_by_id, e.status, e.cost_cents, e.subtotal_cents, e.tax_cents, e.total_cents, "     \
  "e.margin_bps, e.version, " SQL_UNIX_SECONDS("e.created_at") " AS created_at, "                \
  SQL_UNIX_SECONDS("e.updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO estimates AS e (org_id, project_id, number, title, valid_until, tax_bps, notes) "
    "VALUES ($1, $2, $3, $4, $5::date, $6, $7) RETURNING " ESTIMATE_COLUMNS;
constexpr std::string_view kInsertRevision =
    "INSERT INTO estimates AS e (org_id, project_id, number, revision, revised_from_id, title, "
    "valid_until, tax_bps, notes, cost_cents, subtotal_cents, tax_cents, total_cents, margin_bps) "
    "SELECT org_id, project_id, number, revision + 1, id, title, valid_until, tax_bps, notes, "
    "cost_cents, subtotal_cents, tax_cents, total_cents, margin_bps "
    "FROM estimates WHERE org_id = $1 AND id = $2 RETURNING " ESTIMATE_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " ESTIMATE_COLUMNS " FROM estimates e WHERE e.org_id = $1 AND e.id = $2";
constexpr std::string_view kFindForUpdate = "SELECT " ESTIMATE_COLUMNS
                                            " FROM estimates e WHERE e.org_id = $1 AND e.id = $2 "
                                            "FOR UPDATE OF e";
constexpr std::string_view kList = "SELECT " ESTIMATE_COLUMNS
                                   " FROM estimates e WHERE e.org_id = $1 AND e.project_id = $2 "
                                   "AND e.id > $3 ORDER BY e.id LIMIT $4";
constexpr std::string_view kUpdate =
    "UPDATE estimates AS e SET number = $3, title = $4, valid_until = $5::date, tax_bps = $6, "
    "notes = $7, version = version + 1, updated_at = now() "
    "WHERE e.org_id = $1 AND e.id = $2 RETURNING " ESTIMATE_COLUMNS;
constexpr std::string_view kSetTotals =
    "UPDATE estimates AS e SET cost_cents = $3, subtotal_cents = $4, tax_cents = $5, "
    "total_cents = $6, margin_bps = $7, version = version + $8, updated_at = now() "
    "WHERE e.org_id = $1 AND e.id = $2 RETURNING " ESTIMATE_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE estimates AS e SET status = $3, version = version + 1, updated_at = now() "
    "WHERE e.org_id = $1 AND e.id = $2 RETURNING " ESTIMATE_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM estimates WHERE org_id = $1 AND id = $2";
constexpr std::string_view kNextNumber =
    "SELECT 'EST-' || lpad((count(DISTINCT lower(number)) + 1)::text, 3, '0') AS number "
    "FROM estimates WHERE org_id = $1 AND project_id = $2";
constexpr std::string_view kHasAccepted =
    "SELECT EXISTS (SELECT 1 FROM estimates WHERE org_id = $1 AND project_id = $2 "
    "AND status = 'accepted') AS present";

#undef ESTIMATE_COLUMNS

EstimateRecord estimate_from(const Row& row) {
  EstimateRecord e;
  e.id = row["id"].int64();
  e.project_id = row["project_id"].int64();
  e.fields = {row["number"].string(), row["title"].string(), row["valid_until"].optional_date(),
              row["tax_bps"].int64(), row["notes"].string()};
  e.revision = row["revision"].int32();
  e.revised_from_id = row["revised_from_id"].optional_int64();
  e.revised_by_id = row["revised_by_id"].optional_int64();
  e.status = row["status"].named(domain::parse_estimate_status);
  e.totals = {row["cost_cents"].cents(), row["subtotal_cents"].cents(), row["tax_cents"].cents(),
              row["total_cents"].cents(), domain::BasisPoints{row["margin_bps"].int64()}};
  e.version = row["version"].int32();
  e.created_at = row["created_at"].timestamp();
  e.updated_at = row["updated_at"].timestamp();
  return e;
}

}  // namespace

EstimateRecord insert_estimate(Connection& db, std::int64_t org_id, std::int64_t project_id,
                               const EstimateFields& f) {
  return estimate_from(
      db.exec(kInsert, org_id, project_id, f.number, f.title, f.valid_until, f.tax_bps, f.notes)
          .single_row());
}

EstimateRecord insert_revision(Connection& db, std::int64_t org_id, const EstimateRecord& from) {
  return estimate_from(db.exec(kInsertRevision, org_id, from.id).single_row());
}

std::optional<EstimateRecord> find_estimate(Connection& db, std::int64_t org_id, std::int64_t id,
                                            bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return estimate_from(result[0]);
}

PageOf<EstimateRecord> list_estimates(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                      const Page& page) {
  std::vector<EstimateRecord> rows;
  for (Row row : db.exec(kList, org_id, project_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(estimate_from(row));
  return trim_page(std::move(rows), page);
}

EstimateRecord update_estimate(Connection& db, std::int64_t org_id, std::int64_t id,
                               const EstimateFields& f) {
  return estimate_from(
      db.exec(kUpdate, org_id, id, f.number, f.title, f.valid_until, f.tax_bps, f.notes)
          .single_row());
}

EstimateRecord set_estimate_totals(Connection& db, std::int64_t org_id, std::int64_t id,
                                   const domain::EstimateTotals& t, bool new_version) {
  return estimate_from(db.exec(kSetTotals, org_id, id, t.cost, t.subtotal, t.tax, t.total,
                               t.margin.value, new_version ? 1 : 0)
                           .single_row());
}

EstimateRecord set_estimate_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                   domain::EstimateStatus status) {
  return estimate_from(db.exec(kSetStatus, org_id, id, status).single_row());
}

void delete_estimate(Connection& db, std::int64_t org_id, std::int64_t id) {
  db.exec(kDelete, org_id, id);
}

std::string next_estimate_number(Connection& db, std::int64_t org_id, std::int64_t project_id) {
  return db.exec(kNextNumber, org_id, project_id).single_row()["number"].string();
}

bool project_has_accepted_estimate(Connection& db, std::int64_t org_id, std::int64_t project_id) {
  return db.exec(kHasAccepted, org_id, project_id).single_row()["present"].boolean();
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements estimate_store_statements() {
  return {
      "estimate_store",
      {SQL_NAMED(kInsert), SQL_NAMED(kInsertRevision), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
       SQL_NAMED(kList), SQL_NAMED(kUpdate), SQL_NAMED(kSetTotals), SQL_NAMED(kSetStatus),
       SQL_NAMED(kDelete), SQL_NAMED(kNextNumber), SQL_NAMED(kHasAccepted)}};
}

}  // namespace construction::sql
