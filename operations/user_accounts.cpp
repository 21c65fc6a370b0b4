#include "operations/user_accounts.hpp"

#include <algorithm>
#include <vector>

#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/team_fields.hpp"
#include "sql/session_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

bool is_active_owner(const sql::UserFields& fields) {
  return fields.role == domain::Role::owner && fields.active;
}

// Checked with the active owners locked (`owners`), so what it counts
// cannot change before the commit.
void keep_an_owner(const Caller& caller, const sql::UserRecord& user, const sql::UserFields& after,
                   const std::vector<std::int64_t>& owners) {
  if (user.id == caller.user_id && !is_active_owner(after))
    throw invalid_state("You cannot remove your own owner role or deactivate yourself");
  // The caller was an owner when the request began; another owner may have
  // demoted them while this transaction waited for the lock.
  if (std::find(owners.begin(), owners.end(), caller.user_id) == owners.end())
    throw conflict("You are no longer an active owner of the organisation");
  bool loses_owner =
      std::find(owners.begin(), owners.end(), user.id) != owners.end() && !is_active_owner(after);
  if (loses_owner && owners.size() < 2)
    throw conflict("The organisation must keep at least one active owner");
}

// A new password (a reset after a compromise, most often), a new email
// (where reset links now go), a new role or a deactivation: whoever holds
// the user's sessions and tokens must log in again, with the new password
// and as the new role, or not at all.
bool ends_sign_ins(const sql::UserRecord& before, const UserChange& change) {
  return change.password || !same_email_address(change.fields.email, before.email) ||
         change.fields.role != before.role || !change.fields.active;
}

sql::UserRecord save(sql::Connection& db, const sql::UserRecord& user, const UserChange& change) {
  std::optional<std::string> hash;
  if (change.password) hash = hash_password(*change.password);
  sql::UserRecord saved = sql::update_user(db, user.org_id, user.id, change.fields, hash);
  if (ends_sign_ins(user, change))
    saved.session_epoch = sql::end_user_sign_ins(db, user.org_id, user.id);
  return saved;
}

}  // namespace

sql::UserRecord create_user(sql::Connection& db, const Caller& caller,
                            const sql::UserFields& fields, const std::string& password) {
  return create_user(db, caller.org_id, fields, password);
}

sql::UserRecord create_user(sql::Connection& db, std::int64_t org_id, const sql::UserFields& fields,
                            const std::string& password) {
  return sql::insert_user(db, org_id, fields, hash_password(password));
}

sql::OrganisationRef organisation_named(sql::Connection& db, const std::string& name) {
  return sql::find_or_create_organisation(db, name);
}

NewMember create_member(sql::Connection& db, const std::string& org_name,
                        const sql::UserFields& fields, const std::string& password) {
  sql::Transaction tx(db);
  NewMember member{organisation_named(db, org_name), {}};
  member.user = create_user(db, member.organisation.id, fields, password);
  tx.commit();
  return member;
}

sql::UserRecord change_user(sql::Connection& db, const Caller& caller, std::int64_t id,
                            std::optional<int> expected_version,
                            const std::function<UserChange(const sql::UserRecord&)>& read) {
  sql::Transaction tx(db);
  std::vector<std::int64_t> owners = sql::lock_active_owners(db, caller.org_id);
  auto user = sql::find_user(db, caller.org_id, id, true);
  if (!user) throw not_found();
  check_version(expected_version, user->version);
  UserChange change = read(*user);
  keep_an_owner(caller, *user, change.fields, owners);
  sql::UserRecord saved = save(db, *user, change);
  tx.commit();
  return saved;
}

void deactivate_user(sql::Connection& db, const Caller& caller, std::int64_t id) {
  sql::Transaction tx(db);
  std::vector<std::int64_t> owners = sql::lock_active_owners(db, caller.org_id);
  auto user = sql::find_user(db, caller.org_id, id, true);
  if (!user) throw not_found();
  UserChange change{{user->email, user->name, user->role, false}, std::nullopt};
  keep_an_owner(caller, *user, change.fields, owners);
  if (user->active) save(db, *user, change);
  tx.commit();
}

}  // namespace construction::operations
