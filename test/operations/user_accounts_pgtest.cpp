// An owner's changes to a user end that user's sign-ins when they change
// who the user is: a new role, a new email and a deactivation move the
// session epoch on, end the session rows and revoke the API tokens; a new name
// ends nothing. The organisation keeps its last active owner.
#include <catch2/catch.hpp>

#include "operations/authentication.hpp"
#include "operations/password.hpp"
#include "operations/profile.hpp"
#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "operations/user_accounts.hpp"
#include "sql/query.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

const std::string kNonce = "00112233445566778899aabbccddeeff";

sql::UserRecord new_user(sql::Connection& db, const std::string& name, domain::Role role) {
  auto org = sql::find_or_create_organisation(db, "Team Org");
  return sql::insert_user(db, org.id, {name + "@example.com", name, role, true},
                          hash_password("a password"));
}

Caller caller_of(const sql::UserRecord& user) {
  return {user.id, user.org_id, 0, user.role};
}

// Whether a session begun for `user` as it was, and an API token of theirs,
// still open anything.
struct SignIns {
  std::string nonce;
  std::string token;
};
SignIns sign_in(sql::Connection& db, const sql::UserRecord& user, const std::string& nonce) {
  REQUIRE(begin_session(db, user, nonce));
  auto token = issue_token(db, user, "script");
  REQUIRE(token);
  return {nonce, token->text};
}
bool session_open(sql::Connection& db, const sql::UserRecord& user, const std::string& nonce,
                  int epoch) {
  return sql::fetch(db, sql::session_member_query(session_key(nonce), user.org_id, user.id, epoch,
                                                  kSessionLifetime))
      .has_value();
}

sql::UserRecord change(sql::Connection& db, const sql::UserRecord& owner, std::int64_t id,
                       const std::function<void(sql::UserFields&)>& edit) {
  return change_user(db, caller_of(owner), id, std::nullopt, [&](const sql::UserRecord& user) {
    UserChange c{{user.email, user.name, user.role, user.active}, std::nullopt};
    edit(c.fields);
    return c;
  });
}

}  // namespace

TEST_CASE("a new role, email or deactivation ends every sign-in, a new name nothing", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord olive = new_user(db, "olive", domain::Role::owner);
  sql::UserRecord mike = new_user(db, "mike", domain::Role::manager);
  SignIns before = sign_in(db, mike, kNonce);

  sql::UserRecord renamed = change(db, olive, mike.id, [](auto& f) { f.name = "Michael"; });
  CHECK(renamed.session_epoch == mike.session_epoch);
  CHECK(session_open(db, mike, kNonce, mike.session_epoch));
  CHECK(caller_of_token(db, before.token));

  // An owner's change of the address ends them too (reset links go there now).
  sql::UserRecord moved = change(db, olive, mike.id, [](auto& f) { f.email = "mike@new.example"; });
  CHECK(moved.session_epoch == mike.session_epoch + 1);
  CHECK_FALSE(session_open(db, mike, kNonce, mike.session_epoch));
  CHECK_FALSE(caller_of_token(db, before.token));
  mike = moved;
  before = sign_in(db, mike, "0123456789abcdef0123456789abcdef");

  sql::UserRecord field = change(db, olive, mike.id, [](auto& f) { f.role = domain::Role::field; });
  CHECK(field.session_epoch == mike.session_epoch + 1);
  CHECK_FALSE(session_open(db, mike, before.nonce, mike.session_epoch));
  CHECK_FALSE(caller_of_token(db, before.token));

  // The epoch alone shuts a cookie out: a live row of the old epoch opens
  // nothing, and the same row at the new epoch does.
  SignIns again = sign_in(db, field, "ffeeddccbbaa99887766554433221100");
  CHECK(session_open(db, field, again.nonce, field.session_epoch));
  CHECK_FALSE(session_open(db, field, again.nonce, field.session_epoch - 1));

  deactivate_user(db, caller_of(olive), mike.id);
  CHECK_FALSE(session_open(db, field, again.nonce, field.session_epoch));
  CHECK_FALSE(session_open(db, field, again.nonce, field.session_epoch + 1));
  CHECK_FALSE(caller_of_token(db, again.token));
  CHECK(scratch.scalar("SELECT session_epoch FROM users WHERE id = " + std::to_string(mike.id)) ==
        std::to_string(field.session_epoch + 1));
}

TEST_CASE("the last active owner stays", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord olive = new_user(db, "olive", domain::Role::owner);
  sql::UserRecord oscar = new_user(db, "oscar", domain::Role::owner);
  // Olive may not demote or deactivate herself; she may deactivate Oscar,
  // and then Oscar (were he still in) could not deactivate her.
  CHECK_THROWS_AS(deactivate_user(db, caller_of(olive), olive.id), Refusal);
  CHECK_THROWS_AS(change(db, olive, olive.id, [](auto& f) { f.role = domain::Role::manager; }),
                  Refusal);
  deactivate_user(db, caller_of(olive), oscar.id);
  try {
    deactivate_user(db, caller_of(oscar), olive.id);
    FAIL("a deactivated owner deactivated the last one");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::conflict);
  }
  CHECK(scratch.scalar("SELECT count(*) FROM users WHERE role = 'owner' AND active") == "1");
}

TEST_CASE("a user's own new password or email ends every sign-in, a new name nothing", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord ann = new_user(db, "ann", domain::Role::field);
  SignIns before = sign_in(db, ann, kNonce);

  SavedProfile named = change_profile(db, ann, {"Ann Field", ann.email, std::nullopt});
  CHECK_FALSE(named.sign_ins_ended);
  CHECK(named.user.name == "Ann Field");
  CHECK(session_open(db, ann, kNonce, ann.session_epoch));

  // A change against the version read before the rename is stale.
  try {
    change_profile(db, ann, {"Ann", ann.email, std::nullopt});
    FAIL("a stale change was saved");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::stale_version);
  }

  SavedProfile moved =
      change_profile(db, named.user, {"Ann Field", "ANN@example.com", std::nullopt});
  CHECK_FALSE(moved.sign_ins_ended);  // the same address in another case
  SavedProfile changed =
      change_profile(db, moved.user, {"Ann Field", "ann@new.example", "a new password"});
  CHECK(changed.sign_ins_ended);
  CHECK(changed.user.session_epoch == ann.session_epoch + 1);
  CHECK_FALSE(session_open(db, ann, kNonce, ann.session_epoch));
  CHECK_FALSE(caller_of_token(db, before.token));
  CHECK(verify_password("a new password", sql::find_login(db, "ann@new.example")->password_hash));

  try {
    change_profile(db, changed.user, {"", "not an address", "short"});
    FAIL("bad fields were saved");
  } catch (const Refusal& refusal) {
    CHECK(refusal.fields.has("email"));
    CHECK(refusal.fields.has("new_password"));
  }
}
