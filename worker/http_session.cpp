#include "worker/http_session.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/write.hpp>
#include <cstring>
#include <limits>

#include "runtime/log.hpp"
#include "worker/request_reader.hpp"
#include "worker/request_target.hpp"

namespace construction::http {

namespace beast = boost::beast;

namespace {

constexpr int64_t kNs = 1000000000;

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

uint32_t header_budget(const Config& c) {
  uint64_t line = c.limit_request_line ? c.limit_request_line : 65536;
  uint64_t field = c.limit_request_field_size ? c.limit_request_field_size : 65536;
  uint64_t total = line + 2 + static_cast<uint64_t>(c.limit_request_fields) * (field + 2) + 2;
  return static_cast<uint32_t>(std::min<uint64_t>(total, std::numeric_limits<uint32_t>::max()));
}

// 0 means "no limit" for the line and the field size, as in Gunicorn; a
// field is still held to what Beast can store.
FramingGuard::Limits framing_limits(const Config& c) {
  size_t field = c.limit_request_field_size > 0
                     ? std::min(static_cast<size_t>(c.limit_request_field_size), kMaxFieldLine)
                     : kMaxFieldLine;
  return {static_cast<size_t>(std::max(c.limit_request_line, 0)), field,
          static_cast<size_t>(c.limit_request_fields)};
}

std::string request_line_of(const Request& r) {
  std::string line(view(r.method_string()));
  line += ' ';
  line += view(r.target());
  line += r.version() == 10 ? " HTTP/1.0" : " HTTP/1.1";
  return line;
}

// The first line of what a client sent, for logging a request that could not
// be parsed: at most 100 bytes of it.
std::string first_line(const beast::flat_buffer& buffer) {
  auto data = buffer.data();
  std::string_view bytes(static_cast<const char*>(data.data()), data.size());
  return std::string(bytes.substr(0, std::min(bytes.find("\r\n"), size_t{100})));
}

bool is_trusted(const std::vector<std::string>& allowed, std::string_view peer) {
  if (peer.empty()) return true;  // a unix socket: only local processes reach it
  for (const auto& ip : allowed)
    if (ip == "*" || ip == peer) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A syntactically valid IPv4 or IPv6 address (inet_pton on a stack copy).
bool is_ip_address(std::string_view text) {
  char copy[INET6_ADDRSTRLEN];
  if (text.empty() || text.size() >= sizeof copy) return false;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  unsigned char address[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, copy, address) == 1 || ::inet_pton(AF_INET6, copy, address) == 1;
}

// Methods Beast does not know fold into one label, so that made-up methods
// cannot fill the metrics table.
std::string_view method_label(const Request& r) {
  return r.method() == Verb::unknown ? std::string_view("other") : view(r.method_string());
}

// The target's path and query; an absolute-form target's authority becomes
// the request's Host (RFC 9112 §3.2.2). The target was checked with the
// header, so it splits.
RequestTarget routable_target(Request& request) {
  RequestTarget target = *split_target(view(request.target()));
  if (target.authority.empty()) return target;
  request.set(Field::host, beast::string_view(target.authority.data(), target.authority.size()));
  return *split_target(view(request.target()));  // views into the target as it is now
}

}  // namespace

HttpSession::HttpSession(SessionDeps& deps, int fd, std::string peer_address)
    : deps_(deps),
      stream_(fd, deps.slot),
      limits_(framing_limits(deps.config)),
      peer_(std::move(peer_address)),
      client_(peer_) {
  // TCP only: its listeners hold a silent connection back a second
  // (TCP_DEFER_ACCEPT), so one met here is idle, not a client about to
  // write. A unix socket hands a connection over at once (peer_ is empty).
  if (!peer_.empty()) stream_.give_way_while_silent(deps_.stop, deps_.listeners);
}

void HttpSession::run() {
  const int64_t keep_alive_ns = static_cast<int64_t>(deps_.config.keep_alive) * kNs;
  for (bool first = true;; first = false) {
    if (!first && buffer_.size() == 0 &&
        !stream_.wait_readable_for(keep_alive_ns, deps_.stop, deps_.listeners)) {
      linger_ = stream_.has_pending_input();  // a request raced the close
      break;
    }
    bool more = false;
    try {
      more = serve_one();
    } catch (const std::exception& e) {
      answer_exception(e);
    }
    if (!more) break;
  }
  if (linger_) lingering_close();
}

// The session's one boundary: whatever throws while a request is read or
// answered ends this connection, never the worker. A request that could not
// be read is the client's (400); past that it is ours (500, or a closed
// connection once the response has begun).
void HttpSession::answer_exception(const std::exception& e) {
  switch (phase_) {
    case Phase::reading:
      log::info("Invalid request from ", who(), ": ", e.what(), " (400)");
      send_error(400, first_line(buffer_));
      return;
    case Phase::handling:
      log::error("Error serving a request from ", who(), ": ", e.what());
      Scoreboard::end_request(deps_.slot);
      send_error(500, "");
      return;
    case Phase::responding:
      log::error("Error answering a request from ", who(), ": ", e.what());
      Scoreboard::end_request(deps_.slot);
      return;
  }
}

std::string_view HttpSession::who() const {
  return peer_.empty() ? std::string_view("unix socket") : std::string_view(peer_);
}

// Closing a socket that still has unread bytes from the client makes the
// kernel send RST, which can destroy the response still on its way. When the
// client may still be sending (pipelined requests, a refused body), stop
// writing first and read what comes for a moment, as nginx's lingering close.
void HttpSession::lingering_close() {
  ::shutdown(stream_.fd(), SHUT_WR);
  stream_.set_deadline(monotonic_ns() + kNs);
  char scratch[16384];
  beast::error_code ec;
  for (size_t discarded = 0; discarded < (1u << 20);) {
    size_t n = stream_.read_some(boost::asio::buffer(scratch), ec);
    if (ec || n == 0) return;
    discarded += n;
  }
}

// Serves one request; true when the connection may carry another.
bool HttpSession::serve_one() {
  const Config& config = deps_.config;
  started_ns_ = monotonic_ns();
  stream_.set_deadline(started_ns_ + static_cast<int64_t>(config.client_timeout) * kNs);

  phase_ = Phase::reading;

  RequestParser parser;
  parser.header_limit(header_budget(config));
  parser.body_limit(config.limit_request_body ? static_cast<uint64_t>(config.limit_request_body)
                                              : std::numeric_limits<uint64_t>::max());
  RequestReader reader(stream_, buffer_, limits_);
  beast::error_code ec = reader.read_header(parser);
  if (ec) return answer_read_error(ec, parser);
  if (auto status = framing_violation(parser)) {
    log::info("Invalid request from ", who(), ": ", framing_violation_text(*status), " (", *status,
              ")");
    send_error(*status, request_line_of(parser.get()));
    return false;
  }
  if (!split_target(view(parser.get().target()))) {
    log::info("Invalid request from ", who(), ": a request target no server routes (400)");
    send_error(400, request_line_of(parser.get()));
    return false;
  }
  if (beast::iequals(parser.get()[Field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    stream_.write_some(boost::asio::buffer(kContinue.data(), kContinue.size()), ec);
  }
  ec = reader.read_body(parser);
  if (ec) return answer_read_error(ec, parser);

  phase_ = Phase::handling;
  Request request = parser.release();
  std::string line = request_line_of(request);
  Scoreboard::begin_request(deps_.slot, line);
  RequestTarget target = routable_target(request);
  RequestContext ctx{request, target.path, target.query, {}, {}, {}};
  resolve_client(request, ctx);
  std::string_view offered = ctx.header("X-Request-ID");
  ctx.request_id = is_sane_request_id(offered) ? std::string(offered) : deps_.ids.next();

  // Only a connection's first request can have waited in the listen queue;
  // on TERM the queue is drained by serving it (DESIGN.md, "Stopping").
  bool waited_too_long =
      served_++ == 0 && !deps_.stop && deps_.queue_wait.exceeded(stream_.first_arrival_ns());
  Response response = waited_too_long ? answer_overloaded(ctx) : dispatch(request, ctx);
  bool keep_alive = !waited_too_long && config.keep_alive > 0 && request.keep_alive() &&
                    !deps_.stop && !deps_.recycle_due() && !should_give_way();
  finish(response, ctx, keep_alive);
  uint64_t bytes = response.body().size();
  if (request.method() == Verb::head) response.body().clear();

  phase_ = Phase::responding;
  stream_.set_deadline(monotonic_ns() + static_cast<int64_t>(config.client_timeout) * kNs);
  beast::http::write(stream_, response, ec);
  log(line, response.result_int(), bytes, ctx.header("Referer"), ctx.header("User-Agent"),
      ctx.request_id);
  deps_.scoreboard.record_request(
      method_label(request), ctx.route.empty() ? "(unmatched)" : ctx.route, response.result_int(),
      static_cast<uint64_t>(monotonic_ns() - started_ns_) / 1000);
  Scoreboard::end_request(deps_.slot);
  // The client asked to keep the connection and may have sent more already.
  if (!keep_alive && request.keep_alive())
    linger_ = buffer_.size() > 0 || stream_.has_pending_input();
  return keep_alive && !ec;
}

// A keep-alive connection keeps its worker only while no one else waits:
// each response looks at the listen queues (one poll, timeout 0) and says
// `Connection: close` when a connection is queued there. A slice of several
// requests per turn made the queued connections wait for every slice ahead
// of them: with 16 connections on 2 workers, one request in 20 waited 7
// slices, the p99 of 65-154 ms (DESIGN.md, "Tail latency and past capacity").
bool HttpSession::should_give_way() {
  return SocketStream::any_readable(deps_.listeners, 0);
}

// The request waited in the listen queue past --max-queue-wait: answered at
// once, unserved, so that the queue drains instead of growing. The client
// may send it again (Retry-After); nothing was done.
Response HttpSession::answer_overloaded(RequestContext& ctx) {
  ctx.route = "(overloaded)";
  Response response = answer_status(503, ctx);
  response.set(Field::retry_after, "1");
  return response;
}

// A read that failed: the client left, was too slow, or sent what breaks a
// limit or is not HTTP. Returns false: the connection is closed.
bool HttpSession::answer_read_error(const beast::error_code& ec, const RequestParser& parser) {
  using error = beast::http::error;
  if (ec == error::end_of_stream || ec == boost::asio::error::eof || ec == error::partial_message ||
      ec == boost::asio::error::connection_reset)
    return false;  // the client went away
  if (ec == SocketStream::gave_way()) {
    log::debug("Closed a connection from ", who(), " that had sent nothing while another waited");
    return false;
  }
  // Once the parser has the request line, the buffer no longer starts with it.
  std::string raw =
      parser.get().method_string().empty() ? first_line(buffer_) : request_line_of(parser.get());
  unsigned status = 400;
  if (ec.category() == framing_category()) {
    status = framing_status(ec);
  } else if (ec == beast::error::timeout) {
    status = 408;
  } else if (ec == error::header_limit) {
    // Too long a request line is 414; a line that fits means the fields broke the limit.
    auto data = buffer_.data();
    std::string_view all(static_cast<const char*>(data.data()), data.size());
    size_t end = all.find("\r\n");
    bool line_too_long = deps_.config.limit_request_line &&
                         (end == std::string_view::npos ||
                          end > static_cast<size_t>(deps_.config.limit_request_line));
    status = line_too_long ? 414 : 431;
  } else if (ec == error::body_limit) {
    status = 413;
  }
  log::info("Invalid request from ", who(), ": ", ec.message(), " (", status, ")");
  send_error(status, raw);
  return false;
}

// RFC 9112 framing that a server must refuse, because an intermediary may
// read the same bytes differently (request smuggling): a Transfer-Encoding
// with a Content-Length (§6.1; refused on every connection, not only
// keep-alive ones), one whose last coding is not chunked (§6.3), one on
// HTTP/1.0, and an HTTP/1.1 request without exactly one Host (§3.2). Codings
// other than chunked are not implemented (501). Costs two field lookups.
std::optional<unsigned> HttpSession::framing_violation(const RequestParser& parser) const {
  const Request& r = parser.get();
  size_t hosts = r.count(Field::host);
  if (hosts > 1 || (hosts == 0 && r.version() >= 11)) return 400;
  auto te = r.find(Field::transfer_encoding);
  if (te == r.end()) return std::nullopt;
  if (r.version() < 11 || r.count(Field::content_length) > 0 || !parser.chunked()) return 400;
  if (r.count(Field::transfer_encoding) > 1 || !beast::iequals(trim(view(te->value())), "chunked"))
    return 501;
  return std::nullopt;
}

std::string_view HttpSession::framing_violation_text(unsigned status) {
  return status == 501 ? "transfer coding not implemented"
                       : "ambiguous framing (Host, Transfer-Encoding or Content-Length)";
}

Response HttpSession::dispatch(const Request& request, RequestContext& ctx) {
  Router::Match match = deps_.router.match(request.method(), ctx.path, ctx);
  if (!match.route) {
    Response res = answer_status(match.allowed.empty() ? 404 : 405, ctx);
    if (!match.allowed.empty()) {
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.set(Field::allow, allow);
    }
    return res;
  }
  try {
    return match.route->handler(ctx);
  } catch (const std::exception& e) {
    if (auto answer = deps_.application.answer_exception(e, ctx)) return std::move(*answer);
    log::error("Error handling request ", request_line_of(request), " (request id ", ctx.request_id,
               "): ", e.what());
    return answer_status(500, ctx);
  }
}

Response HttpSession::answer_status(unsigned status, RequestContext& ctx) {
  try {
    if (auto custom = deps_.application.answer_error(status, ctx)) return std::move(*custom);
  } catch (const std::exception& e) {
    log::error("Error answering ", status, ": ", e.what());
  }
  return text_response(status, std::string(reason(status)) + "\n");
}

void HttpSession::finish(Response& response, const RequestContext& ctx, bool keep_alive) const {
  response.set(Field::date, deps_.clock.http_date());
  response.set("X-Request-ID", ctx.request_id);
  response.set(Field::connection, keep_alive ? "keep-alive" : "close");
  if (response.find(Field::content_type) == response.end())
    response.set(Field::content_type, "text/plain; charset=utf-8");
  response.content_length(response.body().size());
}

void HttpSession::send_error(unsigned status, std::string_view request_line) {
  linger_ = status != 408;  // the rest of a refused request may still be coming
  Request none;
  RequestContext ctx{none, "", "", "", {}, peer_, "http", deps_.ids.next()};
  Response response = text_response(status, std::string(reason(status)) + "\n");
  finish(response, ctx, false);
  beast::error_code ec;
  stream_.set_deadline(monotonic_ns() + kNs);  // best effort: the client may not read
  beast::http::write(stream_, response, ec);
  log(request_line, status, response.body().size(), "", "", ctx.request_id);
  deps_.scoreboard.record_request("-", "(invalid)", status,
                                  static_cast<uint64_t>(monotonic_ns() - started_ns_) / 1000);
}

void HttpSession::log(std::string_view request_line, unsigned status, uint64_t bytes,
                      std::string_view referer, std::string_view agent,
                      std::string_view request_id) {
  AccessEntry entry{client_.empty() ? std::string_view("-") : std::string_view(client_),
                    deps_.clock.access_log_time(),
                    request_line,
                    status,
                    bytes,
                    referer,
                    agent,
                    static_cast<uint64_t>(monotonic_ns() - started_ns_) / 1000,
                    request_id};
  deps_.access_log.write(entry);
}

// Behind a trusted proxy the client is the first X-Forwarded-For address
// (when it is one: anything else leaves the peer's) and the scheme is
// X-Forwarded-Proto; anyone else's such headers are ignored.
void HttpSession::resolve_client(const Request& request, RequestContext& ctx) {
  ctx.client_address = client_ = peer_;
  if (!is_trusted(deps_.config.forwarded_allow_ips, peer_)) return;
  if (auto it = request.find("X-Forwarded-For"); it != request.end()) {
    std::string_view list = view(it->value());
    auto first = trim(list.substr(0, list.find(',')));
    if (is_ip_address(first)) ctx.client_address = client_ = std::string(first);
  }
  if (auto it = request.find("X-Forwarded-Proto"); it != request.end()) {
    std::string_view proto = trim(view(it->value()));
    if (proto == "https" || proto == "http") ctx.scheme = std::string(proto);
  }
}

}  // namespace construction::http
