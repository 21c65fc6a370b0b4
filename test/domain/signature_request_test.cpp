#include "domain/signature_request.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;

TEST_CASE("only a document waiting for a decision may be sent for signature", "[unit]") {
  CHECK_FALSE(refuse_signature_request(EstimateStatus::sent));
  for (auto status : {EstimateStatus::draft, EstimateStatus::accepted, EstimateStatus::declined})
    CHECK(refuse_signature_request(status));
  CHECK_FALSE(refuse_signature_request(ChangeOrderStatus::pending));
  for (auto status : {ChangeOrderStatus::draft, ChangeOrderStatus::approved,
                      ChangeOrderStatus::rejected, ChangeOrderStatus::void_})
    CHECK(refuse_signature_request(status));
  CHECK_FALSE(refuse_signature_request(PayApplicationStatus::submitted));
  CHECK(refuse_signature_request(PayApplicationStatus::draft));
  REQUIRE(refuse_signature_request(PayApplicationStatus::certified));
  CHECK(refuse_signature_request(PayApplicationStatus::certified)->message ==
        "Only a submitted pay application can be sent for signature");
}

TEST_CASE("the intent sentence names the document and the amount", "[unit]") {
  std::string order =
      document_name({SignedDocumentKind::change_order, "CO-003", "Added outlets", Cents{495000}});
  CHECK(order == "Change order CO-003, Added outlets");
  CHECK(intent_sentence(SignedDocumentKind::change_order, order, Cents{495000}) ==
        "I approve change order CO-003, Added outlets, for $4,950.00");
  std::string estimate =
      document_name({SignedDocumentKind::estimate, "EST-001 rev 2", "Kitchen", Cents{3729700}});
  CHECK(intent_sentence(SignedDocumentKind::estimate, estimate, Cents{3729700}) ==
        "I accept estimate EST-001 rev 2, Kitchen, for $37,297.00");
  std::string application = document_name(
      {SignedDocumentKind::pay_application, "No. 3", "Harper kitchen remodel", Cents{1200000}});
  CHECK(intent_sentence(SignedDocumentKind::pay_application, application, Cents{1200000}) ==
        "I certify pay application No. 3, Harper kitchen remodel, for $12,000.00");
  // A credit reads as one.
  CHECK(intent_sentence(SignedDocumentKind::change_order, "Change order CO-004, Less tile",
                        Cents{-30000}) == "I approve change order CO-004, Less tile, for -$300.00");
}

TEST_CASE("signers each need a name, an address and a role, one address once", "[unit]") {
  auto ok = validate_signers({{"Olga Owner", "olga@owner.example", "owner"},
                              {"Arch Itect", "arch@studio.example", "architect"}});
  REQUIRE(ok);
  CHECK(ok.value()[1].role == SignerRole::architect);

  CHECK(validate_signers({}).error().message("signers") == "must name at least one signer");
  std::vector<SignerInput> eleven(11, SignerInput{"A", "a@b.example", "client"});
  CHECK(validate_signers(eleven).error().has("signers"));
  auto bad = validate_signers({{" ", "olga@owner.example", "owner"},
                               {"Olga", "OLGA@owner.example", "boss"},
                               {"Cleo", "cleo at home", "client"}});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message("signers[0].name") == "is required");
  CHECK(bad.error().message("signers[1].email") == "is named twice: each person signs once");
  CHECK(bad.error().message("signers[1].role") ==
        "must be one of client, owner, architect, lender");
  CHECK(bad.error().message("signers[2].email") == "must be an email address");
}

TEST_CASE("a request runs 14 days unless its sender says, never past 90", "[unit]") {
  Date today = *parse_date("2026-12-05");
  CHECK(validate_expiry(std::nullopt, today).value() == *parse_date("2026-12-19"));
  CHECK(validate_expiry(today, today).value() == today);
  CHECK(validate_expiry(*parse_date("2027-03-05"), today).value() == *parse_date("2027-03-05"));
  CHECK(validate_expiry(*parse_date("2027-03-06"), today).error().has("expires_on"));
  CHECK(validate_expiry(*parse_date("2026-12-04"), today).error().message("expires_on") ==
        "must be today or later");
}

TEST_CASE("a reason and a typed name are required, not blank", "[unit]") {
  CHECK(validate_reason(" \n").message("reason") == "is required");
  CHECK(validate_reason("Too dear").empty());
  CHECK(validate_reason(std::string(2001, 'x')).has("reason"));
  CHECK(validate_typed_name("\t").message("typed_name") == "is required");
  CHECK(validate_typed_name("Olga Owner").empty());
}

TEST_CASE("every state and event has its one name", "[unit]") {
  for (auto type :
       {SignatureEventType::sent, SignatureEventType::viewed, SignatureEventType::code_sent,
        SignatureEventType::code_accepted, SignatureEventType::code_rejected,
        SignatureEventType::consented, SignatureEventType::approved, SignatureEventType::declined,
        SignatureEventType::expired, SignatureEventType::voided, SignatureEventType::completed})
    CHECK(parse_signature_event_type(to_string(type)) == type);
  CHECK(to_string(SignedDocumentKind::pay_application) == "pay_application");
  CHECK(parse_signature_status("voided") == SignatureStatus::voided);
  CHECK(parse_signer_status("viewed") == SignerStatus::viewed);
  CHECK(parse_signer_role("lender") == SignerRole::lender);
  CHECK_FALSE(parse_signer_role("Owner"));
}
