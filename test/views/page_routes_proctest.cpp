// What every page does with text that is not text: a form field or a query
// parameter whose bytes are not UTF-8 (a byte no character starts with, a
// surrogate, an overlong form) or hold NUL, and a flash cookie likewise.
// PostgreSQL refuses such bytes; the pages must answer before it is asked:
// 422 naming the field, 400 for the address, and the flash dropped.
#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

// The home page with the client's session and one more cookie.
HttpResult home_with_cookie(const PageClient& client, const std::string& cookie) {
  return http_request(shared_page_server().port(), "GET", "/", "",
                      {{"Cookie", "session=" + client.session + "; " + cookie}}, 10000);
}

void check_security_headers(const HttpResult& r) {
  CHECK(r.header("content-security-policy").find("default-src 'self'") != std::string::npos);
  CHECK(r.header("x-content-type-options") == "nosniff");
  CHECK(r.header("x-frame-options") == "DENY");
}

}  // namespace

TEST_CASE("a form field that is not UTF-8 text gets 422 naming it, and nothing is stored",
          "[process]") {
  Org org = new_org("Bad Text");
  PageClient& client = org.owner;
  REQUIRE(client.get("/parties").status == 200);
  // The reproductions: a byte no character starts with, a UTF-16
  // surrogate (U+D800) and an overlong '/' (C0 AF).
  HttpResult party = client.post("/parties", {{"kind", "client"}, {"name", "Bad\xFFName"}});
  CHECK(party.status == 422);
  CHECK(party.body.find("name") != std::string::npos);
  check_security_headers(party);
  for (const std::string& name :
       {std::string("Surrogate \xED\xA0\x80"), std::string("Slash \xC0\xAF"),
        std::string("Nul \0 byte", 10), std::string("Cut \xE2\x82")}) {
    INFO(name);
    HttpResult project = client.post("/projects", {{"number", "BAD-1"}, {"name", name}});
    CHECK(project.status == 422);
    CHECK(project.body.find("name") != std::string::npos);
  }
  // htmx gets the message too (in the flash, as with every refusal).
  HttpResult htmx = client.post("/parties", {{"kind", "client"}, {"name", "Bad\xFFName"}}, true,
                                {{"HX-Request", "true"}});
  CHECK(htmx.status == 422);
  CHECK(htmx.body.find("name") != std::string::npos);
  CHECK(shared_page_server().db.scalar(
            "SELECT count(*) FROM parties p JOIN organisations o ON o.id = p.org_id "
            "WHERE o.name = '" +
            org.name + "'") == "0");
  CHECK(shared_page_server().db.scalar("SELECT count(*) FROM projects WHERE number = 'BAD-1'") ==
        "0");
  // Text that is UTF-8 is stored as typed.
  CHECK(client.post("/parties", {{"kind", "client"}, {"name", "Zoë Ünïcødé €"}}).status == 303);
  CHECK(client.get("/parties").body.find("Zoë Ünïcødé €") != std::string::npos);
}

TEST_CASE("the log-in form with an email that is not UTF-8 gets 422 naming it", "[process]") {
  PageClient visitor(shared_page_server().port());
  REQUIRE(visitor.get("/login").status == 200);
  HttpResult r = visitor.post("/login", {{"email", "x\xFF@example.com"}, {"password", "whatever"}});
  CHECK(r.status == 422);
  CHECK(r.body.find("email") != std::string::npos);
  check_security_headers(r);
}

TEST_CASE("a page query that is not UTF-8 text gets 400", "[process]") {
  Org org = new_org("Bad Query");
  PageClient& client = org.owner;
  for (const char* query : {"q=%FF", "q=%ED%A0%80", "q=%C0%AF", "status=%FF", "q=a%00b", "q=%"}) {
    INFO(query);
    HttpResult r = client.get(std::string("/projects?") + query);
    CHECK(r.status == 400);
    check_security_headers(r);
  }
  HttpResult parties = client.get("/parties?q=%FF");
  CHECK(parties.status == 400);
  CHECK(parties.body.find("q") != std::string::npos);
  // A query that is text, even one typed with characters a browser leaves
  // as they are, is read as before.
  CHECK(client.get("/projects?q=%C3%A9t%C3%A9").status == 200);
  CHECK(client.get("/projects?q=a|b{c}").status == 200);
  CHECK(client.get("/parties?q=Zo%C3%AB+Smith&kind=client").status == 200);
}

TEST_CASE("a flash cookie that is not UTF-8 text is dropped, not shown", "[process]") {
  Org org = new_org("Bad Flash");
  PageClient& client = org.owner;
  HttpResult good = home_with_cookie(client, "flash=Saved%20the%20party");
  CHECK(good.status == 200);
  CHECK(good.body.find("Saved the party") != std::string::npos);
  HttpResult bad = home_with_cookie(client, "flash=Planted%FF%ED%A0%80flash");
  CHECK(bad.status == 200);
  CHECK(bad.body.find("Planted") == std::string::npos);
}
