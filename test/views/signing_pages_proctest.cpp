// The signer's pages (/sign/{token}, views/signing_pages.cpp) through HTTP,
// as a browser without JavaScript sees them, on the real server: a link
// opened by GET spends nothing; Continue gives a signer cookie of its own
// (no staff session); the code, the consent and the typed name, each with
// its mistake shown beside its field; a decline with its reason; and every
// link that opens nothing (expired, voided by an edit of the document,
// another signer's cookie, a guessed token) answering the one same page.
// Every answer carries Referrer-Policy: no-referrer and no-store.
//
// The requests are made by the office's operation in the test process
// (operations::create_signature_request, which hands the tests the links
// it emails); the code is read from the email a real `construction mailer`
// delivers to a real SMTP server.
#include <catch2/catch.hpp>
#include <regex>
#include <thread>

#include "domain/hex.hpp"
#include "operations/signature_requests.hpp"
#include "operations/token.hpp"
#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"
#include "test/support/page_client.hpp"
#include "test/support/signer_browser.hpp"
#include "test/support/smtp_sink.hpp"

using namespace construction;
using namespace construction::testing;
using namespace std::chrono_literals;

namespace {

bool shows(const HttpResult& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

// The office's side, set up through the API: an organisation, a project
// with its contract (an accepted estimate of $1,000.00), and its owner's
// token.
struct Office {
  ApiServer& api;
  ApiProject project;
  std::int64_t org_id = 0, user_id = 0;

  explicit Office(ApiServer& server)
      : api(server), project(accepted_project(server, R"([{"cost_code":"01-100","cost_type":"labor",
            "description":"Work","quantity":1,"unit_cost_cents":100000,"markup_bps":0}])")) {
    user_id = std::stoll(api.db.scalar("SELECT user_id FROM api_tokens ORDER BY id DESC LIMIT 1"));
    org_id =
        std::stoll(api.db.scalar("SELECT org_id FROM users WHERE id = " + std::to_string(user_id)));
  }

  // A pending change order: 1 x $4,950.00, "Added outlets".
  std::string pending_change_order() {
    std::string order =
        at(expect(api, 201, "POST", "/api/v1/projects/" + project.id + "/change-orders",
                  project.token, R"({"title":"Added outlets","lines":[{"cost_code":"26-100",
                  "cost_type":"subcontract","description":"Outlets","quantity":1,
                  "unit_cost_cents":495000,"markup_bps":0}]})"),
           "id");
    expect(api, 200, "POST", "/api/v1/change-orders/" + order + "/submit", project.token);
    return order;
  }
  // A sent estimate of $2,000.00.
  std::string sent_estimate() {
    std::string estimate =
        at(expect(api, 201, "POST", "/api/v1/projects/" + project.id + "/estimates", project.token,
                  R"({"title":"Deck","lines":[{"cost_code":"06-100",
                  "cost_type":"labor","description":"Deck","quantity":1,
                  "unit_cost_cents":200000,"markup_bps":0}]})"),
           "id");
    expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/send", project.token);
    return estimate;
  }

  // A request for signature, as "Send for signature" makes it: the links.
  operations::IssuedSignatureRequest send_for_signature(
      domain::SignedDocumentKind kind, const std::string& id,
      const std::vector<domain::SignerInput>& signers) {
    return testing::send_for_signature(api.db, org_id, user_id, kind, std::stoll(id), signers);
  }
};

// The path of a link ("/sign/…") of PUBLIC_URL's.
std::string path_of(const std::string& link) {
  std::string path = sign_path(link);
  REQUIRE(!path.empty());
  return path;
}

std::string count_events(ApiServer& api, std::int64_t request_id, const std::string& type) {
  return api.db.scalar("SELECT count(*) FROM signature_events WHERE request_id = " +
                       std::to_string(request_id) + " AND type = '" + type + "'");
}

// Continue, ask for a code and type it: where a signer may consent or decline.
void confirm_by_code(ApiServer& api, SignerBrowser& signer, const std::string& link,
                     const std::string& email) {
  REQUIRE(signer.post(link).status == 303);
  REQUIRE(signer.get(link + "/document").status == 200);
  REQUIRE(signer.post(link + "/code").status == 303);
  REQUIRE(signer.post(link + "/code/check", {{"code", queued_code(api.db, email)}}).status == 303);
  REQUIRE(signer.get(link + "/document").status == 200);
}

const domain::SignerInput kOwner{"Owen Owner", "owen@owner.example", "owner"};
const domain::SignerInput kArchitect{"Ada Architect", "ada@architect.example", "architect"};

// The one page of a link that opens nothing.
void check_invalid(const HttpResult& r, const HttpResult& reference) {
  CHECK(r.status == 404);
  CHECK(shows(r, "This link is no longer valid"));
  CHECK(r.body == reference.body);
}

HttpResult unknown_link(int port) {
  return http_get(port, "/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}

void check_headers(const std::vector<HttpResult>& answers) {
  for (const HttpResult& r : answers) {
    INFO(r.status << " " << r.body.substr(0, 200));
    CHECK(r.header("referrer-policy") == "no-referrer");
    CHECK(r.header("cache-control") == "no-store");
    // No staff session is made for a signer.
    for (const std::string& set : r.set_cookies) CHECK_FALSE(set.starts_with("session="));
  }
}

}  // namespace

TEST_CASE("a signing link opened by GET only spends nothing and records nothing", "[process]") {
  ApiServer& api = shared_api_server();
  Office office(api);
  auto issued = office.send_for_signature(domain::SignedDocumentKind::change_order,
                                          office.pending_change_order(), {kOwner});
  std::int64_t id = issued.request.request.id;
  std::string link = path_of(issued.links.at(0));

  SignerBrowser scanner{api.server->port()};
  for (int i = 0; i < 3; ++i) {
    HttpResult opened = scanner.get(link);
    REQUIRE(opened.status == 200);
    CHECK(shows(opened, "asks for your signature"));
    CHECK(shows(opened, "Change order CO-"));
    CHECK(shows(opened, "$4,950.00"));
    CHECK(shows(opened, "Owen Owner"));
    CHECK(shows(opened, "<dt>Sent by</dt><dd>owner"));  // the sender has no name: their email
    CHECK(shows(opened, ">Continue</button>"));
    CHECK(opened.set_cookies.empty());
    CHECK(invalid_html({{"link", opened.body}}).empty());
  }
  CHECK(count_events(api, id, "viewed") == "0");
  CHECK(api.db.scalar("SELECT status FROM signature_signers WHERE request_id = " +
                      std::to_string(id)) == "pending");

  // The link still works: Continue records `viewed` and gives the signer
  // cookie, for /sign only.
  SignerBrowser owner{api.server->port()};
  HttpResult continued = owner.post(link);
  REQUIRE(continued.status == 303);
  CHECK(continued.header("location") == link + "/document?done=continued");
  REQUIRE(continued.set_cookies.size() == 1);
  const std::string& set = continued.set_cookies[0];
  CHECK(set.starts_with("signer="));
  CHECK(set.find("; Path=/sign;") != std::string::npos);
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  CHECK(count_events(api, id, "viewed") == "1");
  HttpResult document = owner.get(link + "/document?done=continued");
  CHECK(document.status == 200);
  CHECK(shows(document, "Read the document below"));
  CHECK(shows(document, "Email me a code"));
  CHECK(shows(document, "Outlets"));
  CHECK(invalid_html({{"document", document.body}}).empty());
  HttpResult pdf = owner.get(link + "/document.pdf");
  CHECK(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  // The stored bytes, as sent: their SHA-256 is the request's.
  CHECK(domain::hex_digits(operations::hash_token(pdf.body)) ==
        api.db.scalar("SELECT encode(pdf_sha256, 'hex') FROM signature_requests WHERE id = " +
                      std::to_string(id)));
  check_headers(scanner.answers);
  check_headers(owner.answers);
}

TEST_CASE("an expired signing link answers the one invalid page", "[process]") {
  ApiServer& api = shared_api_server();
  Office office(api);
  auto issued = office.send_for_signature(domain::SignedDocumentKind::change_order,
                                          office.pending_change_order(), {kOwner});
  std::int64_t id = issued.request.request.id;
  std::string link = path_of(issued.links.at(0));
  SignerBrowser owner{api.server->port()};
  REQUIRE(owner.post(link).status == 303);
  REQUIRE(owner.get(link + "/document").status == 200);

  api.db.exec("UPDATE signature_requests SET expires_on = current_date - 1 WHERE id = " +
              std::to_string(id));
  HttpResult reference = unknown_link(api.server->port());
  check_invalid(owner.get(link), reference);
  check_invalid(owner.get(link + "/document"), reference);
  check_invalid(owner.get(link + "/document.pdf"), reference);
  check_invalid(owner.post(link + "/decline", {{"reason", "Too late"}}), reference);
  check_invalid(owner.post(link), reference);
  CHECK(api.db.scalar("SELECT status FROM signature_requests WHERE id = " + std::to_string(id)) ==
        "expired");
  CHECK(count_events(api, id, "expired") == "1");
  check_headers(owner.answers);
}

TEST_CASE("a document edited after sending voids its request, and the old link says so",
          "[process]") {
  ApiServer& api = shared_api_server();
  Office office(api);
  std::string estimate = office.sent_estimate();
  auto issued = office.send_for_signature(domain::SignedDocumentKind::estimate, estimate, {kOwner});
  std::string link = path_of(issued.links.at(0));
  SignerBrowser owner{api.server->port()};
  REQUIRE(owner.post(link).status == 303);
  REQUIRE(owner.get(link + "/document").status == 200);

  // The office revises the estimate: a new version, so the request is void.
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/revise", office.project.token);
  CHECK(api.db.scalar("SELECT status FROM signature_requests WHERE id = " +
                      std::to_string(issued.request.request.id)) == "voided");
  HttpResult reference = unknown_link(api.server->port());
  check_invalid(owner.get(link), reference);
  check_invalid(owner.get(link + "/document"), reference);
  check_invalid(owner.post(link + "/code"), reference);
  check_headers(owner.answers);
}

TEST_CASE("signers are emailed, in the pages' words, when the office withdraws the request",
          "[process]") {
  if (!smtp_sink_available()) return;
  ApiServer& api = shared_api_server();
  SmtpSink sink;
  auto mailer = start_mailer(api.db.url(), sink.url());
  Office office(api);
  std::string order = office.pending_change_order();
  auto issued = office.send_for_signature(domain::SignedDocumentKind::change_order, order,
                                          {kOwner, kArchitect});
  std::string id = std::to_string(issued.request.request.id);
  expect(api, 200, "POST", "/api/v1/signature-requests/" + id + "/void", office.project.token,
         R"({"reason":"Wrong architect on the request"})");

  // The void's commit wakes the mailer (no timer): each signer's email is
  // at the SMTP server within seconds (20 s is a bound on "it happened").
  auto withdrawn_to = [&](const std::string& email) {
    for (const std::string& m : sink.messages())
      if (header_value(m, "To").find(email) != std::string::npos &&
          header_value(m, "Subject").starts_with("Withdrawn: Change order CO-"))
        return m;
    return std::string();
  };
  for (int i = 0; i < 200 && (withdrawn_to(kOwner.email).empty() ||
                              withdrawn_to(kArchitect.email).empty());
       ++i)
    std::this_thread::sleep_for(100ms);
  std::string owner = withdrawn_to(kOwner.email);
  REQUIRE_FALSE(owner.empty());
  CHECK_FALSE(withdrawn_to(kArchitect.email).empty());
  CHECK(header_value(owner, "Subject") == "Withdrawn: " + issued.request.request.document_name);
  CHECK(owner.find("Wrong architect on the request") != std::string::npos);
  CHECK(owner.find("The link in the earlier email no longer opens") != std::string::npos);
  // A reply reaches whoever sent the request.
  CHECK(header_value(owner, "Reply-To").find("@") != std::string::npos);
  CHECK(api.db.scalar("SELECT signers_told_at IS NOT NULL FROM signature_requests WHERE id = " +
                      id) == "t");
}

TEST_CASE("one signer's cookie opens nothing on another signer's link", "[process]") {
  ApiServer& api = shared_api_server();
  Office office(api);
  auto issued = office.send_for_signature(domain::SignedDocumentKind::change_order,
                                          office.pending_change_order(), {kOwner, kArchitect});
  std::string owner_link = path_of(issued.links.at(0));
  std::string architect_link = path_of(issued.links.at(1));
  auto other = office.send_for_signature(domain::SignedDocumentKind::change_order,
                                         office.pending_change_order(), {kOwner});
  std::string other_link = path_of(other.links.at(0));

  SignerBrowser owner{api.server->port()};
  REQUIRE(owner.post(owner_link).status == 303);
  REQUIRE(owner.get(owner_link + "/document").status == 200);
  HttpResult reference = unknown_link(api.server->port());
  for (const std::string& link : {architect_link, other_link}) {
    INFO(link);
    check_invalid(owner.get(link + "/document"), reference);
    check_invalid(owner.get(link + "/document.pdf"), reference);
    // The owner's own cookie and form token, on another's link.
    check_invalid(owner.post(link + "/decline", {{"reason", "Not mine"}}), reference);
    check_invalid(owner.post(link + "/code"), reference);
  }
  // Nothing happened to the others, and the owner's own link still works.
  CHECK(api.db.scalar("SELECT count(*) FROM signature_signers WHERE status <> 'pending' AND "
                      "request_id IN (" +
                      std::to_string(other.request.request.id) + ")") == "0");
  CHECK(api.db.scalar("SELECT status FROM signature_signers WHERE email = 'ada@architect.example' "
                      "AND request_id = " +
                      std::to_string(issued.request.request.id)) == "pending");
  CHECK(owner.get(owner_link + "/document").status == 200);
  // A form without its token, or posted from another site, does nothing.
  CHECK(owner.post(owner_link + "/decline", {{"reason", "x"}, {"csrf_token", "forged"}}).status ==
        403);
  SignerBrowser stranger{api.server->port()};
  CHECK(stranger.post(architect_link, {}, {{"Sec-Fetch-Site", "cross-site"}}).status == 403);
  CHECK(count_events(api, issued.request.request.id, "declined") == "0");
  check_headers(owner.answers);
}

TEST_CASE("a signer declines through the pages, with the reason required", "[process]") {
  ApiServer& api = shared_api_server();
  Office office(api);
  std::string order = office.pending_change_order();
  auto issued = office.send_for_signature(domain::SignedDocumentKind::change_order, order,
                                          {kOwner, kArchitect});
  std::int64_t id = issued.request.request.id;
  std::string link = path_of(issued.links.at(1));
  SignerBrowser architect{api.server->port()};
  REQUIRE(architect.post(link).status == 303);
  // Before the code, the page tells how to decline and offers no form.
  HttpResult before = architect.get(link + "/document");
  CHECK(shows(before, "confirm it is you with the code above first"));
  CHECK_FALSE(shows(before, "action=\"" + link + "/decline\""));
  confirm_by_code(api, architect, link, kArchitect.email);
  CHECK(shows(architect.answers.back(), "action=\"" + link + "/decline\""));

  HttpResult blank = architect.post(link + "/decline", {{"reason", "  "}});
  CHECK(blank.status == 422);
  CHECK(shows(blank, "Say why you decline"));
  CHECK(shows(blank, "<details open>"));
  CHECK(invalid_html({{"blank reason", blank.body}}).empty());
  CHECK(api.db.scalar("SELECT status FROM signature_requests WHERE id = " + std::to_string(id)) ==
        "sent");

  HttpResult declined =
      architect.post(link + "/decline", {{"reason", "The outlets are in the wrong room."}});
  CHECK(declined.status == 200);
  CHECK(shows(declined, "<h1>Declined</h1>"));
  CHECK(shows(declined, "is told, with your reason"));
  CHECK(invalid_html({{"declined", declined.body}}).empty());
  CHECK(api.db.scalar("SELECT status || ': ' || status_reason FROM signature_requests WHERE id = " +
                      std::to_string(id)) == "declined: The outlets are in the wrong room.");
  CHECK(count_events(api, id, "declined") == "1");
  // The change order waits as it was; the link, and the other's, open nothing.
  CHECK(at(expect(api, 200, "GET", "/api/v1/change-orders/" + order, office.project.token),
           "status") == "pending");
  HttpResult reference = unknown_link(api.server->port());
  check_invalid(architect.get(link + "/document"), reference);
  check_invalid(architect.get(path_of(issued.links.at(0))), reference);
  check_headers(architect.answers);
}

TEST_CASE("a signer confirms by code, consents and approves, each mistake shown by its field",
          "[process]") {
  if (!smtp_sink_available()) return;
  ApiServer& api = shared_api_server();
  SmtpSink sink;
  auto mailer = start_mailer(api.db.url(), sink.url());
  Office office(api);
  std::string order = office.pending_change_order();
  auto issued =
      office.send_for_signature(domain::SignedDocumentKind::change_order, order, {kOwner});
  std::int64_t id = issued.request.request.id;
  std::string link = path_of(issued.links.at(0));
  SignerBrowser owner{api.server->port()};
  REQUIRE(owner.post(link).status == 303);
  REQUIRE(owner.get(link + "/document").status == 200);

  HttpResult asked = owner.post(link + "/code");
  REQUIRE(asked.status == 303);
  CHECK(asked.header("location") == link + "/document?done=code-sent");
  HttpResult waiting = owner.get(link + "/document?done=code-sent");
  CHECK(shows(waiting, "We emailed a code to owen@owner.example"));
  CHECK(shows(waiting, R"(inputmode="numeric" autocomplete="one-time-code")"));
  // Asked again at once: 429, a plain message, the time to wait.
  HttpResult again = owner.post(link + "/code");
  CHECK(again.status == 429);
  CHECK_FALSE(again.header("retry-after").empty());
  CHECK(shows(again, "A code was sent a short while ago"));

  // The code, from the second email (the first is the link's).
  std::string code;
  REQUIRE(wait_until(
      [&] {
        for (const std::string& m : sink.messages()) {
          std::smatch found;
          if (header_value(m, "To").find("owen@owner.example") != std::string::npos &&
              std::regex_search(m, found, std::regex(R"(Your signing code: (\d{6}))")))
            code = found[1];
        }
        return !code.empty();
      },
      60s));
  std::string wrong = code == "000000" ? "111111" : "000000";

  HttpResult short_code = owner.post(link + "/code/check", {{"code", "12345"}});
  CHECK(short_code.status == 422);
  CHECK(shows(short_code, "Type the 6 digits"));
  CHECK(shows(short_code, R"(aria-invalid="true" aria-describedby="code-error")"));
  HttpResult wrong_code = owner.post(link + "/code/check", {{"code", wrong}});
  CHECK(wrong_code.status == 422);
  CHECK(shows(wrong_code, "That code is not right"));
  CHECK(count_events(api, id, "code_rejected") == "1");
  CHECK(invalid_html({{"wrong code", wrong_code.body}}).empty());

  HttpResult accepted =
      owner.post(link + "/code/check", {{"code", code.substr(0, 3) + " " + code.substr(3)}});
  REQUIRE(accepted.status == 303);
  HttpResult consent = owner.get(link + "/document?done=code-accepted");
  CHECK(shows(consent, "Code accepted"));
  CHECK(shows(consent, "Your right to paper"));
  CHECK(shows(consent, "Disclosure version 2026-12-05"));
  CHECK(shows(consent, "I agree to sign electronically"));
  CHECK(invalid_html({{"consent", consent.body}}).empty());

  HttpResult unticked = owner.post(link + "/consent", {{"consent_version", "2026-12-05"}});
  CHECK(unticked.status == 422);
  CHECK(shows(unticked, "to go on, or decline"));
  REQUIRE(
      owner.post(link + "/consent", {{"consent_version", "2026-12-05"}, {"agree", "yes"}}).status ==
      303);
  HttpResult sign = owner.get(link + "/document?done=consented");
  CHECK(shows(sign, "Your consent is recorded"));
  CHECK(shows(sign, "for $4,950.00"));
  CHECK(shows(sign, R"(autocomplete="name")"));
  CHECK(invalid_html({{"sign", sign.body}}).empty());

  HttpResult nameless = owner.post(link + "/approve", {{"typed_name", " "}});
  CHECK(nameless.status == 422);
  CHECK(shows(nameless, "Type your full name to sign."));
  HttpResult signed_ = owner.post(link + "/approve", {{"typed_name", "Owen Owner"}});
  CHECK(signed_.status == 200);
  CHECK(shows(signed_, "<h1>Signed</h1>"));
  CHECK(shows(signed_, "is on its way to owen@owner.example"));
  CHECK(invalid_html({{"signed", signed_.body}}).empty());
  CHECK(at(expect(api, 200, "GET", "/api/v1/change-orders/" + order, office.project.token),
           "status") == "approved");
  // The code, once used, opens nothing more; nor does the link.
  check_invalid(owner.post(link + "/code/check", {{"code", code}}),
                unknown_link(api.server->port()));
  check_headers(owner.answers);
}
