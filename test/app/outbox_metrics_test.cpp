#include "app/outbox_metrics.hpp"

#include <catch2/catch.hpp>

using namespace construction;

TEST_CASE("the outbox's metrics: messages by status and the oldest waiting one's age", "[unit]") {
  std::string text = render_outbox_metrics({3, 1, 40, 2, 125, 1});
  CHECK(text.find("# TYPE construction_mail_messages gauge\n") != std::string::npos);
  CHECK(text.find("construction_mail_messages{status=\"queued\"} 3\n") != std::string::npos);
  CHECK(text.find("construction_mail_messages{status=\"retrying\"} 1\n") != std::string::npos);
  CHECK(text.find("construction_mail_messages{status=\"sent\"} 40\n") != std::string::npos);
  CHECK(text.find("construction_mail_messages{status=\"failed\"} 2\n") != std::string::npos);
  CHECK(text.find("construction_mail_oldest_queued_age_seconds 125\n") != std::string::npos);
  CHECK(text.find("\nconstruction_mail_mailers 1\n") != std::string::npos);
}
