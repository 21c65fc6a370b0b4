// A session's row as the pages use it: the member read finds the user of a
// live session only (not another user's, not an ended one, not one past its
// lifetime), and a log-in deletes the rows past the lifetime.
#include <catch2/catch.hpp>

#include "operations/password.hpp"
#include "operations/sessions.hpp"
#include "sql/query.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

const std::string kNonce = "00112233445566778899aabbccddeeff";
const std::string kOtherNonce = "ffeeddccbbaa99887766554433221100";

std::optional<sql::Member> member(sql::Connection& db, const std::string& nonce,
                                  const sql::UserRecord& user) {
  return sql::fetch(db, sql::session_member_query(session_key(nonce), user.org_id, user.id,
                                                  user.session_epoch, kSessionLifetime));
}

// A user of the organisation "Session Org", made in `db`.
sql::UserRecord new_user(sql::Connection& db, const std::string& name, std::string_view role) {
  auto org = sql::find_or_create_organisation(db, "Session Org");
  return sql::insert_user(db, org.id,
                          {name + "@example.com", name, *domain::parse_role(role), true},
                          hash_password("a password"));
}

}  // namespace

TEST_CASE("a session's member is read only while the session is live", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord ann = new_user(db, "ann", "owner");
  sql::UserRecord bob = new_user(db, "bob", "field");
  CHECK_FALSE(member(db, kNonce, ann));  // no log-in, no session

  REQUIRE(begin_session(db, ann, kNonce));
  auto found = member(db, kNonce, ann);
  REQUIRE(found);
  CHECK(found->user.email == "ann@example.com");
  CHECK(found->org_name == "Session Org");
  // The key is the nonce's SHA-256: the nonce itself is stored nowhere.
  CHECK(session_key(kNonce).size() == 66);
  CHECK(scratch.scalar("SELECT count(*) FROM sessions WHERE key_hash = '\\x" + kNonce + "'") ==
        "0");
  // Another user's claim on the session, or another nonce, finds nobody.
  CHECK_FALSE(member(db, kNonce, bob));
  CHECK_FALSE(member(db, kOtherNonce, ann));

  // A day after its log-in the session is over, however it was used.
  scratch.exec("UPDATE sessions SET created_at = now() - interval '23 hours 59 minutes'");
  CHECK(member(db, kNonce, ann));
  scratch.exec("UPDATE sessions SET created_at = now() - interval '24 hours 1 minute'");
  CHECK_FALSE(member(db, kNonce, ann));

  // The next log-in deletes the rows past the lifetime (Ann's).
  REQUIRE(begin_session(db, bob, kOtherNonce));
  CHECK(scratch.scalar("SELECT count(*) FROM sessions") == "1");
  CHECK(member(db, kOtherNonce, bob));
  // Logging out ends a session; its row stays, ended, until its day is over.
  end_session(db, kOtherNonce);
  CHECK_FALSE(member(db, kOtherNonce, bob));
  REQUIRE(begin_session(db, bob, "0123456789abcdef0123456789abcdef"));
  CHECK(scratch.scalar("SELECT count(*) || ' ' || count(ended_at) FROM sessions") == "2 1");
}

// A log-in checks the password of the user as it read them; a change that
// commits before the session's row is made (a reset, a deactivation) leaves
// that log-in with no session.
TEST_CASE("a log-in of a user changed since the password was checked begins no session", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord ann = new_user(db, "ann", "owner");
  const std::int64_t org = ann.org_id;
  sql::UserRecord checked = ann;  // as the log-in read it
  sql::update_user(db, org, ann.id, {ann.email, ann.name, ann.role, true},
                   hash_password("a new password"));
  CHECK_FALSE(begin_session(db, checked, kNonce));
  CHECK_FALSE(member(db, kNonce, ann));
  CHECK(scratch.scalar("SELECT count(*) FROM sessions") == "0");

  sql::UserRecord now = *sql::find_user(db, org, ann.id);
  sql::update_user(db, org, ann.id, {ann.email, ann.name, ann.role, false}, std::nullopt);
  CHECK_FALSE(begin_session(db, now, kNonce));
  now.version += 1;  // the deactivated user as read after the change
  CHECK_FALSE(begin_session(db, now, kNonce));
  CHECK(scratch.scalar("SELECT count(*) FROM sessions") == "0");
}
