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
