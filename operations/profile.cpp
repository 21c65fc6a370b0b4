#include "operations/profile.hpp"

#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/team_fields.hpp"
#include "sql/session_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

void check(const ProfileChange& change) {
  domain::FieldErrors errors;
  check_person_name(errors, "name", change.name, false);
  check_email(errors, "email", change.email);
  if (change.password) check_new_password(errors, "new_password", *change.password);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

}  // namespace

SavedProfile change_profile(sql::Connection& db, const sql::UserRecord& checked,
                            const ProfileChange& change) {
  check(change);
  // Hashed before the transaction: Argon2's tens of milliseconds hold no lock.
  std::optional<std::string> hash;
  if (change.password) hash = hash_password(*change.password);
  sql::Transaction tx(db);
  auto user = sql::find_user(db, checked.org_id, checked.id, true);
  if (!user || !user->active) throw not_found();
  check_version(checked.version, user->version);
  SavedProfile saved{sql::update_user(db, user->org_id, user->id,
                                      {change.email, change.name, user->role, true}, hash),
                     change.password.has_value() || !same_email_address(change.email, user->email)};
  if (saved.sign_ins_ended)
    saved.user.session_epoch = sql::end_user_sign_ins(db, user->org_id, user->id);
  tx.commit();
  return saved;
}

}  // namespace construction::operations
