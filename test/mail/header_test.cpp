// Header values cannot add a header: whatever a subject, a name or an
// address holds, each header this writes is one logical line (continuation
// lines start with a space), and CR or LF in text is only ever encoded data.
#include "mail/header.hpp"

#include <catch2/catch.hpp>

using namespace construction::mail;

namespace {

// Every CRLF in a header block is followed by a space (a fold), except the
// last: one header, however it is folded.
bool is_one_header(const std::string& header) {
  REQUIRE(header.ends_with("\r\n"));
  std::string body = header.substr(0, header.size() - 2);
  for (std::size_t at = body.find('\n'); at != std::string::npos; at = body.find('\n', at + 1))
    if (at == 0 || body[at - 1] != '\r' || at + 1 >= body.size() || body[at + 1] != ' ')
      return false;
  return body.find('\r') == std::string::npos || body.find("\r\n") != std::string::npos;
}

}  // namespace

TEST_CASE("a plain subject goes as it is, anything else as encoded words", "[unit]") {
  CHECK(text_header("Subject", "Invoice INV-001") == "Subject: Invoice INV-001\r\n");
  CHECK(text_header("Subject", "Façade") == "Subject: =?UTF-8?B?RmHDp2FkZQ==?=\r\n");
  std::string injected = text_header("Subject", "Invoice\r\nBcc: victim@else.example");
  CHECK(is_one_header(injected));
  CHECK(injected.find("Bcc:") == std::string::npos);
  std::string bare_lf = text_header("Subject", "Invoice\nX-Evil: 1");
  CHECK(is_one_header(bare_lf));
  CHECK(bare_lf.find("X-Evil") == std::string::npos);
  // "=?" in plain text would read as an encoded word: it is encoded itself.
  CHECK(text_header("Subject", "=?x?=").starts_with("Subject: =?UTF-8?B?"));
}

TEST_CASE("long text folds into words of at most 75 characters, cut between characters", "[unit]") {
  std::string japanese;
  for (int i = 0; i < 40; ++i) japanese += "請求書";
  std::string header = text_header("Subject", japanese);
  CHECK(is_one_header(header));
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find("\r\n", start);
    CHECK(end - start <= 78);
    start = end + 2;
  }
}

TEST_CASE("a display name with a line break, a quote or a comma stays in its phrase", "[unit]") {
  CHECK(address_header("Reply-To", {{"Ann Builder", "ann@acme.example"}}) ==
        "Reply-To: Ann Builder <ann@acme.example>\r\n");
  CHECK(address_header("Reply-To", {{"O'Brien, Ann \"AB\"", "ann@acme.example"}}) ==
        "Reply-To: \"O'Brien, Ann \\\"AB\\\"\" <ann@acme.example>\r\n");
  std::string injected =
      address_header("Reply-To", {{"Ann\r\nBcc: victim@else.example", "ann@acme.example"}});
  CHECK(is_one_header(injected));
  CHECK(injected.find("Bcc:") == std::string::npos);
  CHECK(injected.ends_with(" <ann@acme.example>\r\n"));
}

TEST_CASE("an address that is not one is never written", "[unit]") {
  CHECK_THROWS_AS(address_header("To", {{"", "a@b.example\r\nBcc: victim@else.example"}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(address_header("To", {{"", "a@b.example>, <c@d.example"}}),
                  std::invalid_argument);
  std::vector<Mailbox> many;
  for (int i = 0; i < 10; ++i)
    many.push_back({"", "recipient" + std::to_string(i) + "@client.example"});
  std::string folded = address_header("To", many);
  CHECK(is_one_header(folded));
  CHECK(folded.find("recipient9@client.example") != std::string::npos);
}

TEST_CASE("MAIL_FROM reads as Name <address>, quoted or not, or a bare address", "[unit]") {
  auto acme = parse_mailbox("Acme Builders <billing@acme.example>");
  REQUIRE(acme);
  CHECK(acme->name == "Acme Builders");
  CHECK(acme->address == "billing@acme.example");
  auto quoted = parse_mailbox("\"Acme, Inc.\" <billing@acme.example>");
  REQUIRE(quoted);
  CHECK(quoted->name == "Acme, Inc.");
  auto bare = parse_mailbox(" billing@acme.example ");
  REQUIRE(bare);
  CHECK(bare->name.empty());
  CHECK_FALSE(parse_mailbox("Acme Builders"));
  CHECK_FALSE(parse_mailbox("Acme <billing@acme.example"));
  CHECK_FALSE(parse_mailbox("Acme\r\nBcc: x@y.example <billing@acme.example>"));
}
