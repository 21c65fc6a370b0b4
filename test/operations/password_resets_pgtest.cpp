// "Forgot your password?" as the operations do it: the same answer and the
// same rows whether or not an account has the address (a reset row either
// way, an email only for an account), a link of 30 minutes used once,
// asking throttled by address typed and by client, and a reset that ends
// every session, cookie epoch and API token of the user.
#include <catch2/catch.hpp>

#include "operations/authentication.hpp"
#include "operations/password.hpp"
#include "operations/password_resets.hpp"
#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "operations/token.hpp"
#include "sql/query.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

const LinkMail<ResetWording> kMail{
    "https://app.example.com", [](const sql::ResetTarget& t, const std::string& link) {
      return MailText{"New password", t.user.email + " " + link, "<p>" + link + "</p>"};
    }};
const std::string kNonce = "00112233445566778899aabbccddeeff";

sql::UserRecord new_user(sql::Connection& db, const std::string& email) {
  auto org = sql::find_or_create_organisation(db, "Reset Org");
  return sql::insert_user(db, org.id, {email, "Ann", domain::Role::owner, true},
                          hash_password("old password"));
}

// The link of the last reset email.
std::string mailed_token(const ScratchDatabase& scratch) {
  std::string body = scratch.scalar("SELECT text_body FROM messages ORDER BY id DESC LIMIT 1");
  REQUIRE(body.find("https://app.example.com/password-reset/") != std::string::npos);
  return body.substr(body.rfind('/') + 1);
}

}  // namespace

TEST_CASE(
    "a reset link is asked for with the same answer whether or not the address has an "
    "account",
    "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  new_user(db, "ann@example.com");

  ResetRequest unknown = request_password_reset(db, "nobody@example.com", "10.0.0.1", kMail);
  ResetRequest known = request_password_reset(db, "ANN@example.com", "10.0.0.2", kMail);
  CHECK(unknown.retry_after == 0);
  CHECK(known.retry_after == 0);
  // A row each (the same statement wrote both), the unknown one for nobody;
  // an email only to the account.
  CHECK(scratch.scalar("SELECT string_agg(email || ':' || (user_id IS NOT NULL)::text || ':' || "
                       "address, ' ' ORDER BY id) FROM password_resets") ==
        "nobody@example.com:false:10.0.0.1 ANN@example.com:true:10.0.0.2");
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "1");
  CHECK(scratch.scalar("SELECT to_addresses[1] FROM messages") == "ann@example.com");
  std::string token = mailed_token(scratch);
  CHECK(token.size() == 43);
  // Only the hash is stored, and the link works 30 minutes.
  CHECK(scratch.scalar("SELECT count(*) FROM password_resets WHERE encode(token_hash, 'hex') = '" +
                       bytea_literal(hash_token(token)).substr(2) + "'") == "1");
  CHECK(scratch.scalar("SELECT max(expires_at - created_at) FROM password_resets") == "00:30:00");
  auto target = open_reset(db, token);
  REQUIRE(target);
  CHECK(target->user.email == "ann@example.com");
}

TEST_CASE("a reset link works for 30 minutes", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  new_user(db, "ann@example.com");
  request_password_reset(db, "ann@example.com", "10.0.0.1", kMail);
  std::string token = mailed_token(scratch);
  scratch.exec("UPDATE password_resets SET expires_at = now() + interval '1 minute'");
  CHECK(open_reset(db, token));
  scratch.exec("UPDATE password_resets SET expires_at = now() - interval '1 second'");
  CHECK_FALSE(open_reset(db, token));
  try {
    reset_password(db, token, "a new password");
    FAIL("an expired link reset the password");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::not_found);
  }
  auto login = sql::find_login(db, "ann@example.com");
  CHECK(verify_password("old password", login->password_hash));
}

TEST_CASE("a reset sets the password once and ends every sign-in of the user", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::UserRecord ann = new_user(db, "ann@example.com");
  REQUIRE(begin_session(db, ann, kNonce));
  auto token_text = issue_token(db, ann, "script");
  REQUIRE(token_text);
  REQUIRE(caller_of_token(db, token_text->text));

  request_password_reset(db, "ann@example.com", "10.0.0.1", kMail);
  std::string first = mailed_token(scratch);
  request_password_reset(db, "ann@example.com", "10.0.0.1", kMail);
  std::string second = mailed_token(scratch);

  CHECK_THROWS_AS(reset_password(db, second, "short"), Refusal);  // refused, not spent
  sql::UserRecord saved = reset_password(db, second, "a new password");
  CHECK(saved.session_epoch == ann.session_epoch + 1);
  auto login = sql::find_login(db, "ann@example.com");
  CHECK(verify_password("a new password", login->password_hash));

  // The session of before opens nothing, by its row and by its epoch;
  // the API token is revoked.
  CHECK_FALSE(sql::fetch(db, sql::session_member_query(session_key(kNonce), ann.org_id, ann.id,
                                                       ann.session_epoch, kSessionLifetime)));
  CHECK_FALSE(caller_of_token(db, token_text->text));
  // Used once; and the user's other open link is spent with it.
  CHECK_THROWS_AS(reset_password(db, second, "a third password"), Refusal);
  CHECK_FALSE(open_reset(db, first));
  CHECK(verify_password("a new password", sql::find_login(db, "ann@example.com")->password_hash));
}

TEST_CASE("asking for reset links is throttled by the address typed and by the client", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  new_user(db, "ann@example.com");
  // Three asks for one address, known or not, then a block, whatever the
  // client: the same for an account and for nobody's address.
  for (std::string email : {"ann@example.com", "nobody@example.com"}) {
    INFO(email);
    for (int ask = 1; ask <= 3; ++ask)
      CHECK(request_password_reset(db, email, "10.0.0." + std::to_string(ask), kMail).retry_after ==
            0);
    CHECK(request_password_reset(db, email, "10.0.0.9", kMail).retry_after == 60);
  }
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "3");
  CHECK(scratch.scalar("SELECT count(*) FROM password_resets") == "6");

  // Ten asks from one client over many addresses, then that client waits.
  for (int ask = 1; ask <= 10; ++ask)
    CHECK(
        request_password_reset(db, "user" + std::to_string(ask) + "@example.com", "10.0.1.1", kMail)
            .retry_after == 0);
  CHECK(request_password_reset(db, "user11@example.com", "10.0.1.1", kMail).retry_after == 60);
  CHECK(request_password_reset(db, "user11@example.com", "10.0.1.2", kMail).retry_after == 0);

  // Asking never blocks a log-in.
  CHECK(log_in(db, "ann@example.com", "old password", {"10.0.0.9", std::nullopt}).outcome ==
        LogIn::Outcome::ok);
}

TEST_CASE("without PUBLIC_URL asking for a link is refused alike for every address", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  new_user(db, "ann@example.com");
  for (std::string email : {"ann@example.com", "nobody@example.com"}) {
    INFO(email);
    try {
      request_password_reset(db, email, "10.0.0.1", {"", kMail.wording});
      FAIL("a link was made without PUBLIC_URL");
    } catch (const Refusal& refusal) {
      CHECK(refusal.kind == Refusal::Kind::invalid_state);
    }
  }
  CHECK(scratch.scalar("SELECT count(*) FROM password_resets") == "0");
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "0");
}
