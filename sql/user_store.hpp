// Organisations and their users. Every function takes the caller's
// organisation first and never reads outside it (log-in by email is the one
// lookup across organisations: an address is unique on the platform).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/role.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct UserRecord {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string email;
  std::string name;
  domain::Role role = domain::Role::field;
  bool active = true;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
  // Sealed into each session cookie; one more at each change that ends the
  // user's sign-ins (operations/user_accounts.hpp).
  int session_epoch = 1;
};

struct UserFields {
  std::string email;
  std::string name;
  domain::Role role = domain::Role::field;
  bool active = true;
};

struct Login {
  UserRecord user;
  std::string password_hash;
  std::string org_name;
};

// Who a session's user is, with the organisation's name, for the page header.
struct Member {
  UserRecord user;
  std::string org_name;
};

// The organisation's id, created when no organisation has that name (any case).
struct OrganisationRef {
  std::int64_t id = 0;
  bool created = false;
};
OrganisationRef find_or_create_organisation(Connection& db, const std::string& name);

UserRecord insert_user(Connection& db, std::int64_t org_id, const UserFields& fields,
                       const std::string& password_hash);
std::optional<UserRecord> find_user(Connection& db, std::int64_t org_id, std::int64_t id,
                                    bool for_update = false);
// The user and their organisation's name in one query (the API's /me).
std::optional<Member> find_member(Connection& db, std::int64_t org_id, std::int64_t user_id);
Query<std::optional<Member>> member_query(std::int64_t org_id, std::int64_t user_id);
// The same, of a page's session (every page asks): nothing unless the
// session (`session_key`, sql/session_store.hpp) is the user's, not ended,
// made less than `lifetime` seconds ago, and its cookie sealed at the
// user's current `session_epoch`.
Query<std::optional<Member>> session_member_query(const std::string& session_key,
                                                  std::int64_t org_id, std::int64_t user_id,
                                                  int session_epoch, std::int64_t lifetime);
std::optional<Login> find_login(Connection& db, const std::string& email);
std::optional<UserRecord> find_user_by_email(Connection& db, const std::string& email);
PageOf<UserRecord> list_users(Connection& db, std::int64_t org_id, const Page& page);
// Saves the fields (and the password hash when given); version + 1.
UserRecord update_user(Connection& db, std::int64_t org_id, std::int64_t id,
                       const UserFields& fields, const std::optional<std::string>& password_hash);
// Locks the organisation's active owners (in id order, so two transactions
// never deadlock on them) and gives their ids: a change that could leave
// the organisation without an owner holds these locks while it checks.
std::vector<std::int64_t> lock_active_owners(Connection& db, std::int64_t org_id);

}  // namespace construction::sql
