// /verify through the real server (Done-when 3): a sealed record, made by
// a change order signed by its owner and its architect through the signer's
// operations, is recognised; the same file with one byte changed is not, nor
// is the PDF as it was sent. And the upload as a stranger sends it: no
// file, two files, a body that is not multipart, no CSRF token, a body at
// and one byte past limit_request_body, and too many uploads from one address.
#include <catch2/catch.hpp>

#include "domain/hex.hpp"
#include "operations/signature_evidence.hpp"
#include "test/operations/signature_job.hpp"
#include "test/support/page_client.hpp"

using namespace construction;
using namespace construction::testing;

namespace {

constexpr const char* kBoundary = "----verify-test-7MA4YWxkTrZu0gW";

struct Upload {
  std::string name = "file";
  std::string filename = "record.pdf";
  std::string bytes;
};

// A browser's multipart body: the CSRF token's field, then each file.
std::string multipart(const std::string& csrf, const std::vector<Upload>& files) {
  std::string body = std::string("--") + kBoundary +
                     "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + csrf +
                     "\r\n";
  for (const Upload& file : files)
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
            file.name + "\"; filename=\"" + file.filename +
            "\"\r\nContent-Type: application/pdf\r\n\r\n" + file.bytes + "\r\n";
  return body + "--" + kBoundary + "--\r\n";
}

// A page client of its own on a server over the job's database.
struct VerifyServer {
  SignatureJob job{"Harper Builders", "Harper kitchen remodel"};
  ServerProcess server{ServerOptions{.binary = CONSTRUCTION_BINARY,
                                     .args = {"-w", "1"},
                                     .env = {{"DATABASE_URL", job.scratch.url()},
                                             {"APP_ENV", "development"},
                                             {"SECRET_KEY", kPageSecretKey}}}};
  PageClient client{server.port()};

  // POST /verify as a browser sends it, from `address` (X-Forwarded-For,
  // which the server trusts from 127.0.0.1).
  HttpResult upload(
      const std::string& body, const std::string& address,
      const std::string& content_type = std::string("multipart/form-data; boundary=") + kBoundary) {
    return http_request(server.port(), "POST", "/verify", body,
                        {{"Cookie", client.cookies()},
                         {"Content-Type", content_type},
                         {"X-Forwarded-For", address}},
                        10000);
  }
  HttpResult upload_file(const std::string& bytes, const std::string& address) {
    return upload(multipart(client.csrf, {{"file", "record.pdf", bytes}}), address);
  }
};

// CO-001 Added outlets ($4,950.00), signed by the architect then the owner.
struct SealedOrder {
  std::string sealed;
  std::string as_sent;
  std::string sealed_hex;
};

SealedOrder sealed_order(SignatureJob& job) {
  job.accepted_estimate(kFraming);
  std::int64_t order = job.pending_change_order("Added outlets", kOutlets);
  auto issued = job.send(domain::SignedDocumentKind::change_order, order,
                         {{"Olga Owner", "olga@owner.example", "owner"},
                          {"Arch Itect", "arch@studio.example", "architect"}});
  std::int64_t request = issued.request.request.id;
  REQUIRE(sign(job, continue_as(job, issued.links[1], "arch@studio.example"), "Arch Itect") ==
          operations::Approval::approved);
  REQUIRE(sign(job, continue_as(job, issued.links[0], "olga@owner.example"), "Olga Owner") ==
          operations::Approval::completed);
  SealedOrder out;
  out.sealed = operations::sealed_signature_pdf(job.db, job.sender, request);
  out.as_sent = operations::signature_request_pdf(job.db, job.sender, request);
  out.sealed_hex = domain::hex_digits(operations::sha256_bytes(out.sealed));
  return out;
}

bool has(const HttpResult& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("/verify recognises a sealed record and refuses it with one byte changed", "[process]") {
  VerifyServer v;
  SealedOrder order = sealed_order(v.job);

  HttpResult form = v.client.get("/verify");
  REQUIRE(form.status == 200);
  CHECK(form.header("referrer-policy") == "no-referrer");
  CHECK(has(form, "enctype=\"multipart/form-data\""));
  CHECK(has(form, "type=\"file\""));
  REQUIRE_FALSE(v.client.csrf.empty());

  HttpResult match = v.upload_file(order.sealed, "192.0.2.10");
  INFO(match.body);
  CHECK(match.status == 200);
  CHECK(match.header("referrer-policy") == "no-referrer");
  CHECK(has(match,
            "This is the sealed record of Change order CO-001, Added outlets for Harper "
            "kitchen remodel (Harper Builders), completed on "));
  CHECK(has(match, order.sealed_hex));
  CHECK_FALSE(has(match, "No record matches this file"));

  // One byte changed, in the middle of the file: another file.
  std::string changed = order.sealed;
  changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x01);
  HttpResult other = v.upload_file(changed, "192.0.2.10");
  CHECK(other.status == 200);
  CHECK(has(other, "No record matches this file"));
  CHECK_FALSE(has(other, "This is the sealed record"));
  CHECK_FALSE(has(other, order.sealed_hex));
  CHECK(has(other, domain::hex_digits(operations::sha256_bytes(changed))));

  // The PDF as it was sent for signature is not the sealed record.
  HttpResult original = v.upload_file(order.as_sent, "192.0.2.10");
  CHECK(has(original, "No record matches this file"));
  // Nor is the sealed record with a byte more at its end.
  CHECK(has(v.upload_file(order.sealed + "\n", "192.0.2.10"), "No record matches this file"));
  CHECK(invalid_html({{"form", form.body}, {"match", match.body}, {"no match", other.body}}) == "");
}

TEST_CASE("/verify takes one file in a readable multipart form, with its CSRF token", "[process]") {
  VerifyServer v;
  REQUIRE(v.client.get("/verify").status == 200);
  const std::string address = "192.0.2.20";
  HttpResult none = v.upload(multipart(v.client.csrf, {}), address);
  CHECK(none.status == 422);
  CHECK(has(none, "Choose the sealed PDF to check."));
  HttpResult empty = v.upload(multipart(v.client.csrf, {{"file", "", ""}}), address);
  CHECK(empty.status == 422);
  HttpResult two =
      v.upload(multipart(v.client.csrf, {{"file", "a.pdf", "%PDF-a"}, {"file", "b.pdf", "%PDF-b"}}),
               address);
  CHECK(two.status == 422);
  CHECK(has(two, "Choose one file at a time."));
  // Cut short, or with a boundary that is not the body's: unreadable.
  std::string body = multipart(v.client.csrf, {{"file", "a.pdf", "%PDF-a"}});
  CHECK(v.upload(body.substr(0, body.size() - 10), address).status == 400);
  CHECK(v.upload(body, address, "multipart/form-data; boundary=another").status == 400);
  CHECK(v.upload(body, address, "multipart/form-data").status == 400);
  // Without the session's token: refused before anything is read.
  CHECK(v.upload(multipart("forged", {{"file", "a.pdf", "%PDF-a"}}), address).status == 403);
  // An urlencoded form has no file.
  CHECK(v.upload("csrf_token=" + v.client.csrf, address, "application/x-www-form-urlencoded")
            .status == 422);
}

TEST_CASE("/verify takes a body of limit_request_body bytes and refuses one byte more",
          "[process]") {
  VerifyServer v;
  REQUIRE(v.client.get("/verify").status == 200);
  const std::size_t limit = 1048576;  // limit_request_body's default
  std::size_t overhead = multipart(v.client.csrf, {{"file", "big.pdf", ""}}).size();
  std::string at_limit =
      multipart(v.client.csrf, {{"file", "big.pdf", std::string(limit - overhead, 'x')}});
  REQUIRE(at_limit.size() == limit);
  HttpResult fits = v.upload(at_limit, "192.0.2.30");
  CHECK(fits.status == 200);
  CHECK(has(fits, "No record matches this file"));
  std::string past =
      multipart(v.client.csrf, {{"file", "big.pdf", std::string(limit - overhead + 1, 'x')}});
  CHECK(v.upload(past, "192.0.2.30").status == 413);
}

TEST_CASE("/verify counts uploads per address: the 31st in 15 minutes waits", "[process]") {
  VerifyServer v;
  REQUIRE(v.client.get("/verify").status == 200);
  for (int i = 1; i <= 30; ++i) {
    INFO(i);
    REQUIRE(v.upload_file("%PDF-1.5 guess " + std::to_string(i), "192.0.2.40").status == 200);
  }
  HttpResult refused = v.upload_file("%PDF-1.5 guess 31", "192.0.2.40");
  CHECK(refused.status == 429);
  CHECK((refused.header("retry-after") == "60" || refused.header("retry-after") == "59"));
  CHECK(has(refused, "Too many files checked from your address. Try again in 1 minute."));
  // Another address is not held back by this one.
  CHECK(v.upload_file("%PDF-1.5 guess 31", "192.0.2.41").status == 200);
}
