#include "supervisor/queued_connections.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <ctime>
#include <string>

#include "runtime/scoreboard.hpp"

namespace construction {

namespace {

// More than any backlog we set: a bound, should clients keep coming faster
// than the master answers them.
constexpr size_t kMostAnswered = 8192;
constexpr int64_t kLingerNs = 1000000000;

std::string unavailable_response() {
  static constexpr std::string_view kBody = "The server is restarting; try again in a moment.\n";
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string("HTTP/1.1 503 Service Unavailable\r\nDate: ") + date +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
         std::to_string(kBody.size()) + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n" +
         std::string(kBody);
}

// Reads what the client has sent so far, so that closing does not reset
// the connection over unread bytes; false once it has closed its side.
bool discard_input(int fd) {
  char scratch[16384];
  for (int i = 0; i < 64; ++i) {
    ssize_t n = ::recv(fd, scratch, sizeof scratch, MSG_DONTWAIT);
    if (n == 0) return false;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  }
  return true;
}

// Non-blocking accepts until the queue is empty.
void accept_all(int listener, std::vector<UniqueFd>& accepted) {
  ::fcntl(listener, F_SETFL, ::fcntl(listener, F_GETFL) | O_NONBLOCK);
  while (accepted.size() < kMostAnswered) {
    int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      accepted.emplace_back(fd);
      continue;
    }
    if (errno != EINTR && errno != ECONNABORTED) return;
  }
}

// Waits up to a second for the clients to read the answer and close, as a
// worker's lingering close does; whoever is still there is closed then.
void linger(std::vector<UniqueFd>& answered) {
  int64_t until = monotonic_ns() + kLingerNs;
  while (!answered.empty()) {
    int64_t left_ms = (until - monotonic_ns()) / 1000000;
    if (left_ms <= 0) return;
    std::vector<pollfd> fds;
    for (auto& fd : answered) fds.push_back({fd.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), static_cast<int>(left_ms)) <= 0) return;
    for (size_t i = fds.size(); i-- > 0;)
      if (fds[i].revents && !discard_input(fds[i].fd))
        answered.erase(answered.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace

size_t answer_queued_connections(std::vector<Listener>& listeners) {
  std::vector<UniqueFd> accepted;
  for (auto& l : listeners) accept_all(l.fd.get(), accepted);
  for (auto& l : listeners) l.fd.reset();  // from here new clients are refused, not reset
  const std::string response = unavailable_response();
  for (auto& fd : accepted) {
    discard_input(fd.get());
    ::send(fd.get(), response.data(), response.size(), MSG_NOSIGNAL);
    ::shutdown(fd.get(), SHUT_WR);
  }
  size_t answered = accepted.size();
  linger(accepted);
  return answered;
}

}  // namespace construction
