#include "sql/password_reset_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/user_columns.hpp"

namespace construction::sql {

namespace {

#define USER_COLUMNS SQL_USER_COLUMNS ", o.name AS org_name"

// The LEFT JOIN from one row makes the insert the same statement, with the
// same plan, for an address nobody has: the row's user is then NULL.
constexpr std::string_view kInsert =
    "WITH target AS (SELECT u.org_id, u.id FROM (SELECT 1) one "
    "LEFT JOIN users u ON lower(u.email) = lower($2) AND u.active), "
    "reset AS (INSERT INTO password_resets "
    "(token_hash, org_id, user_id, email, address, expires_at) "
    "SELECT $1::bytea, target.org_id, target.id, $2, $3, "
    "now() + make_interval(secs => $4::bigint) FROM target RETURNING org_id, user_id) "
    "SELECT " USER_COLUMNS
    ", (SELECT min(id) FROM organisations) AS any_org_id "
    "FROM reset LEFT JOIN users u ON u.org_id = reset.org_id "
    "AND u.id = reset.user_id LEFT JOIN organisations o ON o.id = u.org_id";
constexpr std::string_view kFindOpen =
    "SELECT " USER_COLUMNS
    " FROM password_resets r "
    "JOIN users u ON u.org_id = r.org_id AND u.id = r.user_id JOIN organisations o ON o.id = "
    "u.org_id WHERE r.token_hash = $1::bytea AND r.used_at IS NULL AND r.expires_at > now() "
    "AND u.active";
constexpr std::string_view kFindOpenForUpdate =
    "SELECT " USER_COLUMNS
    " FROM password_resets r "
    "JOIN users u ON u.org_id = r.org_id AND u.id = r.user_id JOIN organisations o ON o.id = "
    "u.org_id WHERE r.token_hash = $1::bytea AND r.used_at IS NULL AND r.expires_at > now() "
    "AND u.active FOR UPDATE OF r, u";
constexpr std::string_view kUseUp =
    "UPDATE password_resets SET used_at = now() "
    "WHERE org_id = $1 AND user_id = $2 AND used_at IS NULL";
constexpr std::string_view kForget =
    "DELETE FROM password_resets WHERE created_at < now() - make_interval(secs => $1::bigint)";

#undef USER_COLUMNS

std::optional<ResetTarget> target_from(const Result& result) {
  if (result.empty()) return std::nullopt;
  Row row = result[0];
  return ResetTarget{user_from(row), row["org_name"].string()};
}

}  // namespace

ResetRequestRow insert_password_reset(Connection& db, const NewPasswordReset& reset) {
  Row row = db.exec(kInsert, reset.token_hash, reset.email, reset.address, reset.valid_seconds)
                .single_row();
  ResetRequestRow written{std::nullopt, row["any_org_id"].optional_int64()};
  if (!row["id"].is_null()) written.target = ResetTarget{user_from(row), row["org_name"].string()};
  return written;
}

std::optional<ResetTarget> find_open_reset(Connection& db, const std::string& token_hash,
                                           bool for_update) {
  return target_from(db.exec(for_update ? kFindOpenForUpdate : kFindOpen, token_hash));
}

void use_up_resets(Connection& db, std::int64_t org_id, std::int64_t user_id) {
  db.exec(kUseUp, org_id, user_id);
}

void forget_resets_older_than(Connection& db, std::int64_t age) {
  db.exec(kForget, age);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements password_reset_store_statements() {
  return {"password_reset_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFindOpen), SQL_NAMED(kFindOpenForUpdate),
           SQL_NAMED(kUseUp), SQL_NAMED(kForget)}};
}

}  // namespace construction::sql
