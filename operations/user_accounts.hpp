// The organisation's users, as owners manage them: add one, change one
// (email, name, role, password, active), deactivate one. Two rules hold
// under concurrency: the organisation keeps an active owner (every change
// locks the active owners first, so two owners demoting each other at once
// are serialised and the second is refused), and a new password, a new
// email, a new role or a deactivation ends every web session (row and
// cookie epoch) and revokes every API token of the user in the same
// transaction, for good: reactivating the user does not bring them back.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "operations/authentication.hpp"
#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

struct UserChange {
  sql::UserFields fields;
  std::optional<std::string> password;  // a new one, when given
};

sql::UserRecord create_user(sql::Connection& db, const Caller& caller,
                            const sql::UserFields& fields, const std::string& password);
// The same in organisation `org_id`, for the command line (seed-demo), which
// acts for nobody.
sql::UserRecord create_user(sql::Connection& db, std::int64_t org_id, const sql::UserFields& fields,
                            const std::string& password);
// The organisation called `name` (any case), made when there is none: how
// the command line names one.
sql::OrganisationRef organisation_named(sql::Connection& db, const std::string& name);
// `construction create-user`: the user in the organisation called
// `org_name`, made first when there is none, in one transaction (a user
// refused leaves no new organisation behind).
struct NewMember {
  sql::OrganisationRef organisation;
  sql::UserRecord user;
};
NewMember create_member(sql::Connection& db, const std::string& org_name,
                        const sql::UserFields& fields, const std::string& password);
// `read` gets the stored user and gives the change (or throws); not_found,
// stale_version at `expected_version`, invalid_state for the caller's own
// owner role, conflict when the caller is no longer an owner or the
// organisation would be left without one.
sql::UserRecord change_user(sql::Connection& db, const Caller& caller, std::int64_t id,
                            std::optional<int> expected_version,
                            const std::function<UserChange(const sql::UserRecord&)>& read);
void deactivate_user(sql::Connection& db, const Caller& caller, std::int64_t id);

}  // namespace construction::operations
