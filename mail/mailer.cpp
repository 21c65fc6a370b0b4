#include "mail/mailer.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>

#include "operations/outbox.hpp"
#include "runtime/log.hpp"
#include "runtime/unique_fd.hpp"
#include "sql/error.hpp"
#include "sql/notifications.hpp"
#include "sql/transaction.hpp"

namespace construction::mail {

namespace {

using Clock = std::chrono::system_clock;

domain::Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
}

// TERM, INT, USR1 and HUP, blocked and read from a signalfd: a TERM that arrives
// while a message is being sent waits, pending, until the message's outcome
// is committed.
class Signals {
 public:
  Signals() {
    sigset_t set;
    ::sigemptyset(&set);
    for (int signo : {SIGTERM, SIGINT, SIGUSR1, SIGHUP}) ::sigaddset(&set, signo);
    if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0)
      throw std::runtime_error("cannot block the mailer's signals");
    fd_.reset(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!fd_) throw std::runtime_error("cannot open the mailer's signalfd");
    ::signal(SIGPIPE, SIG_IGN);
  }
  int fd() const { return fd_.get(); }

  // Reads what arrived: true once TERM or INT has.
  bool stop_requested() {
    signalfd_siginfo info;
    while (::read(fd_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      if (info.ssi_signo == SIGUSR1 || info.ssi_signo == SIGHUP) {
        // USR1 as the server's; HUP too, which is what systemctl reload
        // sends. The configuration is read at start only.
        log::info("Handling signal: ", info.ssi_signo == SIGUSR1 ? "usr1" : "hup",
                  " (reopening the log)");
        log::reopen();
      } else if (!stopping_) {
        log::info("Handling signal: ", info.ssi_signo == SIGTERM ? "term" : "int",
                  " (finishing the message in hand, then exiting)");
        stopping_ = true;
      }
    }
    return stopping_;
  }

 private:
  UniqueFd fd_;
  bool stopping_ = false;
};

}  // namespace

struct Mailer::State {
  MailerOptions options;
  std::unique_ptr<Transport> transport;
  Signals signals;

  // Sleeps up to `wait`, or less if a signal comes.
  void pause(std::chrono::seconds wait) {
    pollfd p{signals.fd(), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::chrono::milliseconds(wait).count()));
  }

  // One message: claimed, sent, recorded, committed. False when none was due.
  bool deliver_one(sql::Connection& db) {
    sql::Transaction tx(db);
    std::optional<sql::OutboxMessage> message = operations::claim_next_message(db);
    if (!message) {
      tx.commit();
      return false;
    }
    domain::Timestamp started = now();
    operations::Delivery delivery;
    try {
      std::string bytes = mime_message(*message, options.from, started);
      delivery =
          transport->send(envelope_of(*message, options.from), bytes, std::to_string(message->id));
    } catch (const std::invalid_argument& e) {
      // A row no header can carry (written past the outbox's checks): no
      // retry will mend it.
      delivery = {domain::AttemptOutcome::permanent_failure,
                  std::string("not sendable: ") + e.what()};
    }
    domain::MessageStatus status =
        operations::record_delivery(db, *message, delivery, options.first_retry_seconds, started);
    // Between the server's 250 and this commit lies the one window in which
    // a crash sends a message twice (DESIGN.md, "Email").
    tx.commit();
    std::string line = "Message " + std::to_string(message->id) + " " + message->message_id + ": " +
                       std::string(domain::to_string(status)) + " (" + delivery.answer + ")";
    if (status == domain::MessageStatus::sent)
      log::info(line);
    else
      log::warning(line);
    return true;
  }

  // Sends what is due until nothing is, or a stop is asked.
  void deliver_due(sql::Connection& db) {
    while (!signals.stop_requested() && deliver_one(db)) {
    }
  }

  std::chrono::seconds next_wait(sql::Connection& db) {
    auto due = sql::seconds_until_next_due(db);
    if (!due) return options.poll_interval;
    return std::min(options.poll_interval, std::chrono::seconds(std::max<long long>(*due, 1)));
  }

  // Connected: deliver, sleep, deliver… until a stop. Database errors go up.
  void serve() {
    sql::NotificationListener listener(sql::Connection::open(options.database),
                                       operations::kOutboxChannel);
    // The LISTEN session carries the configured name, which the smoke test
    // counts (one per mailer); this one is told apart.
    sql::DatabaseSettings sending = options.database;
    sending.application_name += " (sending)";
    sql::Connection db = sql::Connection::open(sending);
    // An outcome's commit does not wait for its WAL to reach the disk: a
    // mailer that dies loses nothing by it (PostgreSQL has the commit), and
    // only a crash of PostgreSQL itself within the next ~0.6 s forgets an
    // outcome, whose message is then sent again, which at-least-once allows
    // (DESIGN.md, "Email"). One fsync per message would cap the mailer at
    // the disk's fsync rate. For the session: the mailer holds sessions of
    // its own (LISTEN needs one), never a transaction-mode pooler's.
    db.exec("SELECT set_config('synchronous_commit', 'off', false)");
    log::info("Mailer ready: listening on \"", operations::kOutboxChannel, "\", sending to ",
              transport->describe());
    while (!signals.stop_requested()) {
      if (options.queue_owed) options.queue_owed(db);
      deliver_due(db);
      if (signals.stop_requested()) break;
      listener.wait(next_wait(db), signals.fd());
    }
  }
};

Mailer::Mailer(MailerOptions options, std::unique_ptr<Transport> transport)
    : state_(new State{std::move(options), std::move(transport), Signals()}) {}

Mailer::~Mailer() = default;

int Mailer::run() {
  log::info("Starting mailer (pid: ", ::getpid(), ")");
  while (!state_->signals.stop_requested()) {
    try {
      state_->serve();
    } catch (const sql::Error& e) {
      // PostgreSQL down or restarted: whatever was in hand rolled back and
      // is claimed again once it is back.
      log::warning("Database unavailable (", e.what(), "); trying again in ",
                   state_->options.reconnect_delay.count(), " s");
      state_->pause(state_->options.reconnect_delay);
    }
  }
  log::info("Mailer exiting (pid: ", ::getpid(), ")");
  return 0;
}

}  // namespace construction::mail
