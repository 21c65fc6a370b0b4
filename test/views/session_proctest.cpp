// Sessions that end (views/session.hpp, operations/sessions.hpp): a cookie
// saved before logging out opens nothing and writes nothing afterwards; a
// session ends a day after its log-in however busy it is kept; and a
// password change, a deactivation or a role change ends every session and
// every API token of that user. Through the real server, as a browser and
// an API client would, each keeping what it was given before the change.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/api_server.hpp"
#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

constexpr const char* kPassword = "correct horse battery";
const std::map<std::string, std::string> kHtmx = {{"HX-Request", "true"}};

std::string new_email(const std::string& who) {
  static int n = 0;
  return who + "-session" + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
}

// A page answered as to a visitor who is not logged in: to /login.
bool sent_to_login(const HttpResult& page) {
  if (page.status == 303) return page.header("location") == "/login";
  return page.status == 200 && page.header("hx-redirect") == "/login";
}

HttpResult api(const std::string& method, const std::string& path, const std::string& token,
               const std::string& json = "") {
  std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return http_request(shared_page_server().port(), method, path, json, headers, 10000);
}

// A token by log-in, as a script would get one.
std::string api_token(const std::string& email, const std::string& password) {
  HttpResult made = api("POST", "/api/v1/auth/tokens", "",
                        R"({"email":")" + email + R"(","password":")" + password + "\"}");
  INFO(made.body);
  REQUIRE(made.status == 201);
  return at(made, "token");
}

std::string party_count(const std::string& name) {
  return shared_page_server().db.scalar("SELECT count(*) FROM parties WHERE name = '" + name + "'");
}

// An owner with a token and a manager logged in twice (a phone and an
// office computer) with a token of their own: what a change to the manager
// must end.
struct Team {
  std::string owner_token;
  std::string email;
  std::string id;
  PageClient phone;
  PageClient office;
  std::string token;
};

Team new_team(const std::string& org) {
  PageServer& server = shared_page_server();
  std::string owner = new_email("owner");
  std::string manager = new_email("manager");
  server.add_user(org, owner, kPassword, "owner");
  server.add_user(org, manager, kPassword, "manager");
  Team team{api_token(owner, kPassword),
            manager,
            "",
            PageClient(server.port()),
            PageClient(server.port()),
            api_token(manager, kPassword)};
  REQUIRE(team.phone.log_in(manager, kPassword));
  REQUIRE(team.office.log_in(manager, kPassword));
  team.id = at(api("GET", "/api/v1/me", team.token), "user.id");
  REQUIRE(!team.id.empty());
  return team;
}

// Neither browser's cookie opens a page or writes, and the token is 401.
void check_ended(Team& team, const std::string& party) {
  for (PageClient* browser : {&team.phone, &team.office}) {
    PageClient saved = *browser;  // the cookie as it was, whatever comes back
    CHECK(sent_to_login(saved.get("/")));
    saved = *browser;
    CHECK(sent_to_login(saved.get("/projects", kHtmx)));
    saved = *browser;
    CHECK(sent_to_login(saved.post("/parties", {{"kind", "client"}, {"name", party}})));
  }
  CHECK(party_count(party) == "0");
  HttpResult me = api("GET", "/api/v1/me", team.token);
  CHECK(me.status == 401);
  CHECK(api("GET", "/api/v1/projects", team.token).status == 401);
}

}  // namespace

TEST_CASE("after logout, the cookie saved before it opens no page and writes nothing",
          "[process]") {
  PageServer& server = shared_page_server();
  std::string email = new_email("logout");
  server.add_user("Logout org " + email, email, kPassword);
  PageClient browser(server.port());
  REQUIRE(browser.log_in(email, kPassword));
  REQUIRE(browser.post("/parties", {{"kind", "client"}, {"name", "Before Logout"}}).status == 303);
  REQUIRE(browser.get("/parties").status == 200);
  const PageClient saved = browser;  // its cookie and CSRF token, copied by a thief

  HttpResult out = browser.post("/logout", {});
  REQUIRE(out.status == 303);
  CHECK(out.header("location") == "/login");

  for (const std::string path : {"/", "/projects", "/parties"}) {
    INFO(path);
    PageClient thief = saved;
    CHECK(sent_to_login(thief.get(path)));
    thief = saved;
    CHECK(sent_to_login(thief.get(path, kHtmx)));
  }
  PageClient thief = saved;
  HttpResult post = thief.post("/parties", {{"kind", "client"}, {"name", "After Logout"}});
  CHECK(sent_to_login(post));
  thief = saved;
  CHECK(sent_to_login(
      thief.post("/parties", {{"kind", "client"}, {"name", "After Logout"}}, true, kHtmx)));
  CHECK(party_count("After Logout") == "0");
  CHECK(party_count("Before Logout") == "1");

  // Logging in again is a new session, which works.
  REQUIRE(browser.log_in(email, kPassword));
  CHECK(browser.post("/parties", {{"kind", "client"}, {"name", "After Logout"}}).status == 303);
  CHECK(party_count("After Logout") == "1");
}

TEST_CASE("a session ends a day after its log-in, however often it is used", "[process]") {
  PageServer& server = shared_page_server();
  std::string email = new_email("lifetime");
  server.add_user("Lifetime org " + email, email, kPassword);
  PageClient browser(server.port());
  REQUIRE(browser.log_in(email, kPassword));
  const std::string older_by =
      "UPDATE sessions SET created_at = created_at - interval '{}' WHERE user_id = (SELECT id "
      "FROM users WHERE email = '" +
      email + "')";
  auto age = [&](const std::string& interval) {
    std::string sql = older_by;
    sql.replace(sql.find("{}"), 2, interval);
    server.db.exec(sql);
  };
  // Used all day (the cookie re-signed each minute, never idle), 23 hours on.
  age("23 hours");
  CHECK(browser.get("/").status == 200);
  age("61 minutes");
  CHECK(sent_to_login(browser.get("/")));
  CHECK(sent_to_login(browser.get("/projects")));
}

TEST_CASE("a password change ends every session and every API token of the user", "[process]") {
  Team team = new_team("Password org " + new_email("org"));
  REQUIRE(team.phone.get("/").status == 200);
  REQUIRE(api("GET", "/api/v1/me", team.token).status == 200);

  HttpResult changed = api("PATCH", "/api/v1/users/" + team.id, team.owner_token,
                           R"({"password":"a new password, changed"})");
  INFO(changed.body);
  REQUIRE(changed.status == 200);
  check_ended(team, "After Password Change");

  // The new password opens a new session and makes a new token.
  PageClient again(shared_page_server().port());
  CHECK(again.log_in(team.email, "a new password, changed"));
  CHECK(api("GET", "/api/v1/me", api_token(team.email, "a new password, changed")).status == 200);
  // The owner's own session and token are not the manager's: untouched.
  CHECK(api("GET", "/api/v1/me", team.owner_token).status == 200);
}

TEST_CASE("a role change ends every session and every API token of the user", "[process]") {
  Team team = new_team("Role org " + new_email("org"));
  HttpResult changed =
      api("PATCH", "/api/v1/users/" + team.id, team.owner_token, R"({"role":"field"})");
  INFO(changed.body);
  REQUIRE(changed.status == 200);
  check_ended(team, "After Role Change");
  PageClient again(shared_page_server().port());
  CHECK(again.log_in(team.email, kPassword));
}

TEST_CASE("a deactivation ends every session for good: reactivating revives none", "[process]") {
  Team team = new_team("Deactivation org " + new_email("org"));
  REQUIRE(api("DELETE", "/api/v1/users/" + team.id, team.owner_token).status == 204);
  check_ended(team, "After Deactivation");
  HttpResult back =
      api("PATCH", "/api/v1/users/" + team.id, team.owner_token, R"({"active":true})");
  INFO(back.body);
  REQUIRE(back.status == 200);
  check_ended(team, "After Reactivation");
  PageClient again(shared_page_server().port());
  CHECK(again.log_in(team.email, kPassword));
}
