// A job to send for signature, built through the operations as the office
// builds it: an organisation with its owner, a project, and estimates,
// change orders and pay applications in the states that may be signed. Its
// emails read plainly so that a test can follow a link or type a code the
// way a signer would: from the message in the outbox.
#pragma once

#include <catch2/catch.hpp>

#include "domain/hex.hpp"
#include "domain/signing_consent.hpp"
#include "operations/change_order_document.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/estimate_document.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/password.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/pay_application_transitions.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "operations/signature_requests.hpp"
#include "operations/signing.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

namespace construction::testing {

inline const operations::SignatureMail kSignatureMail{
    "https://app.example.com/",
    {[](const operations::SignatureMailFacts& f, const std::string& link) {
       return operations::MailText{"Sign " + f.request.document_name, link, ""};
     },
     [](const operations::SignatureMailFacts&, const std::string& code) {
       return operations::MailText{"Your code", code, ""};
     },
     [](const operations::SignatureMailFacts& f) {
       return operations::MailText{f.signer.name + " declined", f.request.status_reason, ""};
     },
     [](const operations::SignatureMailFacts& f, bool to_sender) {
       return operations::MailText{to_sender ? "Signed (sender)" : "Signed",
                                   domain::hex_digits(*f.request.sealed_sha256), ""};
     },
     [](const operations::SignatureMailFacts& f) {
       return operations::MailText{"Ended " + std::string(domain::to_string(f.request.status)),
                                   f.request.status_reason, ""};
     },
     [](const sql::SignatureRequestRecord&, const std::vector<sql::SignatureSignerRecord>& waiting) {
       std::string names;
       for (const auto& signer : waiting) names += (names.empty() ? "" : ", ") + signer.name;
       return operations::MailText{"Expired (sender)", names, ""};
     }}};

// CO-001 Added outlets: 10 ea x 450.00 +10 % = 4,950.00.
inline const std::vector<domain::CostLineInput> kOutlets{
    {"26-100", "material", "Outlets", "10", "ea", 45000, 1000, false}};
// The estimate every change order and pay application here builds on:
// Framing 1 ls x 10,000.00 = 10,000.00.
inline const std::vector<domain::CostLineInput> kFraming{
    {"06-100", "labor", "Framing", "1", "ls", 1000000, 0, false}};

inline const operations::Witness kPhone{"203.0.113.7", "Mozilla/5.0 (iPhone) Mobile Safari"};

// The token at the end of a link.
inline std::string token_of(const std::string& link) {
  return link.substr(link.rfind('/') + 1);
}

inline std::string refusal_of(const std::function<void()>& act) {
  try {
    act();
  } catch (const operations::Refusal& refusal) {
    switch (refusal.kind) {
      case operations::Refusal::Kind::not_found:
        return "not_found";
      case operations::Refusal::Kind::invalid_state:
        return "invalid_state";
      case operations::Refusal::Kind::conflict:
        return "conflict";
      case operations::Refusal::Kind::stale_version:
        return "stale_version";
      case operations::Refusal::Kind::invalid_fields:
        return "invalid_fields " + refusal.fields.fields().begin()->first;
    }
  }
  return "done";
}

struct SignatureJob {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  operations::Caller sender;
  std::int64_t org = 0;
  std::int64_t project = 0;

  explicit SignatureJob(const std::string& org_name = "Harper Builders",
                        const std::string& project_name = "Harper kitchen remodel") {
    org = sql::find_or_create_organisation(db, org_name).id;
    auto owner = sql::insert_user(
        db, org,
        {"sam@" + std::to_string(org) + ".example", "Sam Sender", domain::Role::owner, true},
        operations::hash_password("sender password"));
    sender = {owner.id, org, 0, domain::Role::owner};
    project = operations::create_project(db, org,
                                         sql::ProjectFields{.number = "P-1", .name = project_name})
                  .id;
  }

  std::vector<sql::LineFields> priced(
      const std::vector<domain::CostLineInput>& inputs,
      domain::UnitCostSign sign = domain::UnitCostSign::non_negative) {
    std::vector<sql::LineFields> lines;
    for (const auto& input : inputs) {
      auto line =
          operations::price_line_fields(input, static_cast<std::int64_t>(lines.size()) + 1, sign);
      REQUIRE(line.ok());
      lines.push_back(line.value());
    }
    return lines;
  }

  // An estimate sent to the client, waiting for their answer.
  std::int64_t sent_estimate(const std::vector<domain::CostLineInput>& inputs,
                             std::int64_t tax_bps = 0, std::optional<std::int64_t> in = {}) {
    operations::NewEstimate input{{"", "Kitchen", {}, tax_bps, ""}, priced(inputs)};
    auto draft = operations::create_estimate(db, org, in.value_or(project), [&] { return input; });
    operations::transition_estimate(db, org, draft.estimate.id, domain::EstimateAction::send);
    return draft.estimate.id;
  }

  std::int64_t accepted_estimate(const std::vector<domain::CostLineInput>& inputs) {
    std::int64_t id = sent_estimate(inputs);
    operations::transition_estimate(db, org, id, domain::EstimateAction::accept);
    return id;
  }

  // A change order submitted to the owner.
  std::int64_t pending_change_order(const std::string& title,
                                    const std::vector<domain::CostLineInput>& inputs) {
    operations::NewChangeOrder order;
    order.fields = {"", title, "", 0};
    order.lines = priced(inputs, domain::UnitCostSign::credit_allowed);
    auto made = operations::create_change_order(db, org, project, [&] { return order; });
    operations::transition_change_order(db, org, made.order.id, domain::ChangeOrderAction::submit);
    return made.order.id;
  }

  // A pay application with `this_period` on its first line, submitted.
  std::int64_t submitted_pay_application(std::int64_t this_period_cents) {
    auto made = operations::create_pay_application(
        db, org, project, [] { return *domain::parse_date("2026-11-30"); });
    operations::change_pay_application_line(db, org, made.application.id, made.lines.at(0).id,
                                            std::nullopt, [&](const operations::LineAmounts&) {
                                              return operations::LineAmounts{this_period_cents, 0};
                                            });
    operations::transition_pay_application(db, org, made.application.id,
                                           domain::PayApplicationAction::submit);
    return made.application.id;
  }

  operations::IssuedSignatureRequest send(domain::SignedDocumentKind kind, std::int64_t id,
                                          std::vector<domain::SignerInput> signers) {
    return operations::create_signature_request(db, sender, {kind, id},
                                                {std::move(signers), "Please sign", std::nullopt},
                                                kSignatureMail, {"198.51.100.1", "Office"});
  }

  // The newest message to `to` with this subject: its text.
  std::string last_mail(const std::string& to, const std::string& subject) const {
    return scratch.scalar("SELECT text_body FROM messages WHERE to_addresses[1] = '" + to +
                          "' AND subject = '" + subject + "' ORDER BY id DESC LIMIT 1");
  }
  std::string count(const std::string& sql) const { return scratch.scalar(sql); }
};

// A signer who opened their link and continued: the key later calls hold.
struct Signer {
  std::string token;
  std::string session;
  std::string email;
  operations::SignerKey key() const { return {token, session}; }
};

inline Signer continue_as(SignatureJob& job, const std::string& link, const std::string& email) {
  auto session = operations::continue_signing(job.db, token_of(link), kPhone);
  REQUIRE(session);
  return {token_of(link), session->secret, email};
}

// Code, consent and signature, as a signer does them.
inline operations::Approval sign(SignatureJob& job, const Signer& signer,
                                 const std::string& typed_name) {
  REQUIRE(operations::send_code(job.db, signer.key(), kPhone, kSignatureMail).sent);
  std::string code = job.last_mail(signer.email, "Your code");
  REQUIRE(operations::check_code(job.db, signer.key(), code, kPhone) ==
          operations::CodeCheck::accepted);
  operations::consent(job.db, signer.key(), domain::kSigningConsentVersion, kPhone);
  return operations::approve(job.db, signer.key(), typed_name, kPhone, kSignatureMail);
}

}  // namespace construction::testing
