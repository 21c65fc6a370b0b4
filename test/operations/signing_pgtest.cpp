// What a signer does, through operations/signing.hpp, against a real
// database: opening a link spends and records nothing; continuing starts a
// session of its own; a code of 6 digits dies after 5 wrong tries and once
// used; consent comes after the code and approval after the consent; one
// signer's link with another's session opens nothing; an expired link opens
// nothing; a decline declines the request and tells the sender; and the
// last approval moves the document in the same transaction, exactly as the
// office's own transition does (Done-when 4).
//
// Figures worked out by hand:
//   Estimate EST-001, Framing 1 ls x 10,000.00 (no markup) = 10,000.00: the
//   contract sum once accepted.
//   CO-001 Added outlets: 10 ea x 450.00 = 4,500.00 +10 % = 4,950.00; the
//   contract sum to date goes from 10,000.00 to 14,950.00.
//   Pay application No. 1, retainage 10 % on work: work this period
//   4,000.00; retainage 400.00; earned less retainage 3,600.00; previous
//   certificates 0; current payment due 3,600.00: certified 3,600.00, and
//   its invoice is for 3,600.00.
#include <catch2/catch.hpp>
#include <thread>

#include "domain/hex.hpp"
#include "operations/budget.hpp"
#include "operations/signature_evidence.hpp"
#include "sql/invoice_store.hpp"
#include "sql/pay_application_store.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "test/operations/signature_job.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::continue_as;
using construction::testing::kFraming;
using construction::testing::kOutlets;
using construction::testing::kPhone;
using construction::testing::kSignatureMail;
using construction::testing::refusal_of;
using construction::testing::sign;
using construction::testing::SignatureJob;
using construction::testing::Signer;
using construction::testing::token_of;
using domain::SignedDocumentKind;

namespace {

// A pending change order sent to the owner and the architect.
struct SentOrder {
  SignatureJob job;
  std::int64_t order = 0;
  IssuedSignatureRequest issued;

  SentOrder() {
    job.accepted_estimate(kFraming);
    order = job.pending_change_order("Added outlets", kOutlets);
    issued = job.send(SignedDocumentKind::change_order, order,
                      {{"Olga Owner", "olga@owner.example", "owner"},
                       {"Arch Itect", "arch@studio.example", "architect"}});
  }
  std::int64_t request() const { return issued.request.request.id; }
  Signer owner() { return continue_as(job, issued.links[0], "olga@owner.example"); }
  Signer architect() { return continue_as(job, issued.links[1], "arch@studio.example"); }
  std::string events() const {
    return job.count(
        "SELECT string_agg(type, ' ' ORDER BY id) FROM signature_events "
        "WHERE request_id = " +
        std::to_string(request()));
  }
  std::string code_for(const Signer& signer) {
    REQUIRE(send_code(job.db, signer.key(), kPhone, kSignatureMail).sent);
    return job.last_mail(signer.email, "Your code");
  }
};

domain::Cents contract_sum_to_date(SignatureJob& job, std::int64_t project) {
  return budget_report(job.db, job.org, project).profit.contract_sum_to_date;
}

// A code that is not `code`: its last digit moved on by one.
std::string wrong(std::string code) {
  code.back() = static_cast<char>('0' + (code.back() - '0' + 1) % 10);
  return code;
}

}  // namespace

TEST_CASE("opening a link shows the request and spends and records nothing", "[pg]") {
  SentOrder sent;
  std::string token = token_of(sent.issued.links[0]);
  for (int i = 0; i < 3; ++i) {  // a mail scanner, a preview, the signer
    auto view = open_signing(sent.job.db, token);
    REQUIRE(view);
    CHECK(view->request.org_name == "Harper Builders");
    CHECK(view->request.sent_by_name == "Sam Sender");
    CHECK(view->request.document_name == "Change order CO-001, Added outlets");
    CHECK(view->request.amount_cents == domain::Cents{495000});
    CHECK(view->request.project_name == "Harper kitchen remodel");
    CHECK(view->signer.name == "Olga Owner");
    CHECK(view->intent == "I approve change order CO-001, Added outlets, for $4,950.00");
  }
  CHECK(sent.events() == "sent sent");
  CHECK(sent.job.count("SELECT string_agg(status || coalesce(encode(session_hash, 'hex'), '-'), "
                       "' ') FROM signature_signers") == "pending- pending-");
  CHECK_FALSE(open_signing(sent.job.db, token.substr(1) + "A"));
  CHECK_FALSE(open_signing(sent.job.db, "not-a-token"));

  // Continuing is what counts as viewed, with who and from where.
  Signer owner = sent.owner();
  CHECK(owner.session.size() == 43);
  CHECK(sent.events() == "sent sent viewed");
  CHECK(sent.job.count("SELECT ip || ' ' || user_agent FROM signature_events "
                       "WHERE type = 'viewed'") ==
        "203.0.113.7 Mozilla/5.0 (iPhone) Mobile Safari");
  CHECK(sent.job.count("SELECT status FROM signature_signers WHERE email = 'olga@owner.example'") ==
        "viewed");
  auto view = signing_view(sent.job.db, owner.key());
  REQUIRE(view);
  CHECK(view->signer.status == domain::SignerStatus::viewed);
  CHECK(signing_pdf(sent.job.db, owner.key()) ==
        sql::signature_request_pdf(sent.job.db, sent.job.org, sent.request()));
}

TEST_CASE("a decline with a reason declines the request and tells the sender", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  Signer architect = sent.architect();
  // A decision in the signer's name asks for the code first.
  CHECK(refusal_of([&] { decline(sent.job.db, owner.key(), "No", kPhone, kSignatureMail); }) ==
        "invalid_state");
  REQUIRE(check_code(sent.job.db, owner.key(), sent.code_for(owner), kPhone) ==
          CodeCheck::accepted);
  CHECK(refusal_of([&] { decline(sent.job.db, owner.key(), "  ", kPhone, kSignatureMail); }) ==
        "invalid_fields reason");
  decline(sent.job.db, owner.key(), "The outlets were in the contract", kPhone, kSignatureMail);

  auto detail = get_signature_request(sent.job.db, sent.job.sender, sent.request());
  CHECK(detail.request.status == domain::SignatureStatus::declined);
  CHECK(detail.request.status_reason == "The outlets were in the contract");
  CHECK(detail.signers[0].status == domain::SignerStatus::declined);
  CHECK(detail.signers[0].decline_reason == "The outlets were in the contract");
  CHECK(detail.events.back().type == domain::SignatureEventType::declined);
  CHECK(detail.events.back().detail == "The outlets were in the contract");
  CHECK(sent.job.last_mail("sam@" + std::to_string(sent.job.org) + ".example",
                           "Olga Owner declined") == "The outlets were in the contract");
  // The change order waits in the office, pending; nobody else can sign.
  CHECK(sent.job.count("SELECT status FROM change_orders WHERE id = " +
                       std::to_string(sent.order)) == "pending");
  CHECK_FALSE(open_signing(sent.job.db, owner.token));
  CHECK_FALSE(open_signing(sent.job.db, architect.token));
  CHECK_FALSE(signing_view(sent.job.db, architect.key()));
}

TEST_CASE("an expired link opens nothing and is marked expired once", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  // Its last day (UTC) still works, to its end.
  sent.job.scratch.exec(
      "UPDATE signature_requests SET expires_on = (now() AT TIME ZONE 'UTC')::date");
  CHECK(open_signing(sent.job.db, owner.token));
  sent.job.scratch.exec(
      "UPDATE signature_requests SET expires_on = (now() AT TIME ZONE 'UTC')::date - 1");

  CHECK_FALSE(open_signing(sent.job.db, owner.token));
  CHECK(sent.job.count("SELECT status FROM signature_requests") == "expired");
  CHECK_FALSE(continue_signing(sent.job.db, owner.token, kPhone));
  CHECK_FALSE(signing_view(sent.job.db, owner.key()));
  CHECK(refusal_of([&] { send_code(sent.job.db, owner.key(), kPhone, kSignatureMail); }) ==
        "not_found");
  auto detail = get_signature_request(sent.job.db, sent.job.sender, sent.request());
  CHECK(detail.request.status == domain::SignatureStatus::expired);
  CHECK(sent.events() == "sent sent viewed expired");
}

// The mailer's turn (tell_signers_of_ended_requests), as `construction
// mailer` takes it before each round of deliveries.
TEST_CASE("signers of a request that ended unsigned are told once, the sender of an expiry too",
          "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();  // viewed; the architect has not opened it
  SignatureJob& job = sent.job;
  const std::string sam = "sam@" + std::to_string(job.org) + ".example";
  // Who got a message with this subject, in address order.
  auto told = [&](const std::string& subject) {
    return job.count("SELECT coalesce(string_agg(to_addresses[1], ' ' ORDER BY to_addresses[1]), "
                     "'') FROM messages WHERE subject = '" + subject + "'");
  };
  // An open request is nobody's news.
  CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 0);

  SECTION("voided in the office: every signer, once, with the reason") {
    void_signature_request(job.db, job.sender, sent.request(), "Wrong client");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 1);
    CHECK(told("Ended voided") == "arch@studio.example olga@owner.example");
    CHECK(job.last_mail("olga@owner.example", "Ended voided") == "Wrong client");
    CHECK(told("Expired (sender)").empty());
    // The office's outbox list of the change order shows them.
    CHECK(job.count("SELECT count(*) FROM messages WHERE subject = 'Ended voided' AND record = "
                    "'change_order:" + std::to_string(sent.order) + "'") == "2");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 0);
    CHECK(job.count("SELECT count(*) FROM messages WHERE subject = 'Ended voided'") == "2");
  }
  SECTION("voided by its document changing, by any path") {
    job.scratch.exec("UPDATE change_orders SET title = 'Added outlets and USB', "
                     "version = version + 1");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 1);
    CHECK(told("Ended voided") == "arch@studio.example olga@owner.example");
    CHECK(job.last_mail("arch@studio.example", "Ended voided") ==
          "The change order changed after it was sent for signature");
  }
  SECTION("expired: marked by the turn itself; the sender hears who had not signed") {
    sign(job, owner, "Olga Owner");
    job.scratch.exec(
        "UPDATE signature_requests SET expires_on = (now() AT TIME ZONE 'UTC')::date - 1");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 1);
    CHECK(job.count("SELECT status FROM signature_requests") == "expired");
    CHECK(sent.events().ends_with(" approved expired"));
    // Her approval no longer counts: she is told too.
    CHECK(told("Ended expired") == "arch@studio.example olga@owner.example");
    CHECK(told("Expired (sender)") == sam);
    CHECK(job.last_mail(sam, "Expired (sender)") == "Arch Itect");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 0);
  }
  SECTION("declined by one: the others are told, not who declined") {
    Signer architect = sent.architect();
    REQUIRE(check_code(job.db, architect.key(), sent.code_for(architect), kPhone) ==
            CodeCheck::accepted);
    decline(job.db, architect.key(), "Not in our scope", kPhone, kSignatureMail);
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 1);
    CHECK(told("Ended declined") == "olga@owner.example");
    CHECK(told("Arch Itect declined") == sam);  // the decline's own email, as before
  }
  SECTION("completed: nobody is told anything more") {
    sign(job, owner, "Olga Owner");
    sign(job, sent.architect(), "Arch Itect");
    CHECK(job.count("SELECT status FROM signature_requests") == "completed");
    CHECK(tell_signers_of_ended_requests(job.db, kSignatureMail) == 0);
    CHECK(job.count("SELECT count(*) FROM messages WHERE subject LIKE 'Ended%'") == "0");
  }
}

TEST_CASE("a sixth code is refused even when it is right", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  std::string code = sent.code_for(owner);
  REQUIRE(code.size() == 6);
  for (int i = 1; i <= 4; ++i)
    CHECK(check_code(sent.job.db, owner.key(), wrong(code), kPhone) == CodeCheck::wrong);
  CHECK(check_code(sent.job.db, owner.key(), wrong(code), kPhone) == CodeCheck::spent);
  CHECK(check_code(sent.job.db, owner.key(), code, kPhone) == CodeCheck::spent);
  // Five rejections recorded; a try at a dead code records nothing more.
  CHECK(sent.job.count("SELECT count(*) FROM signature_events WHERE type = 'code_rejected'") ==
        "5");
  CHECK(sent.job.count("SELECT count(*) FROM signature_events WHERE type = 'code_accepted'") ==
        "0");
  // Without a code accepted there is no consent and no signature.
  CHECK(refusal_of([&] {
          consent(sent.job.db, owner.key(), domain::kSigningConsentVersion, kPhone);
        }) == "invalid_state");
}

TEST_CASE("a code that worked cannot be used again, and codes are rate limited", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  std::string code = sent.code_for(owner);
  CHECK(signing_view(sent.job.db, owner.key())->code_pending);
  // A second code within 30 s is refused, saying how long to wait.
  CodeSending again = send_code(sent.job.db, owner.key(), kPhone, kSignatureMail);
  CHECK_FALSE(again.sent);
  CHECK(again.retry_after > 0);
  CHECK(again.retry_after <= 30);
  CHECK(sent.job.count("SELECT count(*) FROM messages WHERE subject = 'Your code'") == "1");

  CHECK(check_code(sent.job.db, owner.key(), code.substr(0, 3) + " " + code.substr(3), kPhone) ==
        CodeCheck::accepted);
  CHECK(check_code(sent.job.db, owner.key(), code, kPhone) == CodeCheck::spent);
  // The code is no longer stored at all.
  CHECK(sent.job.count("SELECT count(*) FROM signature_signers WHERE code_hash IS NOT NULL") ==
        "0");
  // Another signer's session cannot use it either: codes are the signer's.
  Signer architect = sent.architect();
  CHECK(check_code(sent.job.db, architect.key(), code, kPhone) == CodeCheck::spent);
}

TEST_CASE("continuing is limited to 20 sessions an hour per signer", "[pg]") {
  SentOrder sent;
  std::string token = token_of(sent.issued.links[0]);
  for (int i = 0; i < kSigningContinuesPerHour; ++i) {
    auto session = continue_signing(sent.job.db, token, kPhone);
    REQUIRE(session);
    CHECK(session->secret.size() == 43);
  }
  auto limited = continue_signing(sent.job.db, token, kPhone);
  REQUIRE(limited);
  CHECK(limited->secret.empty());
  CHECK(limited->retry_after > 3500);
  CHECK(sent.job.count("SELECT count(*) FROM signature_events WHERE type = 'viewed'") == "20");
  // The other signer is not held back by it.
  CHECK_FALSE(
      continue_signing(sent.job.db, token_of(sent.issued.links[1]), kPhone)->secret.empty());
}

TEST_CASE("consent comes after the code, and the signature after the consent", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  CHECK(refusal_of([&] {
          approve(sent.job.db, owner.key(), "Olga Owner", kPhone, kSignatureMail);
        }) == "invalid_state");
  REQUIRE(check_code(sent.job.db, owner.key(), sent.code_for(owner), kPhone) ==
          CodeCheck::accepted);
  CHECK(refusal_of([&] {
          approve(sent.job.db, owner.key(), "Olga Owner", kPhone, kSignatureMail);
        }) == "invalid_state");
  CHECK(refusal_of([&] { consent(sent.job.db, owner.key(), "1999-01-01", kPhone); }) ==
        "invalid_state");
  consent(sent.job.db, owner.key(), domain::kSigningConsentVersion, kPhone);
  consent(sent.job.db, owner.key(), domain::kSigningConsentVersion, kPhone);  // a reload
  CHECK(sent.job.count("SELECT consent_version || ' ' || encode(consent_sha256, 'hex') "
                       "FROM signature_signers WHERE consented_at IS NOT NULL") ==
        std::string(domain::kSigningConsentVersion) + " " +
            bytea_literal(signing_consent_sha256()).substr(2));
  CHECK(refusal_of([&] { approve(sent.job.db, owner.key(), " ", kPhone, kSignatureMail); }) ==
        "invalid_fields typed_name");

  // A new session (another browser with the link) starts over: code and
  // consent were the old session's, and the old session ends.
  Signer again = sent.owner();
  CHECK_FALSE(signing_view(sent.job.db, owner.key()));
  CHECK(sent.job.count("SELECT count(*) FROM signature_signers WHERE consented_at IS NOT NULL "
                       "OR code_accepted_at IS NOT NULL") == "0");
  CHECK(refusal_of([&] {
          approve(sent.job.db, again.key(), "Olga Owner", kPhone, kSignatureMail);
        }) == "invalid_state");
  CHECK(sent.events() == "sent sent viewed code_sent code_accepted consented viewed");
}

TEST_CASE("one signer's link with another's session opens nothing", "[pg]") {
  SentOrder sent;
  Signer owner = sent.owner();
  Signer architect = sent.architect();
  // Another request of the same organisation, to someone else.
  std::int64_t second = sent.job.pending_change_order("Moved sink", kOutlets);
  auto other = sent.job.send(SignedDocumentKind::change_order, second,
                             {{"Stan Stranger", "stan@elsewhere.example", "owner"}});
  Signer stranger = continue_as(sent.job, other.links[0], "stan@elsewhere.example");

  for (SignerKey key :
       {SignerKey{owner.token, architect.session}, SignerKey{architect.token, owner.session},
        SignerKey{stranger.token, owner.session}, SignerKey{owner.token, stranger.session},
        SignerKey{owner.token, ""}, SignerKey{"", owner.session}}) {
    CHECK_FALSE(signing_view(sent.job.db, key));
    CHECK(refusal_of([&] { send_code(sent.job.db, key, kPhone, kSignatureMail); }) == "not_found");
    CHECK(refusal_of([&] { check_code(sent.job.db, key, "123456", kPhone); }) == "not_found");
    CHECK(refusal_of([&] { signing_pdf(sent.job.db, key); }) == "not_found");
    CHECK(refusal_of([&] { decline(sent.job.db, key, "No", kPhone, kSignatureMail); }) ==
          "not_found");
  }
  CHECK(sent.events() == "sent sent viewed viewed");
  // Each key of its own still works.
  CHECK(signing_view(sent.job.db, owner.key()));
  CHECK(signing_view(sent.job.db, architect.key()));
  CHECK(signing_view(sent.job.db, stranger.key()));
}

TEST_CASE("a change order signed by two signers is approved only at the second signature", "[pg]") {
  SentOrder sent;
  SignatureJob& job = sent.job;
  CHECK(contract_sum_to_date(job, job.project) == domain::Cents{1000000});

  CHECK(sign(job, sent.architect(), "Arch Itect") == Approval::approved);
  // The architect's part is done: their link opens nothing now.
  CHECK_FALSE(open_signing(job.db, token_of(sent.issued.links[1])));
  CHECK(job.count("SELECT status FROM change_orders WHERE id = " + std::to_string(sent.order)) ==
        "pending");
  CHECK(contract_sum_to_date(job, job.project) == domain::Cents{1000000});
  CHECK(job.count("SELECT status FROM signature_requests") == "sent");

  CHECK(sign(job, sent.owner(), "Olga Owner") == Approval::completed);
  CHECK(job.count("SELECT status FROM change_orders WHERE id = " + std::to_string(sent.order)) ==
        "approved");
  CHECK(contract_sum_to_date(job, job.project) == domain::Cents{1495000});

  auto detail = get_signature_request(job.db, job.sender, sent.request());
  CHECK(detail.request.status == domain::SignatureStatus::completed);
  CHECK(detail.request.completed_at);
  REQUIRE(detail.request.sealed_sha256);
  std::string sealed = sealed_signature_pdf(job.db, job.sender, sent.request());
  CHECK(*detail.request.sealed_sha256 == sha256_bytes(sealed));
  CHECK(detail.signers[0].typed_name == "Olga Owner");
  CHECK(detail.signers[1].typed_name == "Arch Itect");
  CHECK(detail.events.back().type == domain::SignatureEventType::completed);
  // The completion did not void its own request.
  CHECK(job.count("SELECT count(*) FROM signature_events WHERE type = 'voided'") == "0");
  // The sealed PDF to both signers and the sender, on the change order's record.
  std::string hex = domain::hex_digits(*detail.request.sealed_sha256);
  CHECK(job.last_mail("olga@owner.example", "Signed") == hex);
  CHECK(job.last_mail("arch@studio.example", "Signed") == hex);
  CHECK(job.last_mail("sam@" + std::to_string(job.org) + ".example", "Signed (sender)") == hex);
  CHECK(job.count("SELECT count(*) FROM messages WHERE subject LIKE 'Signed%' "
                  "AND record = 'change_order:" +
                  std::to_string(sent.order) +
                  "' AND attachment_filename = 'CO-001 signed.pdf' "
                  "AND sha256(attachment) = (SELECT sealed_sha256 FROM signature_requests)") ==
        "3");
  // Once completed, every link opens nothing.
  CHECK_FALSE(open_signing(job.db, token_of(sent.issued.links[0])));
}

TEST_CASE("two signers approving at the same moment complete the request once", "[pg]") {
  for (int round = 0; round < 5; ++round) {
    SentOrder sent;
    Signer owner = sent.owner(), architect = sent.architect();
    for (const Signer* signer : {&owner, &architect}) {
      REQUIRE(check_code(sent.job.db, signer->key(), sent.code_for(*signer), kPhone) ==
              CodeCheck::accepted);
      consent(sent.job.db, signer->key(), domain::kSigningConsentVersion, kPhone);
    }
    // Each on a connection of its own, as two workers would be.
    Approval answers[2] = {Approval::approved, Approval::approved};
    std::string errors[2];
    std::vector<std::thread> racers;
    const Signer* signers[2] = {&owner, &architect};
    for (int i = 0; i < 2; ++i)
      racers.emplace_back([&, i] {
        try {
          sql::Connection db = sent.job.scratch.connect();
          answers[i] = approve(db, signers[i]->key(), signers[i]->email, kPhone, kSignatureMail);
        } catch (const std::exception& error) {
          errors[i] = error.what();
        }
      });
    for (auto& racer : racers) racer.join();

    INFO("round " << round);
    CHECK(errors[0] + errors[1] == "");
    CHECK((answers[0] == Approval::completed) != (answers[1] == Approval::completed));
    CHECK(sent.job.count("SELECT status FROM change_orders WHERE id = " +
                         std::to_string(sent.order)) == "approved");
    CHECK(sent.job.count("SELECT status FROM signature_requests") == "completed");
    CHECK(sent.job.count("SELECT count(*) FROM signature_events WHERE type = 'completed'") == "1");
    CHECK(sent.job.count("SELECT count(*) FROM schedule_of_values_lines "
                         "WHERE change_order_id IS NOT NULL") == "1");
  }
}

TEST_CASE("an estimate signed by the client is accepted as accepting it in the office does",
          "[pg]") {
  SignatureJob job;
  const std::vector<domain::CostLineInput> lines{
      {"06-100", "labor", "Framing", "120", "hr", 6500, 2500, false},
      {"06-200", "material", "Cabinets", "1", "ls", 840000, 1500, true},
      {"09-900", "subcontract", "Painting", "1", "ls", 310000, 1000, false}};
  std::int64_t by_hand_project =
      create_project(job.db, job.org, sql::ProjectFields{.number = "P-2", .name = "By hand"}).id;
  std::int64_t by_hand = job.sent_estimate(lines, 825, by_hand_project);
  transition_estimate(job.db, job.org, by_hand, domain::EstimateAction::accept);

  std::int64_t signed_estimate = job.sent_estimate(lines, 825);
  auto issued = job.send(SignedDocumentKind::estimate, signed_estimate,
                         {{"Cleo Client", "cleo@client.example", "client"}});
  CHECK(issued.request.request.document_name == "Estimate EST-001 rev 1, Kitchen");
  Signer cleo = continue_as(job, issued.links[0], "cleo@client.example");
  CHECK(sign(job, cleo, "Cleo Client") == Approval::completed);

  CHECK(job.count("SELECT string_agg(status, ' ' ORDER BY id) FROM estimates") ==
        "accepted accepted");
  auto signed_project = sql::find_project(job.db, job.org, job.project);
  auto hand_project = sql::find_project(job.db, job.org, by_hand_project);
  CHECK(signed_project->original_contract_sum_cents == hand_project->original_contract_sum_cents);
  CHECK(signed_project->original_contract_sum_cents == issued.request.request.amount_cents);

  auto signed_sov = sql::list_sov_lines(job.db, job.org, job.project);
  auto hand_sov = sql::list_sov_lines(job.db, job.org, by_hand_project);
  REQUIRE(signed_sov.size() == hand_sov.size());
  REQUIRE(signed_sov.size() >= 3);
  for (std::size_t i = 0; i < signed_sov.size(); ++i) {
    CHECK(signed_sov[i].item_no == hand_sov[i].item_no);
    CHECK(signed_sov[i].description == hand_sov[i].description);
    CHECK(signed_sov[i].scheduled_value_cents == hand_sov[i].scheduled_value_cents);
  }

  auto signed_budget = budget_report(job.db, job.org, job.project);
  auto hand_budget = budget_report(job.db, job.org, by_hand_project);
  REQUIRE(signed_budget.lines.size() == hand_budget.lines.size());
  for (std::size_t i = 0; i < signed_budget.lines.size(); ++i) {
    CHECK(signed_budget.lines[i].cost_code == hand_budget.lines[i].cost_code);
    CHECK(signed_budget.lines[i].cost_type == hand_budget.lines[i].cost_type);
    CHECK(signed_budget.lines[i].columns == hand_budget.lines[i].columns);
  }
  CHECK(signed_budget.totals == hand_budget.totals);
  CHECK(signed_budget.profit == hand_budget.profit);
}

TEST_CASE("a pay application signed by the architect is certified, with its invoice", "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t application = job.submitted_pay_application(400000);
  auto issued = job.send(SignedDocumentKind::pay_application, application,
                         {{"Arch Itect", "arch@studio.example", "architect"}});
  CHECK(issued.request.request.document_name == "Pay application No. 1, Harper kitchen remodel");
  CHECK(issued.request.request.amount_cents == domain::Cents{360000});
  Signer architect = continue_as(job, issued.links[0], "arch@studio.example");
  CHECK(open_signing(job.db, architect.token)->intent ==
        "I certify pay application No. 1, Harper kitchen remodel, for $3,600.00");
  CHECK(sign(job, architect, "Arch Itect") == Approval::completed);

  auto certified = sql::find_pay_application(job.db, job.org, application);
  CHECK(certified->status == domain::PayApplicationStatus::certified);
  CHECK(certified->certified_cents == domain::Cents{360000});
  CHECK(certified->g702.completed_and_stored_to_date_cents == domain::Cents{400000});
  CHECK(certified->g702.retainage_cents == domain::Cents{40000});
  auto invoice = sql::find_invoice_of_pay_application(job.db, job.org, application);
  REQUIRE(invoice);
  CHECK(invoice->fields.total_cents == domain::Cents{360000});
  CHECK(invoice->fields.pay_application_id == application);
  CHECK(job.count("SELECT count(*) FROM signature_events WHERE type = 'voided'") == "0");
}
