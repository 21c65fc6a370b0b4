#include "sql/user_store.hpp"

#include "sql/error.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/user_columns.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kFindOrganisation =
    "SELECT id FROM organisations WHERE lower(name) = lower($1)";
constexpr std::string_view kInsertOrganisation =
    "INSERT INTO organisations (name) VALUES ($1) "
    "ON CONFLICT (lower(name)) DO NOTHING RETURNING id";

constexpr std::string_view kInsertUser =
    "INSERT INTO users AS u (org_id, email, name, role, active, password_hash) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " SQL_USER_COLUMNS;
constexpr std::string_view kFindUser =
    "SELECT " SQL_USER_COLUMNS " FROM users u WHERE u.org_id = $1 AND u.id = $2";
constexpr std::string_view kFindUserForUpdate =
    "SELECT " SQL_USER_COLUMNS " FROM users u WHERE u.org_id = $1 AND u.id = $2 FOR UPDATE";
constexpr std::string_view kFindUserByEmail =
    "SELECT " SQL_USER_COLUMNS " FROM users u WHERE lower(u.email) = lower($1)";
constexpr std::string_view kFindLogin =
    "SELECT " SQL_USER_COLUMNS
    ", u.password_hash, o.name AS org_name "
    "FROM users u JOIN organisations o ON o.id = u.org_id WHERE lower(u.email) = lower($1)";
constexpr std::string_view kFindMember =
    "SELECT " SQL_USER_COLUMNS
    ", o.name AS org_name "
    "FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.org_id = $1 AND u.id = $2";
// A page's member read: the user of a live session, found by the session's
// primary key, then the user's and the organisation's (no more than a
// member read cost before sessions had rows, bar one index probe). The
// cookie's epoch is compared here, on the row the join reads anyway.
constexpr std::string_view kFindSessionMember =
    "SELECT " SQL_USER_COLUMNS
    ", o.name AS org_name "
    "FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id "
    "JOIN organisations o ON o.id = u.org_id "
    "WHERE s.key_hash = $1::bytea AND s.org_id = $2 AND s.user_id = $3 AND s.ended_at IS NULL "
    "AND u.session_epoch = $4 AND s.created_at > now() - make_interval(secs => $5::bigint)";
constexpr std::string_view kListUsers = "SELECT " SQL_USER_COLUMNS
                                        " FROM users u WHERE u.org_id = $1 AND u.id > $2 "
                                        "ORDER BY u.id LIMIT $3";
constexpr std::string_view kUpdateUser =
    "UPDATE users AS u SET email = $3, name = $4, role = $5, active = $6, "
    "password_hash = coalesce($7, password_hash), version = version + 1, updated_at = now() "
    "WHERE u.org_id = $1 AND u.id = $2 RETURNING " SQL_USER_COLUMNS;

constexpr std::string_view kLockActiveOwners =
    "SELECT id FROM users WHERE org_id = $1 AND role = 'owner' AND active ORDER BY id FOR UPDATE";

std::optional<UserRecord> first_user(const Result& result) {
  if (result.empty()) return std::nullopt;
  return user_from(result[0]);
}

std::optional<Member> member_from(const Result& result) {
  if (result.empty()) return std::nullopt;
  return Member{user_from(result[0]), result[0]["org_name"].string()};
}

}  // namespace

UserRecord user_from(const Row& row) {
  return UserRecord{row["id"].int64(),
                    row["org_id"].int64(),
                    row["email"].string(),
                    row["name"].string(),
                    row["role"].named(domain::parse_role),
                    row["active"].boolean(),
                    row["version"].int32(),
                    row["created_at"].timestamp(),
                    row["updated_at"].timestamp(),
                    row["session_epoch"].int32()};
}

OrganisationRef find_or_create_organisation(Connection& db, const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    Result found = db.exec(kFindOrganisation, name);
    if (!found.empty()) return {found[0]["id"].int64(), false};
    Result inserted = db.exec(kInsertOrganisation, name);
    if (!inserted.empty()) return {inserted[0]["id"].int64(), true};
  }
  throw Error("organisation " + name + " could be neither found nor created");
}

UserRecord insert_user(Connection& db, std::int64_t org_id, const UserFields& fields,
                       const std::string& password_hash) {
  return user_from(db.exec(kInsertUser, org_id, fields.email, fields.name, fields.role,
                           fields.active, password_hash)
                       .single_row());
}

std::optional<UserRecord> find_user(Connection& db, std::int64_t org_id, std::int64_t id,
                                    bool for_update) {
  return first_user(db.exec(for_update ? kFindUserForUpdate : kFindUser, org_id, id));
}

Query<std::optional<Member>> member_query(std::int64_t org_id, std::int64_t user_id) {
  return make_query<std::optional<Member>>(kFindMember, member_from, org_id, user_id);
}

Query<std::optional<Member>> session_member_query(const std::string& session_key,
                                                  std::int64_t org_id, std::int64_t user_id,
                                                  int session_epoch, std::int64_t lifetime) {
  return make_query<std::optional<Member>>(kFindSessionMember, member_from, session_key, org_id,
                                           user_id, session_epoch, lifetime);
}

std::optional<Member> find_member(Connection& db, std::int64_t org_id, std::int64_t user_id) {
  return fetch(db, member_query(org_id, user_id));
}

std::optional<Login> find_login(Connection& db, const std::string& email) {
  Result result = db.exec(kFindLogin, email);
  if (result.empty()) return std::nullopt;
  Row row = result[0];
  return Login{user_from(row), row["password_hash"].string(), row["org_name"].string()};
}

std::optional<UserRecord> find_user_by_email(Connection& db, const std::string& email) {
  return first_user(db.exec(kFindUserByEmail, email));
}

PageOf<UserRecord> list_users(Connection& db, std::int64_t org_id, const Page& page) {
  std::vector<UserRecord> rows;
  for (Row row : db.exec(kListUsers, org_id, page.after_id.value_or(0), page.fetch()))
    rows.push_back(user_from(row));
  return trim_page(std::move(rows), page);
}

UserRecord update_user(Connection& db, std::int64_t org_id, std::int64_t id,
                       const UserFields& fields, const std::optional<std::string>& password_hash) {
  return user_from(db.exec(kUpdateUser, org_id, id, fields.email, fields.name, fields.role,
                           fields.active, password_hash)
                       .single_row());
}

std::vector<std::int64_t> lock_active_owners(Connection& db, std::int64_t org_id) {
  std::vector<std::int64_t> ids;
  for (Row row : db.exec(kLockActiveOwners, org_id)) ids.push_back(row["id"].int64());
  return ids;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements user_store_statements() {
  return {"user_store",
          {SQL_NAMED(kFindOrganisation), SQL_NAMED(kInsertOrganisation), SQL_NAMED(kInsertUser),
           SQL_NAMED(kFindUser), SQL_NAMED(kFindUserForUpdate), SQL_NAMED(kFindUserByEmail),
           SQL_NAMED(kFindLogin), SQL_NAMED(kFindMember), SQL_NAMED(kFindSessionMember),
           SQL_NAMED(kListUsers), SQL_NAMED(kUpdateUser), SQL_NAMED(kLockActiveOwners)}};
}

}  // namespace construction::sql
