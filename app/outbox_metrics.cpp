#include "app/outbox_metrics.hpp"

namespace construction {

std::string render_outbox_metrics(const sql::OutboxCounts& c) {
  std::string out =
      "# HELP construction_mail_messages Messages in the outbox, by delivery status.\n"
      "# TYPE construction_mail_messages gauge\n";
  auto series = [&](const char* status, std::int64_t value) {
    out += std::string("construction_mail_messages{status=\"") + status + "\"} " +
           std::to_string(value) + "\n";
  };
  series("queued", c.queued);
  series("retrying", c.retrying);
  series("sent", c.sent);
  series("failed", c.failed);
  out +=
      "# HELP construction_mail_oldest_queued_age_seconds Age of the oldest message not yet sent "
      "(queued or retrying), 0 when none waits.\n"
      "# TYPE construction_mail_oldest_queued_age_seconds gauge\n"
      "construction_mail_oldest_queued_age_seconds " +
      std::to_string(c.oldest_queued_age_seconds) + "\n";
  out +=
      "# HELP construction_mail_mailers Mailers connected to the database now (construction "
      "mailer); 0: email stays queued.\n"
      "# TYPE construction_mail_mailers gauge\n"
      "construction_mail_mailers " +
      std::to_string(c.mailers) + "\n";
  return out;
}

}  // namespace construction
