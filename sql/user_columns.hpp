// A user's columns as every store that hands up a sql::UserRecord selects
// them (from `users u`), and the record read from them: one list, so that a
// column added to users is read everywhere a user is.
#pragma once

#include "sql/result.hpp"
#include "sql/time_columns.hpp"
#include "sql/user_store.hpp"

#define SQL_USER_COLUMNS \
  "u.id, u.org_id, u.email, u.name, u.role, u.active, u.version, " SQL_UNIX_SECONDS( \
      "u.created_at") " AS created_at, " SQL_UNIX_SECONDS("u.updated_at") " AS updated_at, " \
                      "u.session_epoch"

namespace construction::sql {

UserRecord user_from(const Row& row);

}  // namespace construction::sql
