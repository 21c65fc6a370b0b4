// A queued message as the relay receives it: the headers the spec names,
// text and HTML as alternatives, the PDF attached whole, and nothing a
// subject or name holds can add a header.
#include "mail/mime_message.hpp"

#include <catch2/catch.hpp>

#include "mail/mime_encoding.hpp"
#include "test/support/smtp_sink.hpp"

using namespace construction;
using namespace construction::mail;

namespace {

sql::OutboxMessage invoice() {
  sql::OutboxMessage m;
  m.id = 12;
  m.message_id = "<5f0c@construction>";
  m.fields.to = {"owner@client.example"};
  m.fields.cc = {"architect@design.example"};
  m.fields.reply_to_name = "Ann Builder";
  m.fields.reply_to_address = "ann@acme.example";
  m.fields.subject = "Invoice INV-001";
  m.fields.text_body = "Balance due: $1,200.00";
  m.fields.html_body = "<p>Balance due: <b>$1,200.00</b></p>";
  m.fields.attachment = sql::MessageAttachment{"INV-001.pdf", "application/pdf",
                                               std::string("%PDF-1.7\n\0\xff binary", 19)};
  return m;
}

const Mailbox kFrom{"Acme Builders", "billing@acme.example"};
const domain::Timestamp kDate{std::chrono::seconds(1796480000)};

std::vector<std::string> headers(const std::string& message) {
  return testing::message_headers(message);
}

std::size_t count_starting(const std::vector<std::string>& lines, std::string_view prefix) {
  std::size_t n = 0;
  for (const auto& line : lines) n += line.starts_with(prefix);
  return n;
}

}  // namespace

TEST_CASE("a message has From, To, Cc, Reply-To, Subject, Date, Message-ID", "[unit]") {
  std::string message = mime_message(invoice(), kFrom, kDate);
  auto h = headers(message);
  CHECK(h[0] == "From: Acme Builders <billing@acme.example>");
  CHECK(h[1] == "To: owner@client.example");
  CHECK(h[2] == "Cc: architect@design.example");
  CHECK(h[3] == "Reply-To: Ann Builder <ann@acme.example>");
  CHECK(h[4] == "Subject: Invoice INV-001");
  CHECK(h[5] == "Date: " + rfc5322_date(kDate));
  CHECK(h[6] == "Message-ID: <5f0c@construction>");
  CHECK(h[7] == "MIME-Version: 1.0");
  CHECK(h[8] == "Content-Type: multipart/mixed; boundary=\"=_mixed_12\"");
  CHECK(rfc5322_date(kDate) == "Sat, 05 Dec 2026 14:13:20 +0000");
}

TEST_CASE("the body is text and HTML as alternatives, then the PDF in base64", "[unit]") {
  std::string message = mime_message(invoice(), kFrom, kDate);
  auto alternative =
      message.find("Content-Type: multipart/alternative; boundary=\"=_alternative_12\"");
  auto text = message.find("Content-Type: text/plain; charset=utf-8");
  auto html = message.find("Content-Type: text/html; charset=utf-8");
  auto pdf = message.find("Content-Type: application/pdf; name=\"INV-001.pdf\"");
  REQUIRE(alternative != std::string::npos);
  CHECK(alternative < text);
  CHECK(text < html);
  CHECK(html < pdf);
  CHECK(message.find("Content-Disposition: attachment; filename=\"INV-001.pdf\"") !=
        std::string::npos);
  CHECK(message.find(base64_lines(invoice().fields.attachment->bytes)) != std::string::npos);
  CHECK(message.ends_with("--=_mixed_12--\r\n"));
  // Every line ends CRLF, none is longer than SMTP's 998.
  for (std::size_t at = message.find('\n'); at != std::string::npos;
       at = message.find('\n', at + 1))
    CHECK(message[at - 1] == '\r');
}

TEST_CASE("without an attachment the message is the alternatives alone", "[unit]") {
  sql::OutboxMessage m = invoice();
  m.fields.attachment.reset();
  m.fields.cc.clear();
  m.fields.reply_to_address.reset();
  std::string message = mime_message(m, kFrom, kDate);
  auto h = headers(message);
  CHECK(count_starting(h, "Cc:") == 0);
  CHECK(count_starting(h, "Reply-To:") == 0);
  CHECK(count_starting(h, "Content-Type: multipart/alternative") == 1);
  CHECK(message.find("multipart/mixed") == std::string::npos);
}

TEST_CASE("CR and LF in a subject or a name cannot add a header", "[unit]") {
  sql::OutboxMessage m = invoice();
  m.fields.subject = "Invoice\r\nBcc: victim@else.example";
  m.fields.reply_to_name = "Ann\nX-Injected: yes";
  m.fields.attachment->filename = "a\r\nX-Injected: yes.pdf";
  Mailbox from{"Acme\r\nX-Injected: yes", "billing@acme.example"};
  std::string message = mime_message(m, from, kDate);
  auto h = headers(message);
  CHECK(count_starting(h, "Bcc:") == 0);
  CHECK(count_starting(h, "X-Injected") == 0);
  CHECK(message.find("\r\nX-Injected") == std::string::npos);
  CHECK(message.find("\nBcc:") == std::string::npos);
  CHECK(h.size() == 9);  // From … Content-Type, nothing more
}

TEST_CASE("an address that is not one makes the message unsendable, never a header", "[unit]") {
  sql::OutboxMessage m = invoice();
  m.fields.to = {"owner@client.example\r\nBcc: victim@else.example"};
  CHECK_THROWS_AS(mime_message(m, kFrom, kDate), std::invalid_argument);
}

TEST_CASE("the Message-ID goes as queued, never encoded, or not at all", "[unit]") {
  sql::OutboxMessage m = invoice();
  m.message_id = "<" + std::string(100, 'a') + "@construction>";
  CHECK(testing::header_value(mime_message(m, kFrom, kDate), "Message-ID") == m.message_id);
  m.message_id = "<x@y>\r\nBcc: victim@else.example";
  CHECK_THROWS_AS(mime_message(m, kFrom, kDate), std::invalid_argument);
}
