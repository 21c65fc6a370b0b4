// Invitations as owners send them and people accept them: the email is
// queued with the invitation (the link in it, built on PUBLIC_URL), only
// the token's SHA-256 is stored, the link works for seven days and once,
// a newer invitation or a cancellation ends it, and an address that has an
// account is refused up front.
#include <catch2/catch.hpp>

#include "operations/invitations.hpp"
#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/token.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

const LinkMail<InvitationWording> kMail{
    "https://app.example.com/", [](const sql::InvitationRecord& i, const std::string& link) {
      return MailText{
          "Join " + i.org_name,
          "Join " + i.org_name + " as " + std::string(domain::to_string(i.role)) + ": " + link,
          "<p>" + link + "</p>"};
    }};

Caller owner_of(sql::Connection& db, const std::string& org_name) {
  auto org = sql::find_or_create_organisation(db, org_name);
  auto owner = sql::insert_user(
      db, org.id, {"owner@" + org_name + ".example", "Olive Owner", domain::Role::owner, true},
      hash_password("owner password"));
  return {owner.id, org.id, 0, domain::Role::owner};
}

std::string token_of(const std::string& link) {
  return link.substr(link.rfind('/') + 1);
}

}  // namespace

TEST_CASE("an invitation queues its email and stores only its token's hash", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  IssuedInvitation issued = invite_user(db, owner, "Fay@Field.example", domain::Role::field, kMail);

  CHECK(issued.link.starts_with("https://app.example.com/invitations/"));
  std::string token = token_of(issued.link);
  CHECK(token.size() == 43);  // 256 random bits in base64url
  CHECK(issued.invitation.email == "Fay@Field.example");
  CHECK(issued.invitation.role == domain::Role::field);
  CHECK(issued.invitation.invited_by_name == "Olive Owner");
  // The token is nowhere in the table; its SHA-256 is.
  CHECK(scratch.scalar("SELECT count(*) FROM invitations WHERE position('" + token +
                       "' IN encode(token_hash, 'escape')) > 0") == "0");
  CHECK(scratch.scalar("SELECT encode(token_hash, 'hex') FROM invitations") ==
        bytea_literal(hash_token(token)).substr(2));
  // Seven days, by the database's clock.
  CHECK(scratch.scalar("SELECT expires_at - created_at FROM invitations") == "7 days");
  // One message, to the invitee, holding the link.
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "1");
  CHECK(scratch.scalar("SELECT to_addresses[1] || ' ' || subject FROM messages") ==
        "Fay@Field.example Join acme");
  CHECK(scratch.scalar("SELECT text_body FROM messages") == "Join acme as field: " + issued.link);

  auto open = open_invitation(db, token);
  REQUIRE(open);
  CHECK(open->org_name == "acme");
  CHECK_FALSE(open_invitation(db, token.substr(1) + "A"));
  CHECK_FALSE(open_invitation(db, "not a token"));
}

TEST_CASE("accepting an invitation makes the user once and spends the link", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  std::string token =
      token_of(invite_user(db, owner, "fay@field.example", domain::Role::manager, kMail).link);

  // The name and password are checked first; nothing is spent by a refusal.
  try {
    accept_invitation(db, token, {"", "short"});
    FAIL("accepted with no name and a short password");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::invalid_fields);
    CHECK(refusal.fields.has("name"));
    CHECK(refusal.fields.has("password"));
  }
  REQUIRE(open_invitation(db, token));

  sql::UserRecord fay = accept_invitation(db, token, {"Fay Field", "fay's password"});
  CHECK(fay.email == "fay@field.example");
  CHECK(fay.role == domain::Role::manager);
  CHECK(fay.org_id == owner.org_id);
  auto login = sql::find_login(db, "fay@field.example");
  REQUIRE(login);
  CHECK(verify_password("fay's password", login->password_hash));
  CHECK(scratch.scalar("SELECT user_id = " + std::to_string(fay.id) +
                       " AND accepted_at IS NOT NULL FROM invitations") == "t");

  // Single use: the same link opens nothing and accepts nothing.
  CHECK_FALSE(open_invitation(db, token));
  try {
    accept_invitation(db, token, {"Mallory", "another password"});
    FAIL("an invitation was accepted twice");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::not_found);
  }
  CHECK(scratch.scalar("SELECT count(*) FROM users") == "2");
}

TEST_CASE("an invitation expires after seven days", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  std::string token =
      token_of(invite_user(db, owner, "fay@field.example", domain::Role::field, kMail).link);
  scratch.exec(
      "UPDATE invitations SET created_at = now() - interval '6 days 23 hours', "
      "expires_at = now() + interval '1 hour'");
  CHECK(open_invitation(db, token));
  scratch.exec(
      "UPDATE invitations SET created_at = now() - interval '7 days 1 minute', "
      "expires_at = now() - interval '1 minute'");
  CHECK_FALSE(open_invitation(db, token));
  CHECK_THROWS_AS(accept_invitation(db, token, {"Fay", "fay's password"}), Refusal);
  CHECK(scratch.scalar("SELECT count(*) FROM users") == "1");
}

TEST_CASE("a newer invitation or a cancellation ends the one before", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  auto first = invite_user(db, owner, "fay@field.example", domain::Role::field, kMail);
  auto second = invite_user(db, owner, "FAY@field.example", domain::Role::manager, kMail);
  CHECK_FALSE(open_invitation(db, token_of(first.link)));
  CHECK(open_invitation(db, token_of(second.link)));
  CHECK(sql::open_invitations(db, owner.org_id).size() == 1);

  // Another organisation's owner cancels nothing of this one.
  Caller other = owner_of(db, "other");
  CHECK_THROWS_AS(cancel_invitation(db, other, second.invitation.id), Refusal);
  cancel_invitation(db, owner, second.invitation.id);
  CHECK_FALSE(open_invitation(db, token_of(second.link)));
  CHECK_THROWS_AS(cancel_invitation(db, owner, second.invitation.id), Refusal);
}

TEST_CASE("an address that has an account is refused, and a bad one too", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  for (std::string email : {"OWNER@acme.example", "not an address", "a@b"}) {
    INFO(email);
    try {
      invite_user(db, owner, email, domain::Role::field, kMail);
      FAIL("invited");
    } catch (const Refusal& refusal) {
      CHECK(refusal.kind == Refusal::Kind::invalid_fields);
      CHECK(refusal.fields.has("email"));
    }
  }
  CHECK(scratch.scalar("SELECT count(*) FROM invitations") == "0");
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "0");
}

TEST_CASE("without PUBLIC_URL nothing is invited: a link needs the site's address", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Caller owner = owner_of(db, "acme");
  try {
    invite_user(db, owner, "fay@field.example", domain::Role::field, {"", kMail.wording});
    FAIL("invited without PUBLIC_URL");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::invalid_state);
    CHECK(std::string(refusal.what()).find("PUBLIC_URL") != std::string::npos);
  }
  CHECK(scratch.scalar("SELECT count(*) FROM invitations") == "0");
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "0");
}
