// `construction mailer`: the outbox's delivery loop, one process beside the
// server (a compose service, a systemd unit). It sleeps on LISTEN outbox
// (a committed message wakes it) and on a timer (retries fall due, and
// anything queued while it was away is found), queues what the product's
// state owes (queue_owed: signers told of a request that ended), and sends
// each due message in a transaction of its own:
//
//   BEGIN; claim one (FOR UPDATE SKIP LOCKED); send; record the attempt; COMMIT
//
// so several mailers never send one message twice, and a mailer that stops
// between messages leaves nothing half done. TERM or INT lets the message
// in hand finish (its outcome committed) and then exits 0; USR1 or HUP
// reopens the log file. Signals are read from a signalfd, never handled in a handler.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "mail/header.hpp"
#include "mail/transport.hpp"
#include "sql/database_settings.hpp"

namespace construction::mail {

struct MailerOptions {
  sql::DatabaseSettings database;  // application_name "construction mailer"
  Mailbox from;                    // MAIL_FROM
  long long first_retry_seconds = 30;
  // The timer: the longest sleep without a NOTIFY.
  std::chrono::seconds poll_interval{60};
  // After a lost database, the wait before connecting again.
  std::chrono::seconds reconnect_delay{5};
  // Before each round of deliveries (woken by a NOTIFY or the timer): what
  // the product's state owes to the outbox, queued in a transaction of its
  // own (the signers of ended signature requests told; cli/ gives it).
  std::function<void(sql::Connection&)> queue_owed;
};

class Mailer {
 public:
  Mailer(MailerOptions options, std::unique_ptr<Transport> transport);
  ~Mailer();
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  // Until TERM or INT; the exit status.
  int run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace construction::mail
