// /account as a browser without JavaScript uses it: a password change
// with the current password asked keeps this browser logged in (a new
// cookie) and shuts out every other session, every cookie of before and
// every API token; owners change roles and deactivate (and the user's
// cookie opens nothing after), create a token shown once and revoke it;
// a field user sees neither the team nor a link to Parties; an owner keeps
// the organisation's address, which heads its PDFs; every form refuses a
// POST without its CSRF token.
#include <catch2/catch.hpp>

#include "test/support/pdf_text.hpp"
#include "test/support/team_pages.hpp"

using namespace construction::testing;

namespace {

// The token on the page that answered its creation.
std::string shown_token(const std::string& body) {
  const std::string marker = "id=\"new-token-text\" readonly value=\"";
  auto at = body.find(marker);
  REQUIRE(at != std::string::npos);
  at += marker.size();
  return body.substr(at, body.find('"', at) - at);
}

}  // namespace

TEST_CASE("a password change keeps this browser in and shuts every other session and token out",
          "[process]") {
  std::string email = team_email("ann");
  PageClient here = team_member("Account Org A", email, "owner");
  PageClient phone(shared_page_server().port());
  REQUIRE(phone.log_in(email, kTeamPassword));
  REQUIRE(here.get("/account").status == 200);
  HttpResult created = here.post("/account/tokens", {{"name", "export"}});
  REQUIRE(created.status == 201);
  std::string token = shown_token(created.body);
  CHECK(api_status(token) == 200);
  // Shown once: the next page has no trace of it.
  CHECK(here.get("/account").body.find(token) == std::string::npos);

  // The current password is asked, and a wrong one changes nothing.
  HttpResult wrong = here.post("/account/profile", {{"name", "Ann"},
                                                    {"email", email},
                                                    {"new_password", "a new password"},
                                                    {"current_password", "not it"}});
  CHECK(wrong.status == 422);
  CHECK(wrong.body.find("Current password is not right") != std::string::npos);
  CHECK(here.post("/account/profile",
                  {{"name", "Ann"}, {"email", email}, {"new_password", "a new password"}})
            .status == 422);
  CHECK(opens_account(phone.session));

  std::string old_cookie = here.session;
  HttpResult saved = here.post("/account/profile", {{"name", "Ann"},
                                                    {"email", email},
                                                    {"new_password", "a new password"},
                                                    {"current_password", kTeamPassword}});
  CHECK(saved.status == 303);
  CHECK(saved.header("location") == "/account");
  CHECK(here.session != old_cookie);  // a fresh cookie
  CHECK(here.get("/account").status == 200);
  // The other browser, this browser's old cookie and the token: nothing.
  CHECK(phone.get("/account").header("location") == "/login");
  CHECK_FALSE(opens_account(old_cookie));
  CHECK(api_status(token) == 401);
  // The new password logs in; the old one does not.
  PageClient again(shared_page_server().port());
  CHECK_FALSE(again.log_in(email, kTeamPassword));
  CHECK(again.log_in(email, "a new password"));
}

TEST_CASE("a new name keeps every session", "[process]") {
  std::string email = team_email("bob");
  PageClient here = team_member("Account Org B", email, "manager");
  PageClient phone(shared_page_server().port());
  REQUIRE(phone.log_in(email, kTeamPassword));
  REQUIRE(here.get("/account").status == 200);
  HttpResult saved =
      here.post("/account/profile",
                {{"name", "Bob Builder"}, {"email", email}, {"current_password", kTeamPassword}});
  CHECK(saved.status == 303);
  CHECK(opens_account(phone.session));
  CHECK(here.get("/account").body.find("value=\"Bob Builder\"") != std::string::npos);
}

TEST_CASE("an owner changes a role and deactivates: the user's cookie opens nothing after",
          "[process]") {
  const std::string org = "Account Org C";
  PageClient owner = team_member(org, team_email("olive"), "owner");
  std::string mike_email = team_email("mike");
  PageClient mike = team_member(org, mike_email, "manager");
  REQUIRE(mike.get("/parties").status == 200);

  HttpResult team = owner.get("/account");
  REQUIRE(team.status == 200);
  CHECK(team.body.find(mike_email) != std::string::npos);
  std::string mike_id = id_in(team.body, "id=\"user-", true);
  std::string version =
      id_in(team.body.substr(team.body.find("id=\"user-" + mike_id)), "name=\"version\" value=\"");
  HttpResult demoted =
      owner.post("/account/users/" + mike_id + "/role", {{"role", "field"}, {"version", version}});
  CHECK(demoted.status == 303);
  CHECK_FALSE(opens_account(mike.session));

  PageClient field(shared_page_server().port());
  REQUIRE(field.log_in(mike_email, kTeamPassword));
  HttpResult home = field.get("/");
  CHECK(home.body.find("href=\"/parties\"") == std::string::npos);  // no link to a 403
  CHECK(home.body.find("href=\"/account\"") != std::string::npos);
  CHECK(field.get("/parties").status == 403);
  HttpResult own = field.get("/account");
  CHECK(own.status == 200);
  CHECK(own.body.find("id=\"team\"") == std::string::npos);
  CHECK(
      field.post("/account/invitations", {{"email", team_email("x")}, {"role", "owner"}}).status ==
      403);

  CHECK(owner.get("/account").status == 200);
  CHECK(owner.post("/account/users/" + mike_id + "/deactivate", {}).status == 303);
  CHECK_FALSE(opens_account(field.session));
  PageClient gone(shared_page_server().port());
  CHECK_FALSE(gone.log_in(mike_email, kTeamPassword));
}

TEST_CASE("the last owner cannot deactivate or demote themselves through the page", "[process]") {
  PageClient owner = team_member("Account Org D", team_email("olive"), "owner");
  HttpResult team = owner.get("/account");
  std::string own_id = id_in(team.body, "id=\"user-");
  CHECK(team.body.find("/account/users/" + own_id + "/deactivate") == std::string::npos);
  CHECK(owner.post("/account/users/" + own_id + "/deactivate", {}).status == 409);
  CHECK(owner.post("/account/users/" + own_id + "/role", {{"role", "manager"}}).status == 409);
  CHECK(owner.get("/account").body.find("Owner") != std::string::npos);
}

TEST_CASE("an owner revokes a token, and another organisation's ids are not found", "[process]") {
  PageClient owner = team_member("Account Org E", team_email("olive"), "owner");
  REQUIRE(owner.get("/account").status == 200);
  HttpResult created = owner.post("/account/tokens", {{"name", "script"}});
  std::string token = shown_token(created.body);
  std::string token_id = id_in(created.body, "id=\"token-");
  PageClient other = team_member("Account Org F", team_email("oscar"), "owner");
  REQUIRE(other.get("/account").status == 200);
  check_not_found(other, {}, {{"/account/tokens/" + token_id + "/revoke", {}}});
  CHECK(api_status(token) == 200);
  CHECK(owner.post("/account/tokens/" + token_id + "/revoke", {}).status == 303);
  CHECK(api_status(token) == 401);
}

TEST_CASE("an owner's address heads the organisation's PDFs, refused by its field when too long",
          "[process]") {
  const std::string org = "Account Org H";
  PageClient owner = team_member(org, team_email("hal"), "owner");
  auto address = [&] {
    return shared_page_server().db.scalar("SELECT address FROM organisations WHERE name = '" +
                                          org + "'");
  };
  HttpResult before = owner.get("/account");
  REQUIRE(before.status == 200);
  CHECK(before.body.find("<h2 id=\"organisation-heading\">Account Org H</h2>") !=
        std::string::npos);
  CHECK(before.body.find("autocomplete=\"street-address\"></textarea>") != std::string::npos);

  // As a browser's textarea sends it: CRLF, a blank line after.
  HttpResult saved = owner.post(
      "/account/organisation",
      {{"address", "400 Oak Avenue\r\nSpringfield, IL 62701\r\n\r\n"}, {"version", "1"}});
  REQUIRE(saved.status == 303);
  CHECK(saved.header("location") == "/account#organisation");
  CHECK(address() == "400 Oak Avenue\nSpringfield, IL 62701");
  CHECK(owner.get("/account").body.find(
            ">400 Oak Avenue\nSpringfield, IL 62701</textarea>") != std::string::npos);

  // Under the name at the top of a PDF (the job cost report of a project).
  std::string project = project_for_client(owner, "Hal's client", team_email("client"));
  HttpResult pdf = owner.get("/projects/" + project + "/budget.pdf");
  REQUIRE(pdf.status == 200);
  std::string text = pdf_text(pdf.body);
  INFO(text);
  auto name = text.find(org);
  REQUIRE(name != std::string::npos);
  auto street = text.find("400 Oak Avenue", name);
  REQUIRE(street != std::string::npos);
  CHECK(text.find("Springfield, IL 62701", street) != std::string::npos);

  // A form made before that save (version 1) shows the address as it is now.
  HttpResult stale =
      owner.post("/account/organisation", {{"address", "1 Old Road"}, {"version", "1"}});
  CHECK(stale.status == 409);
  CHECK(stale.body.find("Someone else changed the address meanwhile") != std::string::npos);
  CHECK(stale.body.find(">400 Oak Avenue\nSpringfield, IL 62701</textarea>") != std::string::npos);
  // Past 1 000 characters: refused beside the field, what was typed kept.
  HttpResult too_long = owner.post("/account/organisation",
                                   {{"address", std::string(1001, 'a')}, {"version", "2"}});
  CHECK(too_long.status == 422);
  CHECK(too_long.body.find("Address must be at most 1000 characters") != std::string::npos);
  CHECK(too_long.body.find(std::string(1001, 'a') + "</textarea>") != std::string::npos);
  CHECK(address() == "400 Oak Avenue\nSpringfield, IL 62701");

  // A manager neither sees the form nor may post it.
  PageClient manager = team_member(org, team_email("mia"), "manager");
  CHECK(manager.get("/account").body.find("id=\"organisation\"") == std::string::npos);
  CHECK(manager.post("/account/organisation", {{"address", "Elsewhere"}}).status == 403);
  CHECK(address() == "400 Oak Avenue\nSpringfield, IL 62701");
  CHECK(invalid_html({{"account", owner.get("/account").body}}).empty());
}

TEST_CASE("every form of the team pages refuses a POST without its CSRF token", "[process]") {
  PageClient owner = team_member("Account Org G", team_email("olive"), "owner");
  HttpResult team = owner.get("/account");
  std::string own_id = id_in(team.body, "id=\"user-");
  check_refused_without_csrf(
      owner, {{"/account/profile", {{"name", "X"}, {"current_password", kTeamPassword}}},
              {"/account/invitations", {{"email", team_email("x")}, {"role", "field"}}},
              {"/account/invitations/1/cancel", {}},
              {"/account/users/" + own_id + "/role", {{"role", "manager"}}},
              {"/account/users/" + own_id + "/deactivate", {}},
              {"/account/users/" + own_id + "/reactivate", {}},
              {"/account/tokens", {{"name", "x"}}},
              {"/account/tokens/1/revoke", {}}});
  PageClient visitor(shared_page_server().port());
  REQUIRE(visitor.get("/password-reset").status == 200);
  check_refused_without_csrf(visitor,
                             {{"/password-reset", {{"email", team_email("x")}}},
                              {"/password-reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                               {{"password", "a password"}}},
                              {"/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                               {{"name", "X"}, {"password", "a password"}}}});
  // Nothing was done: no address, no invitation, no reset asked.
  CHECK(shared_page_server().db.scalar(
            "SELECT address FROM organisations WHERE name = 'Account Org G'") == "");
  CHECK(shared_page_server().db.scalar(
            "SELECT count(*) FROM invitations i JOIN organisations o ON o.id = i.org_id "
            "WHERE o.name = 'Account Org G'") == "0");
  CHECK(owner.get("/account").status == 200);
  CHECK(invalid_html({{"account", owner.get("/account").body}}).empty());
}

TEST_CASE("a cookie sealed at an older session epoch opens nothing, though its row is live",
          "[process]") {
  std::string email = team_email("eve");
  PageClient client = team_member("Account Org H", email, "manager");
  REQUIRE(opens_account(client.session));
  ScratchDatabase& db = shared_page_server().db;
  db.exec("UPDATE users SET session_epoch = session_epoch + 1 WHERE email = '" + email + "'");
  CHECK(db.scalar("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
                  "WHERE u.email = '" +
                  email + "' AND s.ended_at IS NULL") == "1");
  CHECK_FALSE(opens_account(client.session));
  CHECK(client.get("/").header("location") == "/login");
}
