#include "sql/invitation_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define INVITATION_COLUMNS                                                                     \
  "i.id, i.org_id, i.email, i.role, coalesce(nullif(u.name, ''), u.email) AS invited_by, "     \
  "o.name AS org_name, " SQL_UNIX_SECONDS("i.created_at") " AS created_at, " SQL_UNIX_SECONDS( \
      "i.expires_at") " AS expires_at"
#define INVITATION_JOINS                                         \
  " JOIN users u ON u.org_id = i.org_id AND u.id = i.invited_by" \
  " JOIN organisations o ON o.id = i.org_id"
#define OPEN_INVITATION " i.accepted_at IS NULL AND i.cancelled_at IS NULL AND i.expires_at > now()"

constexpr std::string_view kCancelSameAddress =
    "UPDATE invitations SET cancelled_at = now() "
    "WHERE org_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL "
    "AND cancelled_at IS NULL";
constexpr std::string_view kInsert =
    "WITH i AS (INSERT INTO invitations (org_id, email, role, invited_by, token_hash, expires_at) "
    "VALUES ($1, $2, $3, $4, $5::bytea, now() + make_interval(secs => $6::bigint)) "
    "RETURNING *) SELECT " INVITATION_COLUMNS " FROM i" INVITATION_JOINS;
constexpr std::string_view kOpen =
    "SELECT " INVITATION_COLUMNS " FROM invitations i" INVITATION_JOINS
    " WHERE i.org_id = $1 AND" OPEN_INVITATION " ORDER BY i.id";
constexpr std::string_view kFindOpen =
    "SELECT " INVITATION_COLUMNS " FROM invitations i" INVITATION_JOINS
    " WHERE i.token_hash = $1::bytea AND" OPEN_INVITATION;
constexpr std::string_view kFindOpenForUpdate =
    "SELECT " INVITATION_COLUMNS " FROM invitations i" INVITATION_JOINS
    " WHERE i.token_hash = $1::bytea AND" OPEN_INVITATION " FOR UPDATE OF i";
constexpr std::string_view kAccept =
    "UPDATE invitations SET accepted_at = now(), user_id = $3 WHERE org_id = $1 AND id = $2";
constexpr std::string_view kCancel =
    "UPDATE invitations i SET cancelled_at = now() "
    "WHERE i.org_id = $1 AND i.id = $2 AND" OPEN_INVITATION;

#undef INVITATION_COLUMNS
#undef INVITATION_JOINS
#undef OPEN_INVITATION

InvitationRecord invitation_from(const Row& row) {
  return {row["id"].int64(),
          row["org_id"].int64(),
          row["email"].string(),
          row["role"].named(domain::parse_role),
          row["invited_by"].string(),
          row["org_name"].string(),
          row["created_at"].timestamp(),
          row["expires_at"].timestamp()};
}

}  // namespace

InvitationRecord insert_invitation(Connection& db, const NewInvitation& invitation) {
  db.exec(kCancelSameAddress, invitation.org_id, invitation.email);
  return invitation_from(db.exec(kInsert, invitation.org_id, invitation.email, invitation.role,
                                 invitation.invited_by, invitation.token_hash,
                                 invitation.valid_seconds)
                             .single_row());
}

std::vector<InvitationRecord> open_invitations(Connection& db, std::int64_t org_id) {
  std::vector<InvitationRecord> rows;
  for (Row row : db.exec(kOpen, org_id)) rows.push_back(invitation_from(row));
  return rows;
}

std::optional<InvitationRecord> find_open_invitation(Connection& db, const std::string& token_hash,
                                                     bool for_update) {
  Result result = db.exec(for_update ? kFindOpenForUpdate : kFindOpen, token_hash);
  if (result.empty()) return std::nullopt;
  return invitation_from(result[0]);
}

void mark_invitation_accepted(Connection& db, std::int64_t org_id, std::int64_t id,
                              std::int64_t user_id) {
  db.exec(kAccept, org_id, id, user_id);
}

bool cancel_invitation(Connection& db, std::int64_t org_id, std::int64_t id) {
  return db.exec(kCancel, org_id, id).affected_rows() == 1;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements invitation_store_statements() {
  return {
      "invitation_store",
      {SQL_NAMED(kCancelSameAddress), SQL_NAMED(kInsert), SQL_NAMED(kOpen), SQL_NAMED(kFindOpen),
       SQL_NAMED(kFindOpenForUpdate), SQL_NAMED(kAccept), SQL_NAMED(kCancel)}};
}

}  // namespace construction::sql
