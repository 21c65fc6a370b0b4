#include "documents/sealed_record_pdf.hpp"

#include <catch2/catch.hpp>

#include "documents/document_layout.hpp"
#include "domain/hex.hpp"
#include "test/support/pdf_text.hpp"

using namespace construction;
using namespace construction::documents;
using construction::testing::pdf_pages;
using construction::testing::pdf_text;

namespace {

domain::Timestamp at(int hour, int minute) {
  return domain::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5}} +
         std::chrono::hours(hour) + std::chrono::minutes(minute);
}

// A change order as it was sent: two pages, its figures on the first.
std::string signed_document() {
  DocumentLayout layout({"Change order CO-003", "Acme Builders", at(9, 0)},
                        {"Acme Builders", "", "Change order", "CO-003", {"P-001 · Harper"}});
  layout.text("Added outlets", TextStyle::bold);
  Table table{{{"Description", 4}, {"Amount", 1, Align::right}},
              {{"Twelve outlets in the kitchen", "$4,950.00"}},
              {{"Change to the contract sum", "$4,950.00"}},
              ""};
  layout.table(table);
  layout.section({"Acme Builders", "", "Change order", "CO-003", {}}, Orientation::landscape);
  layout.text("Terms of the change: second page.");
  return layout.pdf();
}

Certificate certificate(int events) {
  Certificate c;
  c.organisation = "Acme Builders";
  c.request_id = 42;
  c.document_name = "Change order CO-003, Added outlets";
  c.project = "P-001 · Harper kitchen remodel";
  c.amount = domain::Cents{495000};
  c.document_version = 3;
  c.document_filename = "CO-003.pdf";
  c.document_sha256 = std::string(32, '\xab');
  c.sent_by = "Sam Builder";
  c.sent_at = at(9, 5);
  c.completed_at = at(11, 30);
  for (std::string name : {"Olivia Harper", "Arthur Archer"}) {
    CertificateSigner signer;
    signer.name = name;
    signer.email = name == "Olivia Harper" ? "olivia@example.com" : "arthur@example.com";
    signer.role = name == "Olivia Harper" ? "owner" : "architect";
    signer.consent_version = "2026-12-01";
    signer.consent_sha256 = std::string(32, '\x01');
    signer.typed_name = name;
    signer.viewed_at = at(10, 0);
    signer.code_accepted_at = at(10, 2);
    signer.consented_at = at(10, 3);
    signer.approved_at = at(10, 4);
    c.signers.push_back(signer);
  }
  for (int i = 0; i < events; ++i)
    c.events.push_back({at(10, i % 60), i % 2 ? "code_rejected" : "viewed",
                        i % 3 ? "Olivia Harper" : "Arthur Archer", "203.0.113." + std::to_string(i),
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 "
                        "Safari/604.1 event " +
                            std::to_string(i),
                        ""});
  c.events.push_back({at(11, 30), "completed", "", "", "", ""});
  c.consent_version = "2026-12-01";
  c.consent_sha256 = std::string(32, '\x01');
  c.consent_text = "Consent to sign electronically\n\nYour right to paper. Ask the sender.\n";
  return c;
}

// A line of pdftotext's layout holding each of `pieces`, in order (a row of
// the events' table).
bool has_line(const std::string& text, std::initializer_list<std::string_view> pieces) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line(text.data() + start,
                          (end == std::string::npos ? text.size() : end) - start);
    std::size_t at = 0;
    bool all = true;
    for (std::string_view piece : pieces) {
      at = line.find(piece, at);
      if (at == std::string_view::npos) {
        all = false;
        break;
      }
    }
    if (all) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

TEST_CASE("the sealed record is the document's pages as signed, then the certificate",
          "[unit][documents]") {
  std::string document = signed_document();
  std::string sealed = sealed_record_pdf(document, certificate(6));
  REQUIRE(sealed.rfind("%PDF-", 0) == 0);
  int certificate_pages = pdf_pages(sealed) - pdf_pages(document);
  CHECK(certificate_pages >= 1);
  std::string text = pdf_text(sealed);
  // The document's own words and figures come through, before the certificate.
  std::size_t figures = text.find("Twelve outlets in the kitchen");
  std::size_t title = text.find("Certificate of signature");
  REQUIRE(figures != std::string::npos);
  REQUIRE(title != std::string::npos);
  CHECK(figures < title);
  CHECK(text.find("$4,950.00") < title);
  CHECK(text.find("Terms of the change: second page.") < title);
  // The certificate: the document, its hash, both signers, the events.
  CHECK(text.find("Change order CO-003, Added outlets") != std::string::npos);
  CHECK(text.find(domain::hex_digits(std::string(32, '\xab'))) != std::string::npos);
  CHECK(text.find("Olivia Harper") != std::string::npos);
  CHECK(text.find("Arthur Archer") != std::string::npos);
  CHECK(text.find("arthur@example.com") != std::string::npos);
  CHECK(text.find("Architect") != std::string::npos);
  CHECK(text.find("Email link and one-time code") != std::string::npos);
  CHECK(text.find("version 2026-12-01") != std::string::npos);
  CHECK(text.find(domain::hex_digits(std::string(32, '\x01'))) != std::string::npos);
  CHECK(text.find("2026-12-05 10:04:00 UTC") != std::string::npos);
  CHECK(text.find("One-time code rejected") != std::string::npos);
  CHECK(text.find("203.0.113.5") != std::string::npos);
  CHECK(has_line(text, {"2026-12-05 11:30:00", "Completed", "—"}));
  CHECK(text.find("Page 1 of " + std::to_string(certificate_pages)) != std::string::npos);
}

TEST_CASE("a long list of events runs onto more certificate pages, numbered among themselves",
          "[unit][documents]") {
  std::string document = signed_document();
  std::string sealed = sealed_record_pdf(document, certificate(120));
  int certificate_pages = pdf_pages(sealed) - pdf_pages(document);
  REQUIRE(certificate_pages >= 3);
  std::string text = pdf_text(sealed);
  CHECK(text.find("Page " + std::to_string(certificate_pages) + " of " +
                  std::to_string(certificate_pages)) != std::string::npos);
  CHECK(text.find("203.0.113.119") != std::string::npos);
  CHECK(has_line(text, {"203.0.113.119", "Mozilla/5.0"}));
  CHECK(text.find("event 119") != std::string::npos);
}

TEST_CASE("the consent disclosure is printed in full when it is the version the signers accepted",
          "[unit][documents]") {
  std::string document = signed_document();
  Certificate accepted = certificate(2);
  std::string text = pdf_text(sealed_record_pdf(document, accepted));
  CHECK(text.find("Consent disclosure, version 2026-12-01, as the signers above accepted it") !=
        std::string::npos);
  CHECK(text.find("Your right to paper. Ask the sender.") != std::string::npos);
  // A disclosure whose version no signer accepted is not theirs to show.
  Certificate other = certificate(2);
  other.consent_version = "2027-01-01";
  text = pdf_text(sealed_record_pdf(document, other));
  CHECK(text.find("Your right to paper") == std::string::npos);
}

TEST_CASE("the same record seals to the same bytes", "[unit][documents]") {
  std::string document = signed_document();
  CHECK(sealed_record_pdf(document, certificate(3)) == sealed_record_pdf(document, certificate(3)));
}

TEST_CASE("what is not a PDF cannot be sealed", "[unit][documents]") {
  CHECK_THROWS_AS(sealed_record_pdf("not a PDF at all", certificate(1)), std::runtime_error);
  std::string document = signed_document();
  CHECK_THROWS_AS(sealed_record_pdf(document.substr(0, document.size() / 2), certificate(1)),
                  std::runtime_error);
}
