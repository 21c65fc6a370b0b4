#include "worker/socket_stream.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <cstring>
#include <ctime>

namespace construction::http {

namespace {
constexpr int64_t kBeatSliceNs = 1000000000;  // wake at least once a second to beat
constexpr int kKeepAliveGraceMs = 5;
// Listeners a keep-alive connection watches to give way (more are not watched).
constexpr size_t kMaxGiveWayFds = 16;

boost::beast::error_code errno_code() {
  return boost::beast::error_code(errno, boost::system::system_category());
}
}  // namespace

bool SocketStream::wait(short events, boost::beast::error_code& ec) {
  for (;;) {
    int64_t remaining = deadline_ns_ - monotonic_ns();
    if (remaining <= 0) {
      ec = boost::beast::error::timeout;
      return false;
    }
    pollfd p{fd_, events, 0};
    int ms = static_cast<int>(std::min(remaining, kBeatSliceNs) / 1000000) + 1;
    int rc = ::poll(&p, 1, ms);
    Scoreboard::beat(slot_);
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) {
      ec = errno_code();
      return false;
    }
  }
}

bool SocketStream::wait_while_silent(boost::beast::error_code& ec) {
  int64_t remaining = deadline_ns_ - monotonic_ns();
  if (remaining > 0 && wait_readable_for(remaining, *silent_stop_, *silent_give_way_to_))
    return true;
  ec = monotonic_ns() >= deadline_ns_ ? boost::beast::error::timeout : gave_way();
  return false;
}

boost::beast::error_code SocketStream::gave_way() {
  return boost::asio::error::connection_aborted;
}

bool SocketStream::wait_readable_for(int64_t timeout_ns, const volatile std::sig_atomic_t& stop,
                                     const std::vector<int>& give_way_to) {
  // A busy client's next request follows its response within a moment:
  // wait that long for it alone before looking at anyone else.
  pollfd self{fd_, POLLIN, 0};
  if (::poll(&self, 1, kKeepAliveGraceMs) > 0) return true;
  int64_t until = monotonic_ns() + timeout_ns;
  // On the stack: this runs once per keep-alive request.
  pollfd fds[1 + kMaxGiveWayFds] = {{fd_, POLLIN, 0}};
  size_t count = 1;
  for (int fd : give_way_to)
    if (count < std::size(fds)) fds[count++] = {fd, POLLIN, 0};
  for (;;) {
    int64_t remaining = until - monotonic_ns();
    if (remaining <= 0 || stop) return false;
    int ms = static_cast<int>(std::min(remaining, kBeatSliceNs) / 1000000) + 1;
    int rc = ::poll(fds, count, ms);
    Scoreboard::beat(slot_);
    if (rc < 0 && errno != EINTR) return false;
    if (rc <= 0) continue;
    if (fds[0].revents) return true;  // the client's next request came first: serve it
    for (size_t i = 1; i < count; ++i)
      if (fds[i].revents & POLLIN) return false;  // idle, and someone waits: give way
  }
}

bool SocketStream::has_pending_input() const {
  int pending = 0;
  return ::ioctl(fd_, FIONREAD, &pending) == 0 && pending > 0;
}

bool SocketStream::any_readable(const std::vector<int>& fds, int timeout_ms) {
  pollfd polled[kMaxGiveWayFds];
  size_t count = 0;
  for (int fd : fds)
    if (count < std::size(polled)) polled[count++] = {fd, POLLIN, 0};
  return ::poll(polled, count, timeout_ms) > 0;
}

std::size_t SocketStream::receive(void* data, std::size_t size, boost::beast::error_code& ec) {
  ec = {};
  for (;;) {
    ssize_t n =
        first_read_done_ ? ::recv(fd_, data, size, MSG_DONTWAIT) : receive_first(data, size);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) {
      ec = boost::asio::error::eof;
      return 0;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      ec = errno_code();
      return 0;
    }
    // Nothing read yet: with TCP_DEFER_ACCEPT that is a connection the
    // kernel handed over silent after its second (a preconnect), never the
    // common case, which costs no more than it did.
    bool silent = !first_read_done_ && silent_give_way_to_;
    if (!(silent ? wait_while_silent(ec) : wait(POLLIN, ec))) return 0;
  }
}

// Costs what recv costs: the stamp comes in the same syscall. It is the
// time of the last segment read, so for a request that came in several it
// is later than the first: the wait is then underestimated, never overstated.
ssize_t SocketStream::receive_first(void* data, std::size_t size) {
  iovec iov{data, size};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n = ::recvmsg(fd_, &msg, MSG_DONTWAIT);
  if (n <= 0) return n;
  first_read_done_ = true;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
    timespec stamp{};
    std::memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
    first_arrival_ns_ = int64_t{stamp.tv_sec} * 1000000000 + stamp.tv_nsec;
  }
  return n;
}

std::size_t SocketStream::send(struct iovec* iov, std::size_t count, boost::beast::error_code& ec) {
  ec = {};
  if (count == 0) return 0;
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = count;
  for (;;) {
    ssize_t n = ::sendmsg(fd_, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      ec = errno_code();
      return 0;
    }
    if (!wait(POLLOUT, ec)) return 0;
  }
}

}  // namespace construction::http
