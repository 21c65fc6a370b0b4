// The "party" select of a new vendor bill and a new commitment offers the
// organisation's subcontractors and vendors however many other parties it
// has: a contractor of some years has hundreds of clients, most of them
// added before the latest vendor. Through the real server, as a browser
// without JavaScript sees the forms.
#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

// A party added on /parties, and its id (read from the database: the page
// lists the first 200 parties, and this one comes after 600).
std::string add_party(PageClient& c, const std::string& kind, const std::string& name) {
  c.get("/parties");
  REQUIRE(c.post("/parties", {{"kind", kind}, {"name", name}}).status == 303);
  return std::to_string(shared_page_server()
                            .db.connect()
                            .exec("SELECT id FROM parties WHERE name = $1", name)
                            .single_row()["id"]
                            .int64());
}

}  // namespace

TEST_CASE(
    "the payee select of a new bill and a new commitment offers the newest vendor and "
    "subcontractor after 600 clients",
    "[process]") {
  Org a = new_org("Payees");
  PageClient& c = a.owner;
  std::string project = project_for_client(c, "First client", "");
  // 600 clients, more than the select's 500 options, added through SQL:
  // the forms are what is tested, not the party page's add form.
  shared_page_server().db.connect().exec(
      "INSERT INTO parties (org_id, kind, name) "
      "SELECT o.id, 'client', 'Client ' || g FROM organisations o, generate_series(1, 600) g "
      "WHERE o.name = $1",
      a.name);
  std::string vendor = add_party(c, "vendor", "Late Lumber Yard " + a.name);
  std::string sub = add_party(c, "subcontractor", "Late Drywall Crew " + a.name);

  for (const std::string& path : {"/projects/" + project + "/vendor-bills/new",
                                  "/projects/" + project + "/commitments/new"}) {
    INFO(path);
    HttpResult form = c.get(path);
    REQUIRE(form.status == 200);
    CHECK(form.body.find("<option value=\"" + vendor + "\"") != std::string::npos);
    CHECK(form.body.find("<option value=\"" + sub + "\"") != std::string::npos);
    // A client is not a payee.
    CHECK(form.body.find("Client 600") == std::string::npos);
  }
}
