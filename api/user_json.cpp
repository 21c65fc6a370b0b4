#include "api/user_json.hpp"

#include "api/rfc3339.hpp"

namespace construction::api {

void write_user(JsonWriter& w, const sql::UserRecord& user) {
  w.begin_object()
      .num("id", user.id)
      .str("email", user.email)
      .str("name", user.name)
      .str("role", to_string(user.role))
      .flag("active", user.active)
      .num("version", user.version)
      .str("created_at", rfc3339(user.created_at))
      .str("updated_at", rfc3339(user.updated_at))
      .end_object();
}

}  // namespace construction::api
