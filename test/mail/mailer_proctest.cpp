// `construction mailer` against a real SMTP server (aiosmtpd,
// test/support/smtp_sink.py) and a real PostgreSQL, one fault per test:
// the relay down and back, two mailers at once, a 5xx, TERM in the middle
// of a batch, a rollback after queueing, CR/LF in a subject or a name.
// What is checked is what a recipient and the record's page would see:
// the messages the relay accepted, and each message's status.
#include <signal.h>

#include <catch2/catch.hpp>
#include <set>

#include "operations/outbox.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/smtp_sink.hpp"

using namespace construction;
using namespace construction::testing;

namespace {

operations::OutgoingMessage message(int n) {
  operations::OutgoingMessage m;
  m.to = {"owner@client.example"};
  m.subject = "Invoice INV-" + std::to_string(n);
  m.text = "Invoice " + std::to_string(n) + " is attached.";
  m.html = "<p>Invoice " + std::to_string(n) + " is attached.</p>";
  m.attachment = operations::Attachment{"INV-" + std::to_string(n) + ".pdf", "application/pdf",
                                        "%PDF-1.7 " + std::to_string(n)};
  m.record = "invoice:" + std::to_string(n);
  return m;
}

// `count` messages queued and committed in one transaction.
void queue(ScratchDatabase& scratch, int count, int first = 1) {
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Mail Org");
  sql::Transaction tx(db);
  for (int n = first; n < first + count; ++n) operations::queue_message(db, org.id, message(n));
  tx.commit();
}

std::string count_where(ScratchDatabase& scratch, const std::string& condition) {
  return scratch.scalar("SELECT count(*) FROM messages WHERE " + condition);
}

bool wait_for_count(ScratchDatabase& scratch, const std::string& condition, int count,
                    std::chrono::milliseconds timeout = 60s) {
  return wait_until([&] { return count_where(scratch, condition) == std::to_string(count); },
                    timeout);
}

// The Message-IDs the relay accepted, each once: a second copy of any
// message fails the test.
std::set<std::string> delivered_once(const SmtpSink& sink) {
  std::set<std::string> ids;
  for (const auto& m : sink.messages()) {
    std::string id = header_value(m, "Message-ID");
    INFO(id);
    CHECK(ids.insert(id).second);
  }
  return ids;
}

std::set<std::string> queued_ids(ScratchDatabase& scratch) {
  std::set<std::string> ids;
  std::string all = scratch.scalar("SELECT string_agg(message_id, ' ') FROM messages");
  for (std::size_t start = 0, end; start < all.size(); start = end + 1) {
    end = all.find(' ', start);
    if (end == std::string::npos) end = all.size();
    ids.insert(all.substr(start, end - start));
  }
  return ids;
}

}  // namespace

TEST_CASE("the relay down, then back: every message is delivered once", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  int port = unused_port();
  auto mailer = start_mailer(scratch.url(), "smtp://127.0.0.1:" + std::to_string(port));
  queue(scratch, 5);
  // Nothing listens: each message is tried, recorded and waits its retry.
  REQUIRE(wait_for_count(scratch, "status = 'retrying' AND attempts >= 1", 5));
  CHECK(scratch.scalar("SELECT count(*) FROM message_attempts WHERE outcome = "
                       "'temporary_failure' AND answer ILIKE '%connect%'") != "0");
  CHECK(scratch.scalar("SELECT min(last_error) FROM messages") != "");

  SmtpSink sink({.port = port});
  REQUIRE(wait_for_count(scratch, "status = 'sent'", 5));
  CHECK(delivered_once(sink) == queued_ids(scratch));
  CHECK(sink.messages().size() == 5);
  CHECK(count_where(scratch, "last_error IS NULL AND sent_at IS NOT NULL") == "5");
}

TEST_CASE("a 4xx answer is retried until the relay takes the message, once", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink;
  sink.set_fault("451 4.3.0 Mailbox busy, try again later");
  auto mailer = start_mailer(scratch.url(), sink.url());
  queue(scratch, 1);
  REQUIRE(wait_for_count(scratch, "status = 'retrying'", 1));
  CHECK(scratch.scalar("SELECT last_error FROM messages").starts_with("451 4.3.0 Mailbox busy"));
  sink.clear_fault();
  REQUIRE(wait_for_count(scratch, "status = 'sent'", 1));
  CHECK(sink.messages().size() == 1);
  CHECK(scratch.scalar("SELECT attempts >= 2 FROM messages") == "t");
}

TEST_CASE("two mailers at once: each message is delivered once", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink;
  auto first = start_mailer(scratch.url(), sink.url());
  auto second = start_mailer(scratch.url(), sink.url());
  queue(scratch, 60);  // one commit, one NOTIFY: both wake and claim
  REQUIRE(wait_for_count(scratch, "status = 'sent'", 60));
  REQUIRE(sink.wait_for_messages(60, 10s));
  CHECK(sink.messages().size() == 60);
  CHECK(delivered_once(sink) == queued_ids(scratch));
  CHECK(scratch.scalar("SELECT count(*) FROM message_attempts") == "60");
}

TEST_CASE("a 5xx answer fails the message with that answer", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink({.reply = "550 5.7.1 Relaying denied"});
  auto mailer = start_mailer(scratch.url(), sink.url());
  queue(scratch, 1);
  REQUIRE(wait_for_count(scratch, "status = 'failed'", 1));
  CHECK(scratch.scalar("SELECT last_error FROM messages").starts_with("550 5.7.1 Relaying denied"));
  CHECK(scratch.scalar("SELECT attempts FROM messages") == "1");
  CHECK(scratch.scalar("SELECT outcome FROM message_attempts") == "permanent_failure");
  CHECK(sink.messages().empty());
}

TEST_CASE("TERM in the middle of a batch: nothing is lost, nothing is sent twice", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink;
  queue(scratch, 300);
  auto mailer = start_mailer(scratch.url(), sink.url());
  REQUIRE(wait_until([&] { return count_where(scratch, "status = 'sent'") != "0"; }, 30s));
  mailer->signal(SIGTERM);
  REQUIRE(mailer->wait_exit(30s) == 0);
  CHECK(mailer->error_log().find("Handling signal: term") != std::string::npos);

  // Every message the relay has is recorded sent, every other one is still
  // queued as it was: none half done, none failed.
  std::string sent = count_where(scratch, "status = 'sent'");
  INFO("sent before TERM: " << sent);
  CHECK(std::to_string(sink.messages().size()) == sent);
  CHECK(count_where(scratch, "status = 'queued' AND attempts = 0") ==
        std::to_string(300 - std::stoi(sent)));
  delivered_once(sink);

  // The next mailer sends the rest, and nothing again.
  auto next = start_mailer(scratch.url(), sink.url());
  REQUIRE(wait_for_count(scratch, "status = 'sent'", 300));
  REQUIRE(sink.wait_for_messages(300, 10s));
  CHECK(sink.messages().size() == 300);
  CHECK(delivered_once(sink) == queued_ids(scratch));
}

TEST_CASE("a rollback after queueing a message: nothing is sent", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink;
  auto mailer = start_mailer(scratch.url(), sink.url());
  {
    sql::Connection db = scratch.connect();
    auto org = sql::find_or_create_organisation(db, "Mail Org");
    sql::Transaction tx(db);
    operations::queue_message(db, org.id, message(1));
    tx.rollback();
  }
  // A message committed after it: once it is delivered, the rolled-back
  // one (which would have come first) has had every chance.
  queue(scratch, 1, 2);
  REQUIRE(wait_for_count(scratch, "status = 'sent'", 1));
  REQUIRE(sink.wait_for_messages(1, 10s));
  auto messages = sink.messages();
  REQUIRE(messages.size() == 1);
  CHECK(header_value(messages[0], "Subject") == "Invoice INV-2");
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "1");
}

TEST_CASE("CR/LF in a name or a subject cannot add a header", "[process]") {
  if (!smtp_sink_available()) return;
  ScratchDatabase scratch;
  SmtpSink sink;
  auto mailer = start_mailer(scratch.url(), sink.url());
  {
    sql::Connection db = scratch.connect();
    auto org = sql::find_or_create_organisation(db, "Mail Org");
    operations::OutgoingMessage m = message(1);
    m.subject = "Invoice\r\nBcc: victim@else.example";
    m.reply_to_name = "Ann\r\nX-Injected: yes";
    m.reply_to_address = "ann@acme.example";
    operations::queue_message(db, org.id, m);
  }
  REQUIRE(sink.wait_for_messages(1, 60s));
  std::string delivered = sink.messages()[0];
  std::vector<std::string> names;
  for (const auto& header : message_headers(delivered))
    names.push_back(header.substr(0, header.find(':')));
  CHECK(names == std::vector<std::string>{"From", "To", "Reply-To", "Subject", "Date", "Message-ID",
                                          "MIME-Version", "Content-Type"});
  CHECK(header_value(delivered, "To") == "owner@client.example");
  CHECK(delivered.find("\nBcc:") == std::string::npos);
  CHECK(delivered.find("\nX-Injected:") == std::string::npos);
}
