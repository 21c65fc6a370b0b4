// The sealed record as completion makes it (operations/sealing.hpp): a
// change order signed by its owner and its architect through the signer's
// steps, and its sealed PDF read back as a person reads it (pdftotext): the
// change order's own pages as they were sent, then the certificate with
// both signers, every event and the hash of the PDF as sent; its SHA-256 is
// the one stored. PNGs of the first document page and the certificate's
// pages go to $ARTIFACTS_DIR (or build/test/artifacts), to be looked at.
//
// And its size: a 40-line pay application's sealed record must fit /verify's
// upload (limit_request_body, 1 MiB by default, with the form around it).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "documents/sealed_record_pdf.hpp"
#include "domain/hex.hpp"
#include "operations/sealing.hpp"
#include "operations/signature_evidence.hpp"
#include "runtime/config.hpp"
#include "test/operations/signature_job.hpp"
#include "test/support/command.hpp"
#include "test/support/pdf_text.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::continue_as;
using construction::testing::kFraming;
using construction::testing::kOutlets;
using construction::testing::pdf_pages;
using construction::testing::pdf_text;
using construction::testing::sign;
using construction::testing::SignatureJob;
using domain::SignedDocumentKind;

namespace {

// pdftoppm's PNG of one page, into $ARTIFACTS_DIR (as the browser tests'
// screenshots), else artifacts/ beside the test binary (build/test/artifacts).
void write_png(const std::string& pdf, int page, const std::string& name) {
  const char* dir = std::getenv("ARTIFACTS_DIR");
  std::filesystem::path directory =
      dir ? dir : std::filesystem::read_symlink("/proc/self/exe").parent_path() / "artifacts";
  std::filesystem::create_directories(directory);
  std::string path = (directory / name).string();
  std::string n = std::to_string(page);
  auto result = testing::run_command(
      {"/usr/bin/pdftoppm", "-png", "-r", "80", "-f", n, "-l", n, "-singlefile", "-", path}, {}, "",
      pdf);
  REQUIRE(result.status == 0);
  WARN("wrote " << path << ".png");
}

std::size_t count_of(const std::string& text, const std::string& piece) {
  std::size_t n = 0;
  for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("a change order signed by two signers seals its pages as sent and a certificate",
          "[pg]") {
  SignatureJob job;
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  auto issued = job.send(SignedDocumentKind::change_order, order,
                         {{"Olga Owner", "olga@owner.example", "owner"},
                          {"Arch Itect", "arch@studio.example", "architect"}});
  std::int64_t request = issued.request.request.id;
  std::string as_sent = signature_request_pdf(job.db, job.sender, request);
  REQUIRE(sign(job, continue_as(job, issued.links[1], "arch@studio.example"), "Arch Itect") ==
          Approval::approved);
  REQUIRE(sign(job, continue_as(job, issued.links[0], "olga@owner.example"), "Olga Owner") ==
          Approval::completed);

  auto detail = get_signature_request(job.db, job.sender, request);
  REQUIRE(detail.request.sealed_sha256);
  std::string sealed = sealed_signature_pdf(job.db, job.sender, request);
  CHECK(sha256_bytes(sealed) == *detail.request.sealed_sha256);
  CHECK(sealed != as_sent);

  WARN("a two-signer change order: " << as_sent.size() << " bytes as sent, " << sealed.size()
                                     << " bytes sealed");
  int document_pages = pdf_pages(as_sent);
  CHECK(pdf_pages(sealed) > document_pages);
  std::string text = pdf_text(sealed);
  std::size_t certificate = text.find("This certificate records");
  REQUIRE(certificate != std::string::npos);
  // The change order's pages, as sent, before the certificate: its lines,
  // its amount, its number.
  std::string before = text.substr(0, certificate);
  CHECK(before.find("Outlets") != std::string::npos);
  CHECK(before.find("$4,950.00") != std::string::npos);
  CHECK(before.find("CO-001") != std::string::npos);
  CHECK(before.find("Harper kitchen remodel") != std::string::npos);
  // The certificate: the document and the hash of the PDF as sent…
  std::string after = text.substr(certificate);
  CHECK(after.find("Change order CO-001, Added outlets") != std::string::npos);
  CHECK(after.find(domain::hex_digits(detail.request.pdf_sha256)) != std::string::npos);
  CHECK(sha256_bytes(as_sent) == detail.request.pdf_sha256);
  // …both signers, their method, consent and typed signature…
  const std::vector<std::string> pieces{"Signer 1 of 2: Olga Owner",
                                        "olga@owner.example",
                                        "Owner",
                                        "Signer 2 of 2: Arch Itect",
                                        "arch@studio.example",
                                        "Architect",
                                        "version " + std::string(domain::kSigningConsentVersion),
                                        domain::hex_digits(signing_consent_sha256())};
  for (const std::string& piece : pieces) {
    INFO(piece);
    CHECK(after.find(piece) != std::string::npos);
  }
  CHECK(count_of(after, "Email link and one-time code") == 2);
  // The disclosure they accepted, word for word.
  CHECK(after.find("Your right to paper.") != std::string::npos);
  // …and every event, with the signer's address and user agent.
  for (const auto& event : detail.events) {
    INFO(domain::to_string(event.type));
    std::string time = documents::utc_time(event.at);  // "… UTC": the table's column says so
    CHECK(after.find(time.substr(0, time.size() - 4)) != std::string::npos);
  }
  CHECK(count_of(after, "One-time code emailed") == 2);
  CHECK(count_of(after, "Signed (approved)") == 2);
  CHECK(count_of(after, "Consented to sign electronically") >= 2);
  CHECK(after.find("Completed") != std::string::npos);
  CHECK(after.find("203.0.113.7") != std::string::npos);
  CHECK(after.find("Mozilla/5.0 (iPhone) Mobile Safari") != std::string::npos);
  CHECK(after.find("198.51.100.1") != std::string::npos);  // the office that sent it

  write_png(sealed, 1, "sealed-record-document-page");
  write_png(sealed, document_pages + 1, "sealed-record-certificate-page");
  if (pdf_pages(sealed) > document_pages + 1)
    write_png(sealed, document_pages + 2, "sealed-record-certificate-page-2");
}

TEST_CASE("a 40-line pay application's sealed record fits /verify's upload", "[pg]") {
  SignatureJob job;
  std::vector<domain::CostLineInput> lines;
  for (int i = 1; i <= 40; ++i)
    lines.push_back({"0" + std::to_string(1 + i % 9) + "-" + std::to_string(100 + i), "labor",
                     "Line " + std::to_string(i) + ": framing, drywall and finish carpentry", "1",
                     "ls", 250000 + i * 1000, 0, false});
  job.accepted_estimate(lines);
  std::int64_t application = job.submitted_pay_application(200000);
  auto issued = job.send(SignedDocumentKind::pay_application, application,
                         {{"Arch Itect", "arch@studio.example", "architect"}});
  REQUIRE(sign(job, continue_as(job, issued.links[0], "arch@studio.example"), "Arch Itect") ==
          Approval::completed);
  std::string sealed = sealed_signature_pdf(job.db, job.sender, issued.request.request.id);
  std::string as_sent = signature_request_pdf(job.db, job.sender, issued.request.request.id);
  WARN("a 40-line pay application: " << as_sent.size() << " bytes as sent, " << sealed.size()
                                     << " bytes sealed, " << pdf_pages(sealed) << " pages");
  CHECK(pdf_text(sealed).find("Line 40: framing") != std::string::npos);
  // The form's own bytes (boundaries, headers, the CSRF token) are well under 1 KiB.
  CHECK(sealed.size() + 1024 < static_cast<std::size_t>(Config{}.limit_request_body));
}
