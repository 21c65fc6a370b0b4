// One client connection, served to the end: read a request within the
// limits and deadlines, dispatch it through the router, write the response,
// log it; again while keep-alive allows. Nothing a client sends can crash or
// hang the worker: every malformed or oversized request gets its 4xx, and
// whatever throws ends the connection (run() is the one catch).
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <csignal>
#include <functional>
#include <string>

#include "runtime/config.hpp"
#include "runtime/scoreboard.hpp"
#include "worker/access_log.hpp"
#include "worker/application.hpp"
#include "worker/queue_wait.hpp"
#include "worker/request_id.hpp"
#include "worker/request_reader.hpp"
#include "worker/router.hpp"
#include "worker/socket_stream.hpp"
#include "worker/wall_clock.hpp"

namespace construction::http {

// What every connection of one worker shares.
struct SessionDeps {
  const Config& config;
  Application& application;
  const Router& router;
  Scoreboard& scoreboard;
  WorkerSlot& slot;
  AccessLog& access_log;
  WallClock& clock;
  RequestIdGenerator& ids;
  const volatile std::sig_atomic_t& stop;  // TERM arrived: finish this request, then close
  std::function<bool()> recycle_due;       // max-requests or max-worker-memory reached
  // A keep-alive connection gives way when a connection waits on these:
  // a sync worker must not serve one client while others queue for it.
  std::vector<int> listeners;
  QueueWaitLimit& queue_wait;  // --max-queue-wait: past it, 503 at once
};

class HttpSession {
 public:
  HttpSession(SessionDeps& deps, int fd, std::string peer_address);
  void run();

 private:
  bool serve_one();
  bool should_give_way();
  void lingering_close();
  void answer_exception(const std::exception& e);
  bool answer_read_error(const boost::beast::error_code& ec, const RequestParser& parser);
  std::optional<unsigned> framing_violation(const RequestParser& parser) const;
  static std::string_view framing_violation_text(unsigned status);
  std::string_view who() const;
  Response dispatch(const Request& request, RequestContext& ctx);
  Response answer_status(unsigned status, RequestContext& ctx);
  Response answer_overloaded(RequestContext& ctx);
  void finish(Response& response, const RequestContext& ctx, bool keep_alive) const;
  void send_error(unsigned status, std::string_view request_line);
  void log(std::string_view request_line, unsigned status, uint64_t bytes, std::string_view referer,
           std::string_view agent, std::string_view request_id);
  void resolve_client(const Request& request, RequestContext& ctx);

  SessionDeps& deps_;
  SocketStream stream_;
  FramingGuard::Limits limits_;
  std::string peer_;
  std::string client_;  // the peer, or who a trusted proxy says it forwards for
  boost::beast::flat_buffer buffer_;
  int64_t started_ns_ = 0;
  unsigned served_ = 0;
  bool linger_ = false;
  enum class Phase { reading, handling, responding } phase_ = Phase::reading;
};

}  // namespace construction::http
