#include "documents/sealed_record_pdf.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

#include "documents/document_layout.hpp"
#include "documents/signed_pages.hpp"
#include "domain/hex.hpp"

namespace construction::documents {

namespace {

// How the spec calls each step of the evidence, for a reader who never saw
// the product.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kEventNames{{
    {"sent", "Sent for signature"},
    {"viewed", "Opened the link and continued"},
    {"code_sent", "One-time code emailed"},
    {"code_accepted", "One-time code accepted"},
    {"code_rejected", "One-time code rejected"},
    {"consented", "Consented to sign electronically"},
    {"approved", "Signed (approved)"},
    {"declined", "Declined"},
    {"expired", "Expired"},
    {"voided", "Voided"},
    {"completed", "Completed"},
}};

std::string event_name(std::string_view type) {
  for (const auto& [code, name] : kEventNames)
    if (code == type) return std::string(name);
  return std::string(type);
}

// "owner" -> "Owner".
std::string role_name(std::string role) {
  if (!role.empty() && role[0] >= 'a' && role[0] <= 'z') role[0] = static_cast<char>(role[0] - 32);
  return role;
}

std::string time_or_dash(const std::optional<domain::Timestamp>& instant) {
  return instant ? utc_time(*instant) : "—";
}

// The method every signer used; the spec's words, a lawyer's question first.
constexpr const char* kMethod = "Email link and one-time code";
// The labels' part of the width: the longest, "SHA-256 of the consent
// disclosure", on one line, and a hash's 64 digits on one line beside it.
constexpr double kLabelShare = 0.34;

void what_was_signed(DocumentLayout& layout, const Certificate& certificate) {
  layout.text(
      "This certificate records how the document on the preceding pages was signed "
      "electronically. Those pages are the PDF each signer was shown, reproduced from the bytes "
      "stored when it was sent; the SHA-256 below is of that PDF. The SHA-256 of this whole file "
      "is stored with the record: upload the file to the issuer's /verify page to check it.");
  layout.space(4);
  layout.text("Document", TextStyle::bold);
  layout.record_fields({{"Document", certificate.document_name},
                        {"Project", certificate.project},
                        {"Amount", domain::format_cents(certificate.amount)},
                        {"Version", std::to_string(certificate.document_version)},
                        {"Signature request", "no. " + std::to_string(certificate.request_id)},
                        {"Sent by", certificate.sent_by + ", " + certificate.organisation},
                        {"Sent", utc_time(certificate.sent_at)},
                        {"Completed", utc_time(certificate.completed_at)},
                        {"PDF as sent", certificate.document_filename}},
                       kLabelShare);
  layout.record_fields(
      {{"SHA-256 of the PDF as sent", domain::hex_digits(certificate.document_sha256)}},
      kLabelShare, TextStyle::mono);
}

void signer(DocumentLayout& layout, const CertificateSigner& signer, std::size_t number,
            std::size_t count) {
  layout.text(
      "Signer " + std::to_string(number) + " of " + std::to_string(count) + ": " + signer.name,
      TextStyle::bold);
  layout.record_fields({{"Email", signer.email},
                        {"Role", role_name(signer.role)},
                        {"Method", kMethod},
                        {"Viewed", time_or_dash(signer.viewed_at)},
                        {"Code accepted", time_or_dash(signer.code_accepted_at)},
                        {"Consented to sign electronically", time_or_dash(signer.consented_at)},
                        {"Consent disclosure", "version " + signer.consent_version},
                        {"Typed signature", signer.typed_name},
                        {"Approved", time_or_dash(signer.approved_at)}},
                       kLabelShare);
  layout.record_fields(
      {{"SHA-256 of the consent disclosure", domain::hex_digits(signer.consent_sha256)}},
      kLabelShare, TextStyle::mono);
}

// The disclosure the signers accepted, word for word, when it is the one
// whose version they accepted.
void consent(DocumentLayout& layout, const Certificate& certificate) {
  bool accepted = std::any_of(certificate.signers.begin(), certificate.signers.end(),
                              [&](const CertificateSigner& signer) {
                                return signer.consent_version == certificate.consent_version;
                              });
  if (!accepted || certificate.consent_text.empty()) return;
  layout.text("Consent disclosure, version " + certificate.consent_version +
                  ", as the signers above accepted it",
              TextStyle::bold);
  layout.record_fields({{"SHA-256 of its text", domain::hex_digits(certificate.consent_sha256)}},
                       kLabelShare, TextStyle::mono);
  layout.text(certificate.consent_text, TextStyle::small);
}

void events(DocumentLayout& layout, const std::vector<CertificateEvent>& events) {
  layout.text("Events", TextStyle::bold);
  Table table{{{"Time (UTC)", 1.45},
               {"Event", 2.1},
               {"Signer", 1.15},
               {"Address", 1.05},
               {"User agent", 2.25}},
              {},
              {},
              "No events."};
  for (const auto& event : events) {
    std::string what = event_name(event.type);
    if (!event.detail.empty()) what += ": " + event.detail;
    std::string time = utc_time(event.at);
    time.resize(time.size() - 4);  // " UTC": the column's header says so
    table.rows.push_back(
        {std::move(time), std::move(what), event.signer.empty() ? "—" : event.signer,
         event.ip.empty() ? "—" : event.ip, event.user_agent.empty() ? "—" : event.user_agent});
  }
  layout.table(std::move(table));
}

}  // namespace

std::string utc_time(domain::Timestamp instant) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
  auto day = std::chrono::floor<std::chrono::days>(seconds);
  std::chrono::hh_mm_ss time{seconds - day};
  char clock[24];
  std::snprintf(clock, sizeof clock, " %02d:%02d:%02d UTC", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return domain::iso_date(day) + clock;
}

std::string sealed_record_pdf(std::string_view signed_pdf, const Certificate& certificate) {
  // The first line of the document's name ("Change order CO-003") is the
  // header's number; the certificate's pages are numbered among themselves.
  PageHeader header{certificate.organisation,
                    "",
                    "Certificate of signature",
                    "Request no. " + std::to_string(certificate.request_id),
                    {certificate.project, certificate.document_name}};
  DocumentLayout layout({"Sealed record: " + certificate.document_name, certificate.organisation,
                         certificate.completed_at},
                        std::move(header));
  what_was_signed(layout, certificate);
  std::size_t number = 0;
  for (const auto& each : certificate.signers) {
    layout.space(6);
    signer(layout, each, ++number, certificate.signers.size());
  }
  layout.space(6);
  events(layout, certificate.events);
  layout.space(6);
  consent(layout, certificate);
  return layout.pdf([signed_pdf](cairo_surface_t* surface, cairo_t* cr) {
    draw_signed_pages(signed_pdf, surface, cr);
  });
}

}  // namespace construction::documents
