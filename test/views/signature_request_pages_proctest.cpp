// "Send for signature" through the pages, as a browser without JavaScript
// sends it: the link shows only where the document waits for its client
// (a pending change order, not a draft); the form opens with the project's
// client as owner and its architect; a refused row is shown again as typed
// with its error beside it (422, nothing sent); "Add a signer" gives one row
// more; a send lists the request on the document's page with each signer's
// status and a Void button, and voiding it shows its reason. Another
// organisation's ids are 404.
#include <catch2/catch.hpp>
#include <chrono>

#include "domain/calendar.hpp"
#include "domain/hex.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/signature_requests.hpp"
#include "test/support/page_client.hpp"
#include "test/support/signature_signers.hpp"

using namespace construction::testing;

namespace {

std::string day_from_today(int days) {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return construction::domain::iso_date(today + std::chrono::days(days));
}

struct SigningProject {
  std::string project, change_order;  // ids
};

// A project for a client and an architect, and a draft change order with a
// line on it.
SigningProject draft_change_order(PageClient& c) {
  std::string client = new_party(c, "client", "Harper Family Trust", "dana@harper.example");
  std::string architect =
      new_party(c, "architect", "Lindqvist Architecture", "studio@lindqvist.example");
  c.get("/projects");
  HttpResult created = c.post("/projects", {{"number", "2026-031"},
                                            {"name", "Harper kitchen remodel"},
                                            {"client_id", client},
                                            {"architect_id", architect}});
  REQUIRE(created.status == 303);
  SigningProject p{id_after(created.header("location"), "/projects/"), ""};
  c.get("/projects/" + p.project + "/change-orders");
  HttpResult order =
      c.post("/projects/" + p.project + "/change-orders", {{"title", "Added outlets"}});
  REQUIRE(order.status == 303);
  p.change_order = id_after(order.header("location"), "/change-orders/");
  c.get("/change-orders/" + p.change_order);
  REQUIRE(c.post("/change-orders/" + p.change_order + "/lines", {{"cost_code", "26-050"},
                                                                 {"cost_type", "material"},
                                                                 {"description", "Outlets"},
                                                                 {"quantity", "1"},
                                                                 {"unit_cost", "4950"}})
              .status == 303);
  return p;
}

SigningProject pending_change_order(PageClient& c) {
  SigningProject p = draft_change_order(c);
  c.get("/change-orders/" + p.change_order);
  REQUIRE(c.post("/change-orders/" + p.change_order + "/submit", {}).status == 303);
  return p;
}

std::map<std::string, std::string> two_signers() {
  return {{"signer_0_name", "Dana Harper"},
          {"signer_0_email", "dana@harper.example"},
          {"signer_0_role", "owner"},
          {"signer_1_name", "Avery Lindqvist"},
          {"signer_1_email", "studio@lindqvist.example"},
          {"signer_1_role", "architect"},
          {"signer_2_name", ""},
          {"signer_2_email", ""},
          {"signer_2_role", "client"},
          {"message", "Please sign this week."},
          {"expires_on", day_from_today(10)}};
}

// The form opened and sent with two_signers(), as a user does.
void send_for_signature(PageClient& c, const std::string& path) {
  c.get(path + "/signature-requests/new");
  REQUIRE(c.post(path + "/signature-requests", two_signers()).status == 303);
}

std::string requests_of(const std::string& change_order) {
  return shared_page_server().db.scalar(
      "SELECT count(*) FROM signature_requests WHERE document_kind = 'change_order' AND "
      "document_id = " +
      change_order);
}

// The page a redirect leads to, with the flash cookie it set (PageClient
// keeps only the session's cookies).
HttpResult page_after(PageClient& c, const HttpResult& redirect) {
  std::string flash;
  for (const std::string& cookie : redirect.set_cookies)
    if (cookie.starts_with("flash=")) flash = cookie.substr(0, cookie.find(';'));
  REQUIRE_FALSE(flash.empty());
  return http_request(shared_page_server().port(), "GET", redirect.header("location"), "",
                      {{"Cookie", c.cookies() + "; " + flash}}, 10000);
}

bool has(const HttpResult& page, const std::string& text) {
  return page.body.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("the Send for signature form opens with the owner and the architect, and sends",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = draft_change_order(c);
  const std::string path = "/change-orders/" + p.change_order;

  // A draft waits for nobody's signature yet.
  HttpResult draft = c.get(path);
  CHECK_FALSE(has(draft, "Send for signature"));
  CHECK(has(draft, "Not sent for signature yet."));
  REQUIRE(c.post(path + "/submit", {}).status == 303);
  HttpResult page = c.get(path);
  CHECK(has(page, "href=\"" + path + "/signature-requests/new\""));

  HttpResult form = c.get(path + "/signature-requests/new");
  REQUIRE(form.status == 200);
  CHECK(has(form, "name=\"signer_0_name\" value=\"Harper Family Trust\""));
  CHECK(has(form, "name=\"signer_0_email\" value=\"dana@harper.example\""));
  CHECK(has(form, "<option value=\"owner\" selected>Owner</option>"));
  CHECK(has(form, "name=\"signer_1_name\" value=\"Lindqvist Architecture\""));
  CHECK(has(form, "<option value=\"architect\" selected>Architect</option>"));
  CHECK(has(form, "name=\"signer_2_name\" value=\"\""));
  CHECK_FALSE(has(form, "signer_3_name"));
  CHECK(has(form, "name=\"expires_on\" value=\"" + day_from_today(14) + "\""));
  CHECK(has(form, "Change order CO-001 · Added outlets"));

  HttpResult sent = c.post(path + "/signature-requests", two_signers());
  REQUIRE(sent.status == 303);
  CHECK(sent.header("location") == path);
  CHECK(requests_of(p.change_order) == "1");
  page = page_after(c, sent);
  CHECK(has(page,
            "<p class=\"flash\">Change order CO-001, Added outlets sent for signature to "
            "Dana Harper, Avery Lindqvist.</p>"));
  CHECK(has(page, "<strong>Dana Harper</strong> (Owner, dana@harper.example)"));
  CHECK(has(page, "<strong>Avery Lindqvist</strong> (Architect, studio@lindqvist.example)"));
  CHECK(has(page, "data-status=\"pending\">Pending</span>"));
  CHECK(has(page, "class=\"void-request\""));
  // One open request at a time: the link is still there, and says so when used.
  HttpResult twice = c.post(path + "/signature-requests", two_signers());
  CHECK(twice.status == 409);
  CHECK(has(twice, "id=\"signature-problem\""));
  CHECK(requests_of(p.change_order) == "1");
  CHECK(invalid_html({{"form", form.body}, {"page", page.body}, {"refused", twice.body}}).empty());
}

TEST_CASE("the Send for signature form names each bad field and keeps what was typed",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = pending_change_order(c);
  const std::string path = "/change-orders/" + p.change_order;
  c.get(path + "/signature-requests/new");

  auto fields = two_signers();
  fields["signer_1_email"] = "studio at lindqvist";
  fields["signer_2_name"] = "Lender Bank";  // a third row, without an address
  HttpResult bad = c.post(path + "/signature-requests", fields);
  REQUIRE(bad.status == 422);
  CHECK(has(bad,
            "name=\"signer_1_email\" value=\"studio at lindqvist\" maxlength=\"254\" "
            "autocomplete=\"off\" aria-invalid=\"true\""));
  CHECK(has(bad, "id=\"signer-1-email-error\""));
  CHECK(has(bad, "id=\"signer-2-email-error\""));
  CHECK(has(bad, "name=\"signer_2_name\" value=\"Lender Bank\""));
  CHECK(has(bad, "Please sign this week."));
  CHECK_FALSE(has(bad, "id=\"signer-0-email-error\""));

  // Every row blank: nobody to sign.
  auto nobody = two_signers();
  for (const char* f : {"signer_0_name", "signer_0_email", "signer_1_name", "signer_1_email"})
    nobody[f] = "";
  HttpResult none = c.post(path + "/signature-requests", nobody);
  REQUIRE(none.status == 422);
  CHECK(has(none, "id=\"signers-error\""));

  auto late = two_signers();
  late["expires_on"] = day_from_today(-1);
  HttpResult past = c.post(path + "/signature-requests", late);
  REQUIRE(past.status == 422);
  CHECK(has(past, "id=\"expires-error\""));
  CHECK(has(past, "value=\"" + day_from_today(-1) + "\""));
  CHECK(requests_of(p.change_order) == "0");
  CHECK(invalid_html({{"bad", bad.body}, {"none", none.body}}).empty());

  // "Add a signer": the form again, as typed, with one blank row more.
  auto more = two_signers();
  more["then"] = "add";
  HttpResult added = c.post(path + "/signature-requests", more);
  REQUIRE(added.status == 200);
  CHECK(has(added, "name=\"signer_1_name\" value=\"Avery Lindqvist\""));
  CHECK(has(added, "name=\"signer_3_name\" value=\"\""));
  CHECK(requests_of(p.change_order) == "0");
}

TEST_CASE("voiding a signature request from the page shows it voided, with its reason",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = pending_change_order(c);
  const std::string path = "/change-orders/" + p.change_order;
  send_for_signature(c, path);
  std::string id = shared_page_server().db.scalar(
      "SELECT id FROM signature_requests WHERE document_kind = 'change_order' AND document_id = " +
      p.change_order);
  // Not completed: nothing sealed to download.
  CHECK(c.get("/signature-requests/" + id + "/sealed.pdf").status == 404);

  c.get(path);
  HttpResult voided =
      c.post("/signature-requests/" + id + "/void", {{"reason", "The architect changed"}});
  REQUIRE(voided.status == 303);
  CHECK(voided.header("location") == path);
  HttpResult page = c.get(path);
  CHECK(has(page, "data-status=\"voided\""));
  CHECK(has(page, "<strong>Reason:</strong> The architect changed"));
  CHECK_FALSE(has(page, "class=\"void-request\""));
  // Voided twice is refused, and the request stays as it was.
  CHECK(c.post("/signature-requests/" + id + "/void", {}).status == 409);

  // Another organisation sees none of it.
  Org other = new_org("Elsewhere");
  other.owner.get("/");
  check_not_found(
      other.owner,
      {{path + "/signature-requests/new", {}}, {"/signature-requests/" + id + "/sealed.pdf", {}}},
      {{path + "/signature-requests", two_signers()}, {"/signature-requests/" + id + "/void", {}}});
  CHECK(requests_of(p.change_order) == "1");
}

TEST_CASE("a request past its last day shows expired on the page, without its Void button",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = pending_change_order(c);
  const std::string path = "/change-orders/" + p.change_order;
  send_for_signature(c, path);
  // Two weeks later, as far as the request can tell.
  shared_page_server().db.scalar(
      "UPDATE signature_requests SET expires_on = (now() AT TIME ZONE 'UTC')::date - 1 "
      "WHERE document_kind = 'change_order' AND document_id = " +
      p.change_order + " RETURNING id");
  HttpResult page = c.get(path);
  CHECK(has(page, "data-status=\"expired\""));
  CHECK(has(page, ">Expired</span>"));
  CHECK_FALSE(has(page, "class=\"void-request\""));
}

TEST_CASE("a completed request shows each signature and the sealed PDF's SHA-256, to download",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = pending_change_order(c);
  const std::string path = "/change-orders/" + p.change_order;
  const std::string owner = "dana-" + p.change_order + "@harper.example";
  const std::string architect = "avery-" + p.change_order + "@lindqvist.example";
  auto fields = two_signers();
  fields["signer_0_email"] = owner;
  fields["signer_1_email"] = architect;
  c.get(path + "/signature-requests/new");
  REQUIRE(c.post(path + "/signature-requests", fields).status == 303);
  const ScratchDatabase& db = shared_page_server().db;
  sign_as(db, owner, "Dana Harper");
  sign_as(db, architect, "Avery Lindqvist");

  HttpResult page = c.get(path);
  CHECK(has(page, "id=\"change-order-status\">Approved<"));
  CHECK(has(page, "data-status=\"completed\""));
  CHECK(has(page, "data-status=\"approved\">Approved</span>"));
  CHECK(has(page, ", signed “Avery Lindqvist”"));
  CHECK_FALSE(has(page, "class=\"void-request\""));
  CHECK_FALSE(has(page, "Send for signature"));
  std::string id = db.scalar(
      "SELECT id FROM signature_requests WHERE document_kind = 'change_order' AND document_id = " +
      p.change_order);
  std::string sealed =
      db.scalar("SELECT encode(sealed_sha256, 'hex') FROM signature_requests WHERE id = " + id);
  REQUIRE(sealed.size() == 64);
  CHECK(has(page, "<code class=\"sealed-sha256\">" + sealed + "</code>"));
  CHECK(has(page, "href=\"/signature-requests/" + id + "/sealed.pdf\""));

  HttpResult pdf = c.get("/signature-requests/" + id + "/sealed.pdf");
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  CHECK(construction::domain::hex_digits(construction::operations::sha256_bytes(pdf.body)) ==
        sealed);
  CHECK(invalid_html({{"page", page.body}}).empty());
}

TEST_CASE("a sent estimate goes to its client and a submitted pay application to the architect too",
          "[process]") {
  Org org = new_org("Signing");
  PageClient& c = org.owner;
  SigningProject p = draft_change_order(c);
  const std::string project = "/projects/" + p.project;
  HttpResult estimate = c.post(project + "/estimates", {{"title", "Kitchen"}});
  REQUIRE(estimate.status == 303);
  const std::string est = "/estimates/" + id_after(estimate.header("location"), "/estimates/");
  c.get(est);
  REQUIRE(c.post(est + "/lines", {{"cost_code", "09-250"},
                                  {"cost_type", "material"},
                                  {"description", "Drywall"},
                                  {"quantity", "1"},
                                  {"unit_cost", "1000"}})
              .status == 303);
  CHECK_FALSE(has(c.get(est), "Send for signature"));
  REQUIRE(c.post(est + "/send", {{"email", "false"}}).status == 303);
  CHECK(has(c.get(est), "href=\"" + est + "/signature-requests/new\""));
  HttpResult form = c.get(est + "/signature-requests/new");
  REQUIRE(form.status == 200);
  CHECK(has(form, "name=\"signer_0_name\" value=\"Harper Family Trust\""));
  CHECK(has(form, "<option value=\"client\" selected>Client</option>"));
  CHECK_FALSE(has(form, "Lindqvist"));  // the client accepts an estimate alone
  REQUIRE(c.post(est + "/accept", {}).status == 303);
  CHECK_FALSE(has(c.get(est), "Send for signature"));
  CHECK(c.get(est + "/signature-requests/new").status == 409);

  c.get(project + "/billing");
  HttpResult app = c.post(project + "/pay-applications", {{"period_to", "2026-11-30"}});
  REQUIRE(app.status == 303);
  const std::string pay =
      "/pay-applications/" + id_after(app.header("location"), "/pay-applications/");
  CHECK_FALSE(has(c.get(pay), "Send for signature"));
  REQUIRE(c.post(pay + "/send", {{"email", "false"}}).status == 303);
  CHECK(has(c.get(pay), "href=\"" + pay + "/signature-requests/new\""));
  form = c.get(pay + "/signature-requests/new");
  CHECK(has(form, "name=\"signer_0_name\" value=\"Harper Family Trust\""));
  CHECK(has(form, "name=\"signer_1_name\" value=\"Lindqvist Architecture\""));
  CHECK(has(form, "<option value=\"architect\" selected>Architect</option>"));
  CHECK(has(c.get(pay), "Not sent for signature yet."));
}
