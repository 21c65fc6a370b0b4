// PostgreSQL LISTEN/NOTIFY on a connection of its own: `construction mailer`
// sleeps in wait() until a NOTIFY on its channel arrives (a message was
// queued and committed), a timeout passes (the timer that finds retries due
// and catches anything missed while it was disconnected), or another file
// descriptor (its signal pipe) becomes readable.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "sql/connection.hpp"

namespace construction::sql {

class NotificationListener {
 public:
  // LISTENs on `channel` on `connection`, which it keeps for itself.
  NotificationListener(Connection connection, std::string_view channel);

  enum class Woken { notified, timeout, other_fd };
  // Returns at once with `notified` if notifications already arrived (all of
  // them are consumed: one wake-up stands for any number). ConnectionLost
  // when the session dies.
  Woken wait(std::chrono::milliseconds timeout, int other_fd = -1);

  Connection& connection() { return connection_; }

 private:
  bool drain();

  Connection connection_;
};

}  // namespace construction::sql
