// The outbox as the actions that send use it: a message is queued in the
// action's transaction, so a rollback leaves no row and wakes no mailer; a
// commit leaves one queued row with its Message-ID and one NOTIFY. Bad
// addresses are refused by field, and a subject or name cannot carry a line
// break into the stored headers.
#include <catch2/catch.hpp>

#include "operations/outbox.hpp"
#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "sql/notifications.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;
using namespace std::chrono_literals;

namespace {

OutgoingMessage invoice_message() {
  OutgoingMessage m;
  m.to = {"owner@client.example"};
  m.cc = {"architect@design.example"};
  m.subject = "Invoice INV-001";
  m.text = "Please find the invoice attached.";
  m.html = "<p>Please find the invoice attached.</p>";
  m.reply_to_name = "Ann Builder";
  m.reply_to_address = "ann@acme.example";
  m.attachment = Attachment{"INV-001.pdf", "application/pdf", std::string("%PDF-1.7\0\xff", 10)};
  m.record = "invoice:12";
  return m;
}

}  // namespace

TEST_CASE("a message queued in a rolled-back transaction leaves nothing and wakes nobody", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  sql::NotificationListener listener(scratch.connect(), kOutboxChannel);
  auto org = sql::find_or_create_organisation(db, "Outbox Org");
  {
    sql::Transaction tx(db);
    queue_message(db, org.id, invoice_message());
    CHECK(scratch.scalar("SELECT count(*) FROM messages") == "0");  // not yet committed
  }                                                                 // rolled back
  CHECK(scratch.scalar("SELECT count(*) FROM messages") == "0");

  // A committed one is there, once, and its NOTIFY is the only one the
  // listener gets (the rolled-back one's would have come before it).
  std::int64_t id = 0;
  {
    sql::Transaction tx(db);
    id = queue_message(db, org.id, invoice_message());
    tx.commit();
  }
  REQUIRE(listener.wait(10s) == sql::NotificationListener::Woken::notified);
  CHECK(listener.wait(0ms) == sql::NotificationListener::Woken::timeout);

  auto listed = list_messages(db, org.id, "invoice:12");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].id == id);
  CHECK(listed[0].to == std::vector<std::string>{"owner@client.example"});
  CHECK(listed[0].cc == std::vector<std::string>{"architect@design.example"});
  CHECK(listed[0].status == domain::MessageStatus::queued);
  CHECK(listed[0].attempts == 0);
  CHECK(listed[0].message_id.starts_with("<"));
  CHECK(listed[0].message_id.ends_with("@construction>"));
  CHECK(list_messages(db, org.id, "invoice:13").empty());
  // Another organisation sees none of it.
  auto other = sql::find_or_create_organisation(db, "Other Org");
  CHECK(list_messages(db, other.id, "invoice:12").empty());
}

TEST_CASE("the mailer's claim gets the message whole, bytes and all", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Outbox Org");
  auto user = sql::insert_user(db, org.id, {"ann@acme.example", "Ann", domain::Role::owner, true},
                               hash_password("a password"));
  OutgoingMessage m = invoice_message();
  m.sent_by = user.id;
  std::int64_t id = queue_message(db, org.id, m);

  sql::Transaction tx(db);
  auto claimed = sql::claim_due_messages(db, 10);
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].id == id);
  CHECK(claimed[0].org_id == org.id);
  CHECK(claimed[0].fields.sent_by == user.id);
  CHECK(claimed[0].fields.reply_to_name == "Ann Builder");
  REQUIRE(claimed[0].fields.attachment);
  CHECK(claimed[0].fields.attachment->bytes == m.attachment->bytes);
  CHECK(claimed[0].fields.html_body == m.html);

  // Another mailer, meanwhile, finds nothing to claim.
  sql::Connection other = scratch.connect();
  {
    sql::Transaction other_tx(other);
    CHECK(sql::claim_due_messages(other, 10).empty());
  }
  sql::record_attempt(db, org.id, id, domain::AttemptOutcome::temporary_failure,
                      domain::MessageStatus::retrying, "421 4.3.2 Try again later", 30);
  tx.commit();
  auto found = sql::find_message(db, org.id, id);
  REQUIRE(found);
  CHECK(found->status == domain::MessageStatus::retrying);
  CHECK(found->attempts == 1);
  CHECK(found->last_error == "421 4.3.2 Try again later");
  // Not due for 30 seconds: nothing to claim now.
  {
    sql::Transaction again(db);
    CHECK(sql::claim_due_messages(db, 10).empty());
  }
  auto counts = sql::count_messages(db);
  CHECK(counts.retrying == 1);
  CHECK(counts.queued == 0);
  auto attempts = sql::list_message_attempts(db, org.id, id);
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].outcome == domain::AttemptOutcome::temporary_failure);
}

TEST_CASE("queue_message refuses bad addresses by field and flattens header text", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Outbox Org");

  OutgoingMessage bad = invoice_message();
  bad.to = {"owner@client.example\r\nBcc: victim@else.example"};
  bad.cc = {"not an address"};
  bad.reply_to_address = "ann@acme.example>\r\nX-Evil: 1";
  try {
    queue_message(db, org.id, bad);
    FAIL("queued a message with bad addresses");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::invalid_fields);
    CHECK(refusal.fields.has("to"));
    CHECK(refusal.fields.has("cc"));
    CHECK(refusal.fields.has("reply_to"));
  }
  OutgoingMessage none = invoice_message();
  none.to.clear();
  CHECK_THROWS_AS(queue_message(db, org.id, none), Refusal);

  OutgoingMessage sneaky = invoice_message();
  sneaky.subject = "Invoice\r\nBcc: victim@else.example";
  sneaky.reply_to_name = "Ann\nX-Evil: 1";
  sneaky.attachment->filename = "INV/2026\r\n\"7\".pdf";
  std::int64_t id = queue_message(db, org.id, sneaky);
  auto id_text = std::to_string(id);
  CHECK(scratch.scalar("SELECT subject FROM messages WHERE id = " + id_text) ==
        "Invoice  Bcc: victim@else.example");
  CHECK(scratch.scalar("SELECT reply_to_name FROM messages WHERE id = " + id_text) ==
        "Ann X-Evil: 1");
  CHECK(scratch.scalar("SELECT attachment_filename FROM messages WHERE id = " + id_text) ==
        "INV-2026  -7-.pdf");
}

TEST_CASE("record_delivery: sent, retrying with backoff, failed on a 5xx or after 24 hours",
          "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Outbox Org");
  auto claim = [&] {
    auto message = claim_next_message(db);
    REQUIRE(message);
    return *message;
  };
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  using domain::AttemptOutcome;
  using domain::MessageStatus;

  // A 4xx: retrying, due after the first delay; then sent.
  std::int64_t id = queue_message(db, org.id, invoice_message());
  {
    sql::Transaction tx(db);
    CHECK(record_delivery(db, claim(), {AttemptOutcome::temporary_failure, "451 4.3.0 Later"}, 30,
                          now) == MessageStatus::retrying);
    tx.commit();
  }
  CHECK(scratch.scalar("SELECT round(date_part('epoch', next_attempt_at - now())) BETWEEN 28 AND "
                       "30 FROM messages WHERE id = " +
                       std::to_string(id)) == "t");
  scratch.exec("UPDATE messages SET next_attempt_at = now()");
  {
    sql::Transaction tx(db);
    CHECK(record_delivery(db, claim(), {AttemptOutcome::sent, "250 2.0.0 Ok"}, 30, now) ==
          MessageStatus::sent);
    tx.commit();
  }
  auto sent = sql::find_message(db, org.id, id);
  REQUIRE(sent);
  CHECK(sent->status == MessageStatus::sent);
  CHECK(sent->attempts == 2);
  CHECK(sent->sent_at);
  CHECK_FALSE(sent->last_error);

  // A 5xx: failed at once, with the answer.
  std::int64_t refused = queue_message(db, org.id, invoice_message());
  {
    sql::Transaction tx(db);
    CHECK(record_delivery(db, claim(),
                          {AttemptOutcome::permanent_failure, "550 5.1.1 No such user"}, 30,
                          now) == MessageStatus::failed);
    tx.commit();
  }
  CHECK(sql::find_message(db, org.id, refused)->last_error == "550 5.1.1 No such user");

  // A 4xx a day after queueing: failed, no more retries.
  std::int64_t old = queue_message(db, org.id, invoice_message());
  scratch.exec("UPDATE messages SET created_at = now() - interval '24 hours 1 second' WHERE id = " +
               std::to_string(old));
  {
    sql::Transaction tx(db);
    auto message = claim();
    CHECK(record_delivery(db, message, {AttemptOutcome::temporary_failure, "421 Busy"}, 30, now) ==
          MessageStatus::failed);
    tx.commit();
  }
  CHECK(sql::find_message(db, org.id, old)->status == MessageStatus::failed);
  CHECK(sql::count_messages(db).failed == 2);
  CHECK(sql::count_messages(db).sent == 1);
}
