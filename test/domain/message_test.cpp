#include "domain/message.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;

TEST_CASE("an email address is a bare local@domain that cannot end a header", "[unit]") {
  CHECK(is_email_address("owner@client.example"));
  CHECK(is_email_address("o'brien+invoices@mail.client-co.example"));
  CHECK_FALSE(is_email_address(""));
  CHECK_FALSE(is_email_address("owner"));
  CHECK_FALSE(is_email_address("@client.example"));
  CHECK_FALSE(is_email_address("owner@localhost"));
  CHECK_FALSE(is_email_address("owner@client..example"));
  CHECK_FALSE(is_email_address("owner@-client.example"));
  CHECK_FALSE(is_email_address(".owner@client.example"));
  CHECK_FALSE(is_email_address("own..er@client.example"));
  CHECK_FALSE(is_email_address("owner@client.example\r\nBcc: x@y.example"));
  CHECK_FALSE(is_email_address("owner@client.example\n"));
  CHECK_FALSE(is_email_address("Owner <owner@client.example>"));
  CHECK_FALSE(is_email_address("a@b.example,c@d.example"));
  CHECK_FALSE(is_email_address("own er@client.example"));
  CHECK_FALSE(is_email_address("\"owner\"@client.example"));
  CHECK_FALSE(is_email_address(std::string(65, 'a') + "@client.example"));
}

TEST_CASE("message statuses and attempt outcomes have their stored names", "[unit]") {
  for (auto status :
       {MessageStatus::queued, MessageStatus::sent, MessageStatus::retrying, MessageStatus::failed})
    CHECK(parse_message_status(to_string(status)) == status);
  CHECK(to_string(MessageStatus::retrying) == "retrying");
  CHECK_FALSE(parse_message_status("delivered"));
  CHECK(to_string(AttemptOutcome::permanent_failure) == "permanent_failure");
  CHECK(parse_attempt_outcome("temporary_failure") == AttemptOutcome::temporary_failure);
}

TEST_CASE("retries wait the first delay, doubling to 30 minutes, for 24 hours", "[unit]") {
  CHECK(retry_delay_seconds(1, 30, 0) == 30);
  CHECK(retry_delay_seconds(2, 30, 30) == 60);
  CHECK(retry_delay_seconds(3, 30, 90) == 120);
  CHECK(retry_delay_seconds(7, 30, 2000) == 1800);  // 30 * 64 = 1920: capped
  CHECK(retry_delay_seconds(400, 30, 40000) == 1800);
  // The last wait lands on the 24 hours; after them, the message fails.
  CHECK(retry_delay_seconds(60, 30, 86400 - 100) == 100);
  CHECK_FALSE(retry_delay_seconds(61, 30, 86400));
  CHECK_FALSE(retry_delay_seconds(1, 30, 90000));
}
