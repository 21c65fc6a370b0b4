// How a user looks in the API. The password never leaves the server.
#pragma once

#include "api/json_writer.hpp"
#include "sql/user_store.hpp"

namespace construction::api {

void write_user(JsonWriter& w, const sql::UserRecord& user);

}  // namespace construction::api
