// A token is issued for the user as the log-in found them: one racing a
// password change, a role change or a deactivation is either made before
// it (and revoked by it) or not made.
#include <catch2/catch.hpp>

#include "operations/authentication.hpp"
#include "operations/password.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

TEST_CASE("a token for a user changed since the password was checked is not issued", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Token Org");
  sql::UserRecord ann =
      sql::insert_user(db, org.id, {"ann@example.com", "Ann", domain::Role::owner, true},
                       hash_password("a password"));
  auto issued = issue_token(db, ann, "laptop");
  REQUIRE(issued);
  CHECK(caller_of_token(db, issued->text));

  sql::update_user(db, org.id, ann.id, {ann.email, ann.name, domain::Role::manager, true},
                   std::nullopt);
  CHECK_FALSE(issue_token(db, ann, "script"));  // `ann` as read before the change
  sql::UserRecord now = *sql::find_user(db, org.id, ann.id);
  REQUIRE(issue_token(db, now, "script"));
  sql::update_user(db, org.id, ann.id, {ann.email, ann.name, domain::Role::manager, false},
                   std::nullopt);
  now.version += 1;
  CHECK_FALSE(issue_token(db, now, "script"));
  CHECK(scratch.scalar("SELECT count(*) FROM api_tokens") == "2");
}
