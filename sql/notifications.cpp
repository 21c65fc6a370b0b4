#include "sql/notifications.hpp"

#include <poll.h>

#include <cerrno>
#include <memory>

#include "sql/error.hpp"

namespace construction::sql {

NotificationListener::NotificationListener(Connection connection, std::string_view channel)
    : connection_(std::move(connection)) {
  // A channel is an identifier: quoted, so that any name is one.
  std::string quoted = "\"";
  for (char c : channel) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  connection_.exec_script("LISTEN " + quoted + "\"");
}

bool NotificationListener::drain() {
  PGconn* conn = connection_.native();
  if (PQconsumeInput(conn) == 0)
    throw ConnectionLost("", std::string("lost the LISTEN connection: ") + PQerrorMessage(conn));
  bool any = false;
  while (PGnotify* notify = PQnotifies(conn)) {
    std::unique_ptr<PGnotify, decltype(&PQfreemem)> owned(notify, &PQfreemem);
    any = true;
  }
  return any;
}

NotificationListener::Woken NotificationListener::wait(std::chrono::milliseconds timeout,
                                                       int other_fd) {
  if (drain()) return Woken::notified;
  pollfd fds[2] = {{PQsocket(connection_.native()), POLLIN, 0}, {other_fd, POLLIN, 0}};
  int count = other_fd >= 0 ? 2 : 1;
  int ready = ::poll(fds, count, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) throw ConnectionLost("", "poll on the LISTEN connection failed");
  if (ready <= 0) return Woken::timeout;
  if (fds[0].revents != 0 && drain()) return Woken::notified;
  if (count == 2 && fds[1].revents != 0) return Woken::other_fd;
  return Woken::timeout;
}

}  // namespace construction::sql
