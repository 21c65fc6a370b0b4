// A connected socket as Beast's SyncReadStream/SyncWriteStream, with the
// deadlines Beast's synchronous calls lack: a read or write that would pass
// the deadline fails with beast::error::timeout, so a client that trickles
// its request or does not read its response cannot hold the worker. Every
// wait beats the worker's heartbeat, so a slow client is never mistaken for
// a stuck worker.
#pragma once

#include <sys/uio.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <csignal>
#include <cstdint>
#include <vector>

#include "runtime/scoreboard.hpp"

namespace construction::http {

class SocketStream {
 public:
  SocketStream(int fd, WorkerSlot& slot) : fd_(fd), slot_(slot) {}

  void set_deadline(int64_t monotonic_deadline_ns) { deadline_ns_ = monotonic_deadline_ns; }
  // Waits up to `timeout_ns` for the next bytes (keep-alive); false: none
  // came, stop was set, or a connection arrived on one of `give_way_to`.
  bool wait_readable_for(int64_t timeout_ns, const volatile std::sig_atomic_t& stop,
                         const std::vector<int>& give_way_to);
  // Until its first byte comes, a connection holds no request (a browser's
  // preconnected socket; someone holding workers with idle connections):
  // while it is silent it gives way to a connection queued on
  // `give_way_to`, as an idle keep-alive connection does. The read then
  // fails with gave_way (and with beast::error::timeout at the deadline).
  void give_way_while_silent(const volatile std::sig_atomic_t& stop,
                             const std::vector<int>& give_way_to) {
    silent_stop_ = &stop;
    silent_give_way_to_ = &give_way_to;
  }
  static boost::beast::error_code gave_way();
  // Bytes from the client are waiting in the kernel, unread.
  bool has_pending_input() const;
  // Whether any of `fds` is readable within timeout_ms.
  static bool any_readable(const std::vector<int>& fds, int timeout_ms);
  int fd() const { return fd_; }
  // When the first bytes read on this connection reached the kernel
  // (CLOCK_REALTIME ns, the listener's SO_TIMESTAMPNS; 0 when unknown):
  // how long its first request waited for a worker (worker/queue_wait.hpp).
  int64_t first_arrival_ns() const { return first_arrival_ns_; }

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, boost::beast::error_code& ec) {
    auto first = *boost::asio::buffer_sequence_begin(buffers);
    return receive(first.data(), first.size(), ec);
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    boost::beast::error_code ec;
    auto n = read_some(buffers, ec);
    if (ec) throw boost::beast::system_error(ec);
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
    struct iovec iov[kMaxIov];
    std::size_t count = 0;
    for (auto it = boost::asio::buffer_sequence_begin(buffers);
         it != boost::asio::buffer_sequence_end(buffers) && count < kMaxIov; ++it) {
      boost::asio::const_buffer b = *it;
      if (b.size() == 0) continue;
      iov[count].iov_base = const_cast<void*>(b.data());
      iov[count].iov_len = b.size();
      ++count;
    }
    return send(iov, count, ec);
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    boost::beast::error_code ec;
    auto n = write_some(buffers, ec);
    if (ec) throw boost::beast::system_error(ec);
    return n;
  }

 private:
  // Beast gives the status line in three buffers, each header field in its
  // own, then the blank line and the body: a page's 13 fields make 18. With
  // room for 64, a response goes out in one sendmsg; past that it still goes,
  // in more than one.
  static constexpr std::size_t kMaxIov = 64;
  std::size_t receive(void* data, std::size_t size, boost::beast::error_code& ec);
  // The first read: recvmsg, to take the kernel's receive stamp with the bytes.
  ssize_t receive_first(void* data, std::size_t size);
  std::size_t send(struct iovec* iov, std::size_t count, boost::beast::error_code& ec);
  // Waits for `events` until the deadline; false with ec set on timeout.
  bool wait(short events, boost::beast::error_code& ec);
  // wait(POLLIN) for a connection that has sent nothing yet, giving way.
  bool wait_while_silent(boost::beast::error_code& ec);

  int fd_;
  WorkerSlot& slot_;
  int64_t deadline_ns_ = INT64_MAX;
  bool first_read_done_ = false;
  int64_t first_arrival_ns_ = 0;
  const volatile std::sig_atomic_t* silent_stop_ = nullptr;
  const std::vector<int>* silent_give_way_to_ = nullptr;
};

}  // namespace construction::http
