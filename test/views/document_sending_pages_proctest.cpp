// The Send form and the list of what was sent, through the pages as a
// browser without JavaScript sends them: the form opens prefilled (the
// client's address, the subject, a message signed by the sender), a bad
// address or none at all is shown beside the field with what was typed kept
// (422, nothing sent, the draft still a draft), and a send lists the message
// on the document's page as queued. A draft handed over by hand is marked
// sent from the same form without an email: nothing queued, whatever the
// address fields hold.
#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

// A draft estimate with one line on a project for `client`.
std::string draft_estimate(PageClient& c, const std::string& client, const std::string& email) {
  std::string project = project_for_client(c, client, email);
  HttpResult estimate = c.post("/projects/" + project + "/estimates", {{"title", "Kitchen"}});
  REQUIRE(estimate.status == 303);
  std::string id = id_after(estimate.header("location"), "/estimates/");
  c.get("/estimates/" + id);
  REQUIRE(c.post("/estimates/" + id + "/lines", {{"cost_code", "09-250"},
                                                 {"cost_type", "material"},
                                                 {"description", "Drywall"},
                                                 {"quantity", "1"},
                                                 {"unit_cost", "1000"}})
              .status == 303);
  return id;
}

std::map<std::string, std::string> send_fields(const std::string& to) {
  return {{"to", to},
          {"cc", ""},
          {"subject", "Estimate for your kitchen"},
          {"message", "Here it is.\n\nAda"}};
}

std::string messages_of(const std::string& record) {
  return shared_page_server().db.scalar("SELECT count(*) FROM messages WHERE record = '" + record +
                                        "'");
}

}  // namespace

TEST_CASE("the Send form opens prefilled and sends, and the page lists the message", "[process]") {
  Org org = new_org("Sending");
  PageClient& c = org.owner;
  std::string id = draft_estimate(c, "Harbor Dental", "owner@harbor.example");
  const std::string path = "/estimates/" + id;

  HttpResult page = c.get(path);
  CHECK(page.body.find("href=\"" + path + "/send\"") != std::string::npos);
  CHECK(page.body.find("Nothing emailed yet.") != std::string::npos);

  HttpResult form = c.get(path + "/send");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("name=\"to\" value=\"owner@harbor.example\"") != std::string::npos);
  CHECK(form.body.find("value=\"Estimate EST-001 rev 1 from " + org.name) != std::string::npos);
  CHECK(form.body.find("Please find attached estimate EST-001 rev 1 for Harbor Dental job.") !=
        std::string::npos);
  CHECK(form.body.find("Sending it also marks it as sent.") != std::string::npos);
  CHECK(invalid_html({{"form", form.body}, {"page", page.body}}).empty());

  HttpResult sent = c.post(path + "/send", send_fields("owner@harbor.example, pm@harbor.example"));
  REQUIRE(sent.status == 303);
  CHECK(sent.header("location") == path);
  page = c.get(path);
  CHECK(page.body.find("id=\"estimate-status\">Sent<") != std::string::npos);
  CHECK(page.body.find("<td data-label=\"To\">owner@harbor.example, pm@harbor.example</td>") !=
        std::string::npos);
  CHECK(page.body.find("<td data-label=\"Subject\">Estimate for your kitchen</td>") !=
        std::string::npos);
  CHECK(page.body.find("data-status=\"queued\">Queued<") != std::string::npos);
  CHECK(page.body.find("Nothing emailed yet.") == std::string::npos);
  CHECK(invalid_html({{"page after sending", page.body}}).empty());

  // Sent already: the form says nothing of a transition, and a copy goes.
  form = c.get(path + "/send");
  CHECK(form.body.find("Sending it also marks it") == std::string::npos);
  REQUIRE(c.post(path + "/send", send_fields("loans@bank.example")).status == 303);
  page = c.get(path);
  CHECK(page.body.find("loans@bank.example") < page.body.find("pm@harbor.example"));
}

TEST_CASE("a pay application's Send form opens with the architect's address", "[process]") {
  Org org = new_org("Certifying");
  PageClient& c = org.owner;
  std::string client =
      new_party(c, "client", "Northwind Legal LLP", "facilities@northwind.example");
  std::string architect =
      new_party(c, "architect", "Lindqvist Architecture", "studio@lindqvist.example");
  c.get("/projects");
  HttpResult created = c.post("/projects", {{"number", "2026-021"},
                                            {"name", "Office fit-out"},
                                            {"client_id", client},
                                            {"architect_id", architect}});
  REQUIRE(created.status == 303);
  std::string project = id_after(created.header("location"), "/projects/");
  HttpResult estimate = c.post("/projects/" + project + "/estimates", {{"title", "Fit-out"}});
  REQUIRE(estimate.status == 303);
  std::string est = id_after(estimate.header("location"), "/estimates/");
  c.get("/estimates/" + est);
  REQUIRE(c.post("/estimates/" + est + "/lines", {{"cost_code", "09-250"},
                                                  {"cost_type", "material"},
                                                  {"description", "Drywall"},
                                                  {"quantity", "1"},
                                                  {"unit_cost", "1000"}})
              .status == 303);
  // The estimate still goes to the client.
  HttpResult estimate_form = c.get("/estimates/" + est + "/send");
  CHECK(estimate_form.body.find("name=\"to\" value=\"facilities@northwind.example\"") !=
        std::string::npos);
  REQUIRE(
      c.post("/estimates/" + est + "/send", send_fields("facilities@northwind.example")).status ==
      303);
  REQUIRE(c.post("/estimates/" + est + "/accept", {}).status == 303);
  c.get("/projects/" + project + "/billing");
  HttpResult app =
      c.post("/projects/" + project + "/pay-applications", {{"period_to", "2026-11-30"}});
  REQUIRE(app.status == 303);
  std::string path = "/pay-applications/" + id_after(app.header("location"), "/pay-applications/");

  HttpResult form = c.get(path + "/send");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("name=\"to\" value=\"studio@lindqvist.example\"") != std::string::npos);
  CHECK(form.body.find("facilities@northwind.example") == std::string::npos);
  CHECK(invalid_html({{"form", form.body}}).empty());
}

TEST_CASE("the Send form refuses a bad address or none, keeping what was typed", "[process]") {
  Org org = new_org("Sending");
  PageClient& c = org.owner;
  std::string id = draft_estimate(c, "No Email Co", "");
  const std::string path = "/estimates/" + id;

  HttpResult form = c.get(path + "/send");
  CHECK(form.body.find("name=\"to\" value=\"\"") != std::string::npos);

  auto fields = send_fields("");
  fields["cc"] = "lender@bank.example";
  HttpResult none = c.post(path + "/send", fields);
  CHECK(none.status == 422);
  CHECK(none.body.find("id=\"to-error\"") != std::string::npos);
  CHECK(none.body.find("the client has no email address") != std::string::npos);
  CHECK(none.body.find("value=\"lender@bank.example\"") != std::string::npos);
  CHECK(none.body.find("Here it is.\n\nAda</textarea>") != std::string::npos);

  HttpResult bad = c.post(path + "/send", send_fields("owner at harbor"));
  CHECK(bad.status == 422);
  CHECK(bad.body.find("&quot;owner&quot; is not an email address.") != std::string::npos);
  CHECK(bad.body.find("name=\"to\" value=\"owner at harbor\"") != std::string::npos);
  CHECK(invalid_html({{"refused form", bad.body}}).empty());

  HttpResult page = c.get(path);
  CHECK(page.body.find("id=\"estimate-status\">Draft<") != std::string::npos);
  CHECK(page.body.find("Nothing emailed yet.") != std::string::npos);
}

TEST_CASE("sending is for those who write commercial records, of their organisation", "[process]") {
  Org org = new_org("Sending");
  std::string id = draft_estimate(org.owner, "Harbor Dental", "owner@harbor.example");
  const std::string path = "/estimates/" + id + "/send";
  PageClient field = new_member(org.name, "field");
  CHECK(field.get(path).status == 403);
  Org other = new_org("Elsewhere");
  check_not_found(other.owner, {{path, {}}}, {{path, send_fields("a@b.example")}});
  check_refused_without_csrf(org.owner, {{path, send_fields("a@b.example")}});
  CHECK(org.owner.get("/estimates/" + id).body.find("Nothing emailed yet.") != std::string::npos);
}

TEST_CASE("the sent list shows how each delivery stands, a failure with the server's answer",
          "[process]") {
  Org org = new_org("Sending");
  PageClient& c = org.owner;
  std::string id = draft_estimate(c, "Harbor Dental", "owner@harbor.example");
  c.get("/estimates/" + id + "/send");
  REQUIRE(c.post("/estimates/" + id + "/send", send_fields("nobody@harbor.example")).status == 303);
  c.get("/estimates/" + id + "/send");
  REQUIRE(c.post("/estimates/" + id + "/send", send_fields("owner@harbor.example")).status == 303);
  // What the mailer records (test/mail/ shows it doing so): one refused
  // for good, one delivered.
  const std::string record = "'estimate:" + id + "'";
  shared_page_server().db.exec(
      "UPDATE messages SET status = 'failed', attempts = 1, last_error = "
      "'550 5.1.1 <nobody@harbor.example>: Recipient address rejected' WHERE record = " +
      record + " AND 'nobody@harbor.example' = ANY (to_addresses)");
  shared_page_server().db.exec(
      "UPDATE messages SET status = 'sent', attempts = 1, sent_at = now() WHERE record = " +
      record + " AND 'owner@harbor.example' = ANY (to_addresses)");
  std::string page = c.get("/estimates/" + id).body;
  auto sent = page.find("data-status=\"sent\">Sent<");
  auto failed = page.find("data-status=\"failed\">Failed<");
  REQUIRE(sent != std::string::npos);
  REQUIRE(failed != std::string::npos);
  CHECK(sent < failed);  // newest first
  CHECK(page.find("550 5.1.1 &lt;nobody@harbor.example&gt;: Recipient address rejected") > failed);
}

TEST_CASE("a draft handed over by hand is marked sent from its Send form, nothing emailed",
          "[process]") {
  Org org = new_org("Sending");
  PageClient& c = org.owner;
  // The client has no address: marking needs none.
  std::string id = draft_estimate(c, "No Email Co", "");
  const std::string path = "/estimates/" + id;

  HttpResult form = c.get(path + "/send");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("<button type=\"submit\" name=\"email\" value=\"false\" formnovalidate "
                       "class=\"secondary\" data-action=\"mark-sent\">Mark as sent without "
                       "emailing</button>") != std::string::npos);
  CHECK(invalid_html({{"form", form.body}}).empty());

  // What the email's fields hold is not read: no 422 for the address.
  auto fields = send_fields("owner at harbor");
  fields["email"] = "false";
  HttpResult marked = c.post(path + "/send", fields);
  REQUIRE(marked.status == 303);
  CHECK(marked.header("location") == path);
  // The page it returns to, with the flash cookie the redirect set.
  std::string flash;
  for (const std::string& cookie : marked.set_cookies)
    if (cookie.starts_with("flash=")) flash = cookie.substr(0, cookie.find(';'));
  REQUIRE_FALSE(flash.empty());
  HttpResult page = http_request(shared_page_server().port(), "GET", path, "",
                                 {{"Cookie", c.cookies() + "; " + flash}}, 10000);
  CHECK(page.body.find("id=\"estimate-status\">Sent<") != std::string::npos);
  CHECK(page.body.find("<p class=\"flash\">Estimate EST-001 rev 1 marked as sent: nothing was "
                       "emailed.</p>") != std::string::npos);
  CHECK(page.body.find("Nothing emailed yet.") != std::string::npos);
  CHECK(messages_of("estimate:" + id) == "0");

  // Sent already: nothing to mark (the form offers only email, a copy).
  form = c.get(path + "/send");
  CHECK(form.body.find("data-action=\"mark-sent\"") == std::string::npos);
  CHECK(c.post(path + "/send", {{"email", "false"}}).status == 409);
  CHECK(messages_of("estimate:" + id) == "0");
}

TEST_CASE("marking refuses what its transition refuses, and needs the CSRF token", "[process]") {
  Org org = new_org("Sending");
  PageClient& c = org.owner;
  std::string project = project_for_client(c, "Harbor Dental", "owner@harbor.example");
  HttpResult estimate = c.post("/projects/" + project + "/estimates", {{"title", "Empty"}});
  REQUIRE(estimate.status == 303);
  std::string empty = id_after(estimate.header("location"), "/estimates/");
  // No lines: not sent, by email or by hand.
  CHECK(c.post("/estimates/" + empty + "/send", {{"email", "false"}}).status == 409);
  CHECK(c.get("/estimates/" + empty).body.find("id=\"estimate-status\">Draft<") !=
        std::string::npos);

  std::string id = draft_estimate(c, "Harbor Dental", "owner@harbor.example");
  check_refused_without_csrf(c, {{"/estimates/" + id + "/send", {{"email", "false"}}}});
  CHECK(c.get("/estimates/" + id).body.find("id=\"estimate-status\">Draft<") != std::string::npos);
  CHECK(messages_of("estimate:" + id) == "0");
}
