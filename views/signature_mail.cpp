#include "views/signature_mail.hpp"

#include <chrono>

#include "domain/hex.hpp"
#include "domain/signature_request.hpp"
#include "operations/signing.hpp"
#include "operations/team_mail.hpp"
#include "views/format.hpp"

namespace construction::views {

namespace {

using operations::MailText;
using operations::SignatureMailFacts;

std::string intent(const sql::SignatureRequestRecord& r) {
  return domain::intent_sentence(r.kind, r.document_name, r.amount_cents);
}

MailText request_mail(const SignatureMailFacts& f, const std::string& link) {
  const sql::SignatureRequestRecord& r = f.request;
  std::string text = r.sent_by_name + " of " + r.org_name + " asks you to sign " + r.document_name +
                     " (" + money(r.amount_cents) + ") for " + r.project_name + ".\n\n";
  if (!r.message.empty()) text += r.message + "\n\n";
  text += "Read it and sign here:\n\n" + link + "\n\nThe link is yours alone: do not forward it. " +
          "It works until the end of " + date(r.expires_on) +
          " (UTC). Reply to this email with any question.\n";
  return {"Please sign: " + r.document_name, text, ""};
}

MailText code_mail(const SignatureMailFacts& f, const std::string& code) {
  auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(operations::kSigningCodeLifetime).count();
  return {"Your signing code: " + code,
          "Your code to sign " + f.request.document_name + " is\n\n    " + code +
              "\n\nIt works for " + std::to_string(minutes) +
              " minutes, once. If you did not ask for it, ignore this email.\n",
          ""};
}

MailText declined_mail(const SignatureMailFacts& f) {
  return {f.signer.name + " declined to sign " + f.request.document_name,
          f.signer.name + " (" + f.signer.email + ") declined to sign " + f.request.document_name +
              " for " + f.request.project_name + ".\n\nTheir reason:\n\n" +
              f.request.status_reason + "\n",
          ""};
}

// To each signer but one who declined, once the request ended unsigned.
MailText ended_mail(const SignatureMailFacts& f) {
  const sql::SignatureRequestRecord& r = f.request;
  std::string asked = r.sent_by_name + " of " + r.org_name + " asked you to sign " +
                      r.document_name + " (" + money(r.amount_cents) + ") for " + r.project_name;
  std::string text, subject;
  switch (r.status) {
    case domain::SignatureStatus::voided:
      subject = "Withdrawn: " + r.document_name;
      text = asked + ". They have withdrawn the request.\n\nThe reason given:\n\n" +
             r.status_reason +
             "\n\nYou do not need to do anything, and a signature you gave it no longer counts.";
      break;
    case domain::SignatureStatus::expired:
      subject = "Expired: " + r.document_name;
      text = asked + ". The request expired at the end of " + date(r.expires_on) +
             " (UTC) before everyone had signed, and a signature you gave it no longer counts. "
             "If it still needs your signature, they can send a new request.";
      break;
    default:
      subject = "No longer needed: " + r.document_name;
      text = asked + ". Another signer declined it, so the request has ended: you do not need "
                     "to do anything, and a signature you gave it no longer counts.";
      break;
  }
  return {subject,
          text + "\n\nThe link in the earlier email no longer opens. Reply to this email with "
                 "any question.\n",
          ""};
}

// To the sender, once their request expired before everyone signed.
MailText expired_mail(const sql::SignatureRequestRecord& r,
                      const std::vector<sql::SignatureSignerRecord>& waiting) {
  std::string text = "Your request to sign " + r.document_name + " (" + money(r.amount_cents) +
                     ") for " + r.project_name + " expired at the end of " + date(r.expires_on) +
                     " (UTC) before everyone had signed.\n\nNot signed by:\n\n";
  for (const auto& signer : waiting)
    text += "    " + signer.name + " <" + signer.email + ">, " +
            std::string(domain::to_string(signer.role)) + "\n";
  text +=
      "\nEvery signer has been told. Send a new request from the document's page if it still "
      "needs their signature.\n";
  return {"Expired unsigned: " + r.document_name, text, ""};
}

// `public_url`: where the record's /verify page is, for anyone handed the
// file later to check it.
MailText completed_mail(const std::string& public_url, const SignatureMailFacts& f,
                        bool to_sender) {
  const sql::SignatureRequestRecord& r = f.request;
  std::string sha = r.sealed_sha256 ? domain::hex_digits(*r.sealed_sha256) : "";
  std::string text = (to_sender ? "Everyone has signed " : "Thank you: everyone has signed ") +
                     r.document_name + " for " + r.project_name + ".\n\n\"" + intent(r) +
                     "\"\n\nThe signed record is attached: the document as it was signed and " +
                     "a certificate of who signed, how and when. Its SHA-256 is\n\n" + sha +
                     "\n\nKeep it: it is your copy. Anyone can check a copy of it at\n\n" +
                     operations::team_link(public_url, "/verify", "") + "\n";
  return {"Signed: " + r.document_name, text, ""};
}

}  // namespace

operations::SignatureMail signature_mail(const Views& views) {
  return signature_mail(views.public_url);
}

operations::SignatureMail signature_mail(const std::string& public_url) {
  auto completed = [public_url](const SignatureMailFacts& f, bool to_sender) {
    return completed_mail(public_url, f, to_sender);
  };
  return {public_url, {request_mail, code_mail, declined_mail, completed, ended_mail, expired_mail}};
}

}  // namespace construction::views
