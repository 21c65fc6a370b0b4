// Signature requests as the office sends them: the PDF stored byte for byte
// with its SHA-256, one link per signer (only its hash kept) in one email
// each, a `sent` event per signer; only a document waiting for a decision
// goes; a change to the document, by any path, voids its open request and
// its links open nothing; another organisation's ids are not found; and the
// events refuse UPDATE, DELETE and TRUNCATE to the role the server connects
// with.
#include <catch2/catch.hpp>

#include "operations/document_pdfs.hpp"
#include "operations/signature_evidence.hpp"
#include "sql/error.hpp"
#include "test/operations/signature_job.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::kFraming;
using construction::testing::kOutlets;
using construction::testing::kSignatureMail;
using construction::testing::refusal_of;
using construction::testing::SignatureJob;
using construction::testing::token_of;
using domain::SignedDocumentKind;

namespace {

std::vector<domain::SignerInput> owner_and_architect() {
  return {{"Olga Owner", "olga@owner.example", "owner"},
          {"Arch Itect", "arch@studio.example", "architect"}};
}

}  // namespace

TEST_CASE("a request keeps the PDF as sent and emails each signer their own link", "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  DocumentPdf pdf = document_pdf(job.db, job.org, DocumentKind::change_order, order);

  IssuedSignatureRequest issued =
      job.send(SignedDocumentKind::change_order, order, owner_and_architect());
  const sql::SignatureRequestRecord& r = issued.request.request;
  CHECK(r.status == domain::SignatureStatus::sent);
  CHECK(r.document_name == "Change order CO-001, Added outlets");
  CHECK(r.amount_cents == domain::Cents{495000});
  CHECK(domain::intent_sentence(r.kind, r.document_name, r.amount_cents) ==
        "I approve change order CO-001, Added outlets, for $4,950.00");
  CHECK(r.project_name == "Harper kitchen remodel");
  CHECK(r.org_name == "Harper Builders");
  CHECK(r.sent_by_name == "Sam Sender");
  CHECK(r.pdf_filename == pdf.filename);
  // The PDF byte for byte, and its SHA-256.
  CHECK(sql::signature_request_pdf(job.db, job.org, r.id) == pdf.bytes);
  CHECK(r.pdf_sha256 == sha256_bytes(pdf.bytes));
  CHECK(job.count("SELECT encode(pdf_sha256, 'hex') = encode(sha256(pdf), 'hex') "
                  "FROM signature_requests") == "t");
  // Fourteen days unless the sender says otherwise.
  CHECK(job.count("SELECT expires_on - (now() AT TIME ZONE 'UTC')::date FROM signature_requests") ==
        "14");

  REQUIRE(issued.request.signers.size() == 2);
  REQUIRE(issued.links.size() == 2);
  CHECK(issued.request.signers[0].status == domain::SignerStatus::pending);
  CHECK(issued.request.signers[1].role == domain::SignerRole::architect);
  for (std::size_t i = 0; i < 2; ++i) {
    std::string token = token_of(issued.links[i]);
    CHECK(issued.links[i] == "https://app.example.com/sign/" + token);
    CHECK(token.size() == 43);  // 256 random bits
    CHECK(job.last_mail(issued.request.signers[i].email,
                        "Sign Change order CO-001, Added outlets") == issued.links[i]);
    // Only the token's hash is stored.
    CHECK(job.count("SELECT count(*) FROM signature_signers WHERE token_hash = '" +
                    bytea_literal(hash_token(token)) + "'::bytea") == "1");
  }
  CHECK(token_of(issued.links[0]) != token_of(issued.links[1]));
  // Emails holding a link are on no record: nobody in the office reads them back.
  CHECK(job.count("SELECT count(*) FROM messages WHERE record IS NULL") == "2");
  CHECK(job.count("SELECT string_agg(type || ' ' || ip || ' ' || user_agent, ', ' ORDER BY id) "
                  "FROM signature_events") == "sent 198.51.100.1 Office, sent 198.51.100.1 Office");

  SignatureRequestDetail detail = get_signature_request(job.db, job.sender, r.id);
  CHECK(detail.events.size() == 2);
  CHECK(detail.signers.size() == 2);
  auto listed =
      list_signature_requests(job.db, job.sender, {SignedDocumentKind::change_order, order});
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].request.id == r.id);
}

TEST_CASE("only a document waiting for a decision is sent, once at a time", "[pg]") {
  SignatureJob job;
  std::int64_t accepted = job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  auto send = [&](SignedDocumentKind kind, std::int64_t id,
                  std::vector<domain::SignerInput> signers, const SignatureMail& mail) {
    return refusal_of([&] {
      create_signature_request(job.db, job.sender, {kind, id}, {signers, "", std::nullopt}, mail);
    });
  };
  std::vector<domain::SignerInput> olga{{"Olga Owner", "olga@owner.example", "owner"}};

  // An accepted estimate and a draft change order wait for nobody.
  CHECK(send(SignedDocumentKind::estimate, accepted, olga, kSignatureMail) == "invalid_state");
  operations::NewChangeOrder draft;
  draft.fields = {"", "Draft", "", 0};
  draft.lines = job.priced(kOutlets);
  std::int64_t draft_id =
      create_change_order(job.db, job.org, job.project, [&] { return draft; }).order.id;
  CHECK(send(SignedDocumentKind::change_order, draft_id, olga, kSignatureMail) == "invalid_state");
  CHECK(send(SignedDocumentKind::change_order, 999999, olga, kSignatureMail) == "not_found");

  // Signers: each a name, an address and a role, one address once.
  CHECK(send(SignedDocumentKind::change_order, order, {}, kSignatureMail) ==
        "invalid_fields signers");
  CHECK(
      send(SignedDocumentKind::change_order, order,
           {{"Olga Owner", "olga@owner.example", "owner"}, {"Olga", "OLGA@owner.example", "owner"}},
           kSignatureMail) == "invalid_fields signers[1].email");
  CHECK(send(SignedDocumentKind::change_order, order, {{"Olga", "not an address", "owner"}},
             kSignatureMail) == "invalid_fields signers[0].email");
  CHECK(send(SignedDocumentKind::change_order, order, {{"Olga", "olga@owner.example", "boss"}},
             kSignatureMail) == "invalid_fields signers[0].role");
  CHECK(refusal_of([&] {
          create_signature_request(job.db, job.sender, {SignedDocumentKind::change_order, order},
                                   {olga, "", "2020-01-01"}, kSignatureMail);
        }) == "invalid_fields expires_on");
  // No PUBLIC_URL, no link.
  SignatureMail no_url = kSignatureMail;
  no_url.public_url.clear();
  CHECK(send(SignedDocumentKind::change_order, order, olga, no_url) == "invalid_state");
  CHECK(job.count("SELECT count(*) FROM signature_requests") == "0");
  CHECK(job.count("SELECT count(*) FROM messages") == "0");

  // One open request per document.
  CHECK(send(SignedDocumentKind::change_order, order, olga, kSignatureMail) == "done");
  CHECK(send(SignedDocumentKind::change_order, order, olga, kSignatureMail) == "conflict");
}

TEST_CASE("a document changed after sending voids its request, and the old link opens nothing",
          "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);

  SECTION("a change order edited by any path") {
    std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
    auto issued = job.send(SignedDocumentKind::change_order, order, owner_and_architect());
    std::string token = token_of(issued.links[0]);
    REQUIRE(open_signing(job.db, token));
    // Not through the operations: the trigger sees every write.
    job.scratch.exec(
        "UPDATE change_orders SET title = 'Added outlets and USB', "
        "version = version + 1");
    auto detail = get_signature_request(job.db, job.sender, issued.request.request.id);
    CHECK(detail.request.status == domain::SignatureStatus::voided);
    CHECK(detail.request.status_reason ==
          "The change order changed after it was sent for signature");
    CHECK(detail.events.back().type == domain::SignatureEventType::voided);
    CHECK_FALSE(open_signing(job.db, token));
    CHECK_FALSE(continue_signing(job.db, token, testing::kPhone));
    // A new request may go now.
    CHECK(job.send(SignedDocumentKind::change_order, order, owner_and_architect())
              .request.request.status == domain::SignatureStatus::sent);
  }
  SECTION("a change order rejected in the office") {
    std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
    auto issued = job.send(SignedDocumentKind::change_order, order, owner_and_architect());
    transition_change_order(job.db, job.org, order, domain::ChangeOrderAction::reject);
    CHECK(job.count("SELECT status FROM signature_requests") == "voided");
    CHECK_FALSE(open_signing(job.db, token_of(issued.links[1])));
  }
  SECTION("an estimate revised") {
    std::int64_t second =
        create_project(job.db, job.org, sql::ProjectFields{.number = "P-2", .name = "Porch"}).id;
    std::int64_t estimate = job.sent_estimate(kFraming, 0, second);
    auto issued = job.send(SignedDocumentKind::estimate, estimate,
                           {{"Cleo Client", "cleo@client.example", "client"}});
    transition_estimate(job.db, job.org, estimate, domain::EstimateAction::revise);
    auto detail = get_signature_request(job.db, job.sender, issued.request.request.id);
    CHECK(detail.request.status == domain::SignatureStatus::voided);
    CHECK(detail.request.status_reason ==
          "The estimate was revised after it was sent for signature");
    CHECK_FALSE(open_signing(job.db, token_of(issued.links[0])));
  }
  SECTION("a pay application returned to draft") {
    std::int64_t application = job.submitted_pay_application(400000);
    auto issued = job.send(SignedDocumentKind::pay_application, application,
                           {{"Arch Itect", "arch@studio.example", "architect"}});
    transition_pay_application(job.db, job.org, application, domain::PayApplicationAction::return_);
    auto detail = get_signature_request(job.db, job.sender, issued.request.request.id);
    CHECK(detail.request.status == domain::SignatureStatus::voided);
    CHECK(detail.request.status_reason ==
          "The pay application changed after it was sent for signature");
    CHECK_FALSE(open_signing(job.db, token_of(issued.links[0])));
  }
}

TEST_CASE("accepting one estimate voids the requests open on the project's others", "[pg]") {
  SignatureJob job;
  // Two options priced for the same project, both sent; the client is
  // asked to sign the second, then accepts the first in the office.
  std::int64_t first = job.sent_estimate(kFraming);
  std::int64_t second = job.sent_estimate(kFraming, 825);
  std::int64_t elsewhere =
      create_project(job.db, job.org, sql::ProjectFields{.number = "P-2", .name = "Porch"}).id;
  std::int64_t other_project = job.sent_estimate(kFraming, 0, elsewhere);
  auto issued = job.send(SignedDocumentKind::estimate, second,
                         {{"Cleo Client", "cleo@client.example", "client"}});
  auto untouched = job.send(SignedDocumentKind::estimate, other_project,
                            {{"Cleo Client", "cleo@client.example", "client"}});
  transition_estimate(job.db, job.org, first, domain::EstimateAction::accept);

  auto detail = get_signature_request(job.db, job.sender, issued.request.request.id);
  CHECK(detail.request.status == domain::SignatureStatus::voided);
  CHECK(detail.request.status_reason == "Another estimate of the project was accepted");
  CHECK(detail.events.back().type == domain::SignatureEventType::voided);
  CHECK_FALSE(open_signing(job.db, token_of(issued.links[0])));
  // Another project's request is not this acceptance's business.
  CHECK(get_signature_request(job.db, job.sender, untouched.request.request.id).request.status ==
        domain::SignatureStatus::sent);
  CHECK(open_signing(job.db, token_of(untouched.links[0])));
}

TEST_CASE("voiding ends an open request with its reason", "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  auto issued = job.send(SignedDocumentKind::change_order, order, owner_and_architect());
  std::int64_t id = issued.request.request.id;

  CHECK(refusal_of([&] { void_signature_request(job.db, job.sender, id, " "); }) ==
        "invalid_fields reason");
  auto detail = void_signature_request(job.db, job.sender, id, "Wrong client", {"10.0.0.1", "UA"});
  CHECK(detail.request.status == domain::SignatureStatus::voided);
  CHECK(detail.request.status_reason == "Wrong client");
  CHECK(detail.events.back().type == domain::SignatureEventType::voided);
  CHECK(detail.events.back().detail == "Wrong client");
  CHECK(detail.events.back().ip == "10.0.0.1");
  CHECK(refusal_of([&] { void_signature_request(job.db, job.sender, id, "Again"); }) ==
        "invalid_state");
  CHECK_FALSE(open_signing(job.db, token_of(issued.links[0])));
  // The change order is as it was: voiding a request decides nothing.
  CHECK(job.count("SELECT status FROM change_orders") == "pending");
}

TEST_CASE("another organisation's requests and documents are not found", "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  auto issued = job.send(SignedDocumentKind::change_order, order, owner_and_architect());
  std::int64_t id = issued.request.request.id;

  std::int64_t other_org = sql::find_or_create_organisation(job.db, "Rival Builders").id;
  auto rival_user =
      sql::insert_user(job.db, other_org, {"rita@rival.example", "Rita", domain::Role::owner, true},
                       hash_password("rival password"));
  Caller rival{rival_user.id, other_org, 0, domain::Role::owner};

  CHECK(refusal_of([&] { get_signature_request(job.db, rival, id); }) == "not_found");
  CHECK(refusal_of([&] { void_signature_request(job.db, rival, id, "Mine now"); }) == "not_found");
  CHECK(refusal_of([&] { signature_request_pdf(job.db, rival, id); }) == "not_found");
  CHECK(refusal_of([&] { sealed_signature_pdf(job.db, rival, id); }) == "not_found");
  CHECK(refusal_of([&] {
          list_signature_requests(job.db, rival, {SignedDocumentKind::change_order, order});
        }) == "not_found");
  CHECK(refusal_of([&] {
          create_signature_request(job.db, rival, {SignedDocumentKind::change_order, order},
                                   {owner_and_architect(), "", std::nullopt}, kSignatureMail);
        }) == "not_found");
  CHECK(job.count("SELECT status FROM signature_requests") == "sent");
}

TEST_CASE("the events refuse UPDATE, DELETE and TRUNCATE to the application's role", "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  job.send(SignedDocumentKind::change_order, order, owner_and_architect());
  // The role the server connects with ($DATABASE_URL's), which owns the table.
  CHECK(job.count("SELECT tableowner = current_user FROM pg_tables "
                  "WHERE tablename = 'signature_events'") == "t");

  for (std::string statement :
       {"UPDATE signature_events SET ip = '127.0.0.1'", "DELETE FROM signature_events",
        "TRUNCATE signature_events CASCADE", "TRUNCATE signature_requests CASCADE"}) {
    INFO(statement);
    try {
      job.db.exec(statement);
      FAIL("the statement ran");
    } catch (const sql::DatabaseError& error) {
      CHECK(error.sqlstate() == "42501");
      CHECK(std::string(error.what()).find("append-only") != std::string::npos);
    }
  }
  // Nor do the events go with their request: they hold it by a foreign key.
  try {
    job.db.exec("DELETE FROM signature_requests");
    FAIL("the request was deleted");
  } catch (const sql::DatabaseError& error) {
    CHECK(error.sqlstate() == "23503");
  }
  CHECK(job.count("SELECT count(*) || ' ' || string_agg(ip, ',') FROM signature_events") ==
        "2 198.51.100.1,198.51.100.1");
}
