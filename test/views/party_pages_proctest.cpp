// The new project form's client and architect pickers (GET /parties/choices):
// the options of what was typed, among 1 000 clients, of the member's own
// organisation only; one match alone is chosen; a kind the form does not
// pick is 404, a role that cannot make a project 403.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

std::size_t count_of(const std::string& body, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = body.find(needle); at != std::string::npos;
       at = body.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("the new project form's client picker finds one of 1 000 clients as it is typed",
          "[process][lists]") {
  Org ours = new_org("Picker");
  Org theirs = new_org("Other picker");
  PageServer& server = shared_page_server();
  for (const Org* o : {&ours, &theirs})
    server.db.exec("INSERT INTO parties (org_id, kind, name) SELECT o.id, 'client', '" +
                   std::string(o == &ours ? "Ours" : "Theirs") +
                   " client ' || g FROM organisations o, generate_series(1, 1000) g "
                   "WHERE o.name = '" +
                   o->name + "'");
  std::string our_777 = server.db.scalar(
      "SELECT p.id FROM parties p JOIN organisations o ON o.id = p.org_id WHERE o.name = '" +
      ours.name + "' AND p.name = 'Ours client 777'");
  PageClient& c = ours.owner;

  // The form's select lists the first 200: the 777th is not among them.
  HttpResult form = c.get("/projects");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("id=\"client-search\"") != std::string::npos);
  CHECK(form.body.find("<option value=\"" + our_777 + "\"") == std::string::npos);

  // Typed, it is one option, chosen; the other organisation's never shows.
  HttpResult one =
      c.get("/parties/choices?kind=client&client_search=client%20777", {{"HX-Request", "true"}});
  REQUIRE(one.status == 200);
  CHECK(one.body.find("<option value=\"" + our_777 + "\" selected>Ours client 777</option>") !=
        std::string::npos);
  CHECK(one.body.find("Theirs") == std::string::npos);
  CHECK(one.body.find("<option value=\"\">No client yet</option>") != std::string::npos);

  // "client 7": 7, 70–79, 700–799 … more than a page: 50 and a word to type more.
  HttpResult many = c.get("/parties/choices?kind=client&client_search=client%207");
  REQUIRE(many.status == 200);
  CHECK(count_of(many.body, "<option value=\"") - count_of(many.body, "<option value=\"\"") == 50);
  CHECK(many.body.find("type more of the name") != std::string::npos);
  CHECK(many.body.find(" selected") == std::string::npos);
  CHECK(many.body.find("Theirs") == std::string::npos);

  HttpResult none = c.get("/parties/choices?kind=client&client_search=zzzz");
  REQUIRE(none.status == 200);
  CHECK(none.body.find("No match") != std::string::npos);

  // The architect's picker asks for architects: none of these clients.
  HttpResult architects = c.get("/parties/choices?kind=architect&architect_search=client");
  REQUIRE(architects.status == 200);
  CHECK(architects.body.find("Ours client") == std::string::npos);
  CHECK(architects.body.find("<option value=\"\">None</option>") != std::string::npos);

  CHECK(c.get("/parties/choices?kind=vendor&vendor_search=x").status == 404);
  CHECK(c.get("/parties/choices").status == 404);
  PageClient field = new_member(ours.name, "field");
  CHECK(field.get("/parties/choices?kind=client&client_search=client").status == 403);
}
