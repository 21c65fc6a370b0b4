// The outbox's families on GET /metrics: messages by status (queued,
// retrying, sent, failed) and the age of the oldest message still waiting
// to be sent, which is what an alert watches (a mailer that is down, or a
// relay that refuses everything, makes it grow), and how many mailers are
// connected (the smoke test's "is a mailer running?").
#pragma once

#include <string>

#include "sql/message_store.hpp"

namespace construction {

std::string render_outbox_metrics(const sql::OutboxCounts& counts);

}  // namespace construction
