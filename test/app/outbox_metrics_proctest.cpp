// GET /metrics on the real server shows the outbox beside the core's
// series: what a dashboard and an alert on a stuck mailer read.
#include <catch2/catch.hpp>

#include "operations/outbox.hpp"
#include "sql/user_store.hpp"
#include "test/support/http_client.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

using namespace construction;
using namespace construction::testing;

TEST_CASE("/metrics counts the outbox's messages by status and the oldest queued one's age",
          "[process]") {
  ScratchDatabase scratch;
  {
    sql::Connection db = scratch.connect();
    auto org = sql::find_or_create_organisation(db, "Metrics Org");
    operations::OutgoingMessage m;
    m.to = {"owner@client.example"};
    m.subject = "Invoice";
    for (int i = 0; i < 3; ++i) operations::queue_message(db, org.id, m);
  }
  scratch.exec("UPDATE messages SET created_at = now() - interval '10 minutes' WHERE id = 1");
  scratch.exec("UPDATE messages SET status = 'sent', sent_at = now() WHERE id = 2");
  scratch.exec("UPDATE messages SET status = 'failed', last_error = '550 no' WHERE id = 3");

  ServerOptions options;
  options.binary = CONSTRUCTION_BINARY;
  options.args = {"-w", "1"};
  options.env = {{"DATABASE_URL", scratch.url()}};
  ServerProcess server(options);
  HttpResult r = http_get(server.port(), "/metrics");
  REQUIRE(r.status == 200);
  CHECK(r.body.find("construction_http_requests_total") != std::string::npos);  // the core's
  CHECK(r.body.find("construction_mail_messages{status=\"queued\"} 1\n") != std::string::npos);
  CHECK(r.body.find("construction_mail_messages{status=\"sent\"} 1\n") != std::string::npos);
  CHECK(r.body.find("construction_mail_messages{status=\"failed\"} 1\n") != std::string::npos);
  const std::string age = "\nconstruction_mail_oldest_queued_age_seconds ";
  auto at = r.body.find(age);
  REQUIRE(at != std::string::npos);
  CHECK(std::stoll(r.body.substr(at + age.size())) >= 600);
  CHECK(r.body.find("\nconstruction_mail_mailers 0\n") != std::string::npos);
}
