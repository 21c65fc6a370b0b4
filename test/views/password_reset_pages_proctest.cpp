// "Forgot your password?" through the pages: the same page for an address
// with an account and for one without, a link by email that spends nothing
// when opened, a new password that ends every session (the old cookie
// opens nothing) and API token, a link used once, and asking throttled.
#include <catch2/catch.hpp>

#include "test/support/team_pages.hpp"

using namespace construction::testing;

namespace {

// The page after asking, with the address typed taken out.
std::string answer_without(const HttpResult& answer, const std::string& email) {
  std::string body = answer.body;
  for (auto at = body.find(email); at != std::string::npos; at = body.find(email))
    body.erase(at, email.size());
  // The CSRF token is the visitor's own.
  auto csrf = body.find("name=\"csrf_token\" value=\"");
  if (csrf != std::string::npos) body.erase(csrf, 90);
  auto hx = body.find("X-CSRF-Token");
  if (hx != std::string::npos) body.erase(hx, 80);
  return body;
}

}  // namespace

TEST_CASE(
    "asking for a reset link answers the same page whether or not the address has an "
    "account",
    "[process]") {
  std::string email = team_email("ann");
  team_member("Reset Org A", email, "owner");
  std::string nobody = team_email("nobody");

  PageClient visitor(shared_page_server().port());
  HttpResult login = visitor.get("/login");
  CHECK(login.body.find("href=\"/password-reset\"") != std::string::npos);
  REQUIRE(visitor.get("/password-reset").status == 200);
  HttpResult known = visitor.post("/password-reset", {{"email", email}});
  REQUIRE(visitor.get("/password-reset").status == 200);
  HttpResult unknown = visitor.post("/password-reset", {{"email", nobody}});
  CHECK(known.status == 200);
  CHECK(unknown.status == 200);
  CHECK(known.body.find("Check your email") != std::string::npos);
  CHECK(answer_without(known, email) == answer_without(unknown, nobody));
  CHECK(known.set_cookies.size() == unknown.set_cookies.size());
  CHECK(!mailed_link(email).empty());
  CHECK(mailed_link(nobody).empty());
}

TEST_CASE("a reset link sets a new password once and the old session opens nothing", "[process]") {
  std::string email = team_email("ann");
  PageClient office = team_member("Reset Org B", email, "owner");
  REQUIRE(office.get("/account").status == 200);
  HttpResult created = office.post("/account/tokens", {{"name", "script"}});
  REQUIRE(created.status == 201);
  std::string marker = "id=\"new-token-text\" readonly value=\"";
  std::string token = created.body.substr(created.body.find(marker) + marker.size(), 47);
  CHECK(api_status(token) == 200);

  PageClient visitor(shared_page_server().port());
  REQUIRE(visitor.get("/password-reset").status == 200);
  REQUIRE(visitor.post("/password-reset", {{"email", email}}).status == 200);
  std::string link = mailed_link(email);
  REQUIRE(link.starts_with("/password-reset/"));

  REQUIRE(visitor.get(link).status == 200);  // opening spends nothing
  HttpResult form = visitor.get(link);
  CHECK(form.status == 200);
  CHECK(invalid_html({{"choose", form.body}}).empty());
  CHECK(visitor.post(link, {{"password", "short"}}).status == 422);
  HttpResult saved = visitor.post(link, {{"password", "a brand new password"}});
  CHECK(saved.status == 303);
  CHECK(saved.header("location") == "/login");

  // The office's session: its next page is the log-in; its token is revoked.
  HttpResult after = office.get("/account");
  CHECK(after.status == 303);
  CHECK(after.header("location") == "/login");
  CHECK(api_status(token) == 401);
  // Used once.
  CHECK(visitor.get(link).status == 404);
  CHECK(visitor.post(link, {{"password", "a third password"}}).status == 404);
  PageClient again(shared_page_server().port());
  CHECK(again.log_in(email, "a brand new password"));
}

TEST_CASE("asking for reset links is throttled like log-ins, for any address", "[process]") {
  for (std::string email : {team_email("ann"), team_email("nobody")}) {
    INFO(email);
    if (email.starts_with("ann")) team_member("Reset Org C", email, "owner");
    PageClient visitor(shared_page_server().port());
    int status = 200;
    int asks = 0;
    while (status == 200 && asks < 10) {
      visitor.get("/password-reset");
      HttpResult answer = visitor.post("/password-reset", {{"email", email}}, true,
                                       {{"X-Forwarded-For", "10.9.0." + std::to_string(asks)}});
      status = answer.status;
      ++asks;
      if (status == 429) {
        CHECK(answer.header("retry-after") == "60");
        CHECK(answer.body.find("Too many links asked for") != std::string::npos);
      }
    }
    CHECK(status == 429);
    CHECK(asks == 4);
  }
}
