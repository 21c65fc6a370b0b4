// An invitation through the pages: the owner invites by email with a
// role, the email is queued with a link on PUBLIC_URL (never the request's
// Host), opening the link spends nothing, accepting it makes the user and
// logs them in, and the link then opens nothing.
#include <catch2/catch.hpp>

#include "test/support/team_pages.hpp"

using namespace construction::testing;

TEST_CASE("an owner invites a user who accepts, logs in and sees their role's pages", "[process]") {
  PageClient owner = team_member("Invite Org A", team_email("olive"), "owner");
  REQUIRE(owner.get("/account").status == 200);
  std::string email = team_email("fay");
  HttpResult invited = owner.post("/account/invitations", {{"email", email}, {"role", "field"}},
                                  true, {{"Host", "evil.example"}});
  CHECK(invited.status == 303);
  HttpResult team = owner.get("/account");
  CHECK(team.body.find("<td>" + email + "</td><td>Field</td>") != std::string::npos);

  std::string link = mailed_link(email);
  REQUIRE(link.starts_with("/invitations/"));
  CHECK(shared_page_server().db.scalar(
            "SELECT count(*) FROM messages WHERE text_body LIKE '%evil.example%'") == "0");

  // Opening it twice spends nothing.
  PageClient fay(shared_page_server().port());
  REQUIRE(fay.get(link).status == 200);
  HttpResult page = fay.get(link);
  CHECK(page.status == 200);
  CHECK(page.body.find("Join Invite Org A") != std::string::npos);
  CHECK(invalid_html({{"accept", page.body}}).empty());

  HttpResult refused = fay.post(link, {{"name", ""}, {"password", "short"}});
  CHECK(refused.status == 422);
  CHECK(refused.body.find("Password must be at least 8 characters") != std::string::npos);
  HttpResult accepted = fay.post(link, {{"name", "Fay Field"}, {"password", "fay's password"}});
  CHECK(accepted.status == 303);
  CHECK(accepted.header("location") == "/");
  HttpResult home = fay.get("/");
  CHECK(home.status == 200);
  CHECK(home.body.find("Fay Field") != std::string::npos);
  CHECK(home.body.find("href=\"/parties\"") == std::string::npos);
  CHECK(fay.get("/parties").status == 403);

  // Used: the link opens nothing, and accepts nothing.
  PageClient mallory(shared_page_server().port());
  HttpResult spent = mallory.get(link);
  CHECK(spent.status == 404);
  CHECK(spent.body.find("This invitation is not valid") != std::string::npos);
  REQUIRE(mallory.get("/login").status == 200);  // a CSRF token of the visitor's own
  CHECK(mallory.post(link, {{"name", "M"}, {"password", "another password"}}).status == 404);
  // And the new user logs in with their password.
  PageClient again(shared_page_server().port());
  CHECK(again.log_in(email, "fay's password"));
}

TEST_CASE("an invitation to an address that has an account is refused beside the field",
          "[process]") {
  std::string taken = team_email("taken");
  team_member("Invite Org B", taken, "manager");
  PageClient owner = team_member("Invite Org C", team_email("olive"), "owner");
  REQUIRE(owner.get("/account").status == 200);
  HttpResult refused = owner.post("/account/invitations", {{"email", taken}, {"role", "field"}});
  CHECK(refused.status == 422);
  CHECK(refused.body.find("Email already belongs to a user") != std::string::npos);
  CHECK(refused.body.find("value=\"" + taken + "\"") != std::string::npos);
  CHECK(mailed_link(taken).empty());
}
