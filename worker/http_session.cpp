#include "worker/http_session.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <limits>
#include <sys/socket.h>

#include "runtime/log.hpp"

namespace construction::http {

namespace beast = boost::beast;

namespace {

constexpr int64_t kNs = 1000000000;

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

uint32_t header_budget(const Config& c) {
  uint64_t line = c.limit_request_line ? c.limit_request_line : 65536;
  uint64_t field = c.limit_request_field_size ? c.limit_request_field_size : 65536;
  uint64_t total = line + 2 + static_cast<uint64_t>(c.limit_request_fields) * (field + 2) + 2;
  return static_cast<uint32_t>(std::min<uint64_t>(total, std::numeric_limits<uint32_t>::max()));
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

}  // namespace

HttpSession::HttpSession(SessionDeps& deps, int fd, std::string peer_address)
    : deps_(deps), stream_(fd, deps.slot), peer_(std::move(peer_address)), client_(peer_) {}

void HttpSession::run() {
  const int64_t keep_alive_ns = static_cast<int64_t>(deps_.config.keep_alive) * kNs;
  for (bool first = true;; first = false) {
    if (!first && buffer_.size() == 0 &&
        !stream_.wait_readable_for(keep_alive_ns, deps_.stop, deps_.listeners)) {
      linger_ = stream_.has_pending_input();  // a request raced the close
      break;
    }
    if (!serve_one()) break;
  }
  if (linger_) lingering_close();
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

  beast::http::request_parser<beast::http::string_body> parser;
  parser.header_limit(header_budget(config));
  parser.body_limit(config.limit_request_body ? static_cast<uint64_t>(config.limit_request_body)
                                              : std::numeric_limits<uint64_t>::max());
  beast::error_code ec;
  beast::http::read_header(stream_, buffer_, parser, ec);
  if (ec) return answer_read_error(ec);
  if (auto status = limit_violation(parser.get())) {
    send_error(*status, request_line_of(parser.get()));
    return false;
  }
  if (beast::iequals(parser.get()[Field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    stream_.write_some(boost::asio::buffer(kContinue.data(), kContinue.size()), ec);
  }
  beast::http::read(stream_, buffer_, parser, ec);
  if (ec) return answer_read_error(ec);

  Request request = parser.release();
  std::string line = request_line_of(request);
  Scoreboard::begin_request(deps_.slot, line);
  std::string_view target = view(request.target());
  auto question = target.find('?');
  RequestContext ctx{request, target.substr(0, question),
                     question == std::string_view::npos ? std::string_view{}
                                                        : target.substr(question + 1),
                     {}, {}, {}};
  resolve_client(request, ctx);
  std::string_view offered = ctx.header("X-Request-ID");
  ctx.request_id = is_sane_request_id(offered) ? std::string(offered) : deps_.ids.next();

  Response response = dispatch(request, ctx);
  bool keep_alive = config.keep_alive > 0 && request.keep_alive() && !deps_.stop &&
                    !deps_.recycle_due() && !should_give_way();
  finish(response, ctx, keep_alive);
  uint64_t bytes = response.body().size();
  if (request.method() == Verb::head) response.body().clear();

  stream_.set_deadline(monotonic_ns() + static_cast<int64_t>(config.client_timeout) * kNs);
  beast::http::write(stream_, response, ec);
  log(line, response.result_int(), bytes, ctx.header("Referer"), ctx.header("User-Agent"),
      ctx.request_id);
  deps_.scoreboard.record_request(view(request.method_string()),
                                  ctx.route.empty() ? "(unmatched)" : ctx.route,
                                  response.result_int(),
                                  static_cast<uint64_t>(monotonic_ns() - started_ns_) / 1000);
  Scoreboard::end_request(deps_.slot);
  // The client asked to keep the connection and may have sent more already.
  if (!keep_alive && request.keep_alive())
    linger_ = buffer_.size() > 0 || stream_.has_pending_input();
  return keep_alive && !ec;
}

// A busy keep-alive connection keeps its worker for a slice of requests
// (as nginx's keepalive_requests), then closes if others are queueing; the
// listen queues are looked at once per slice, not once per request.
bool HttpSession::should_give_way() {
  if (++served_ % kKeepAliveSlice != 0) return false;
  return SocketStream::any_readable(deps_.listeners, 0);
}

// A read that failed: the client left, was too slow, or sent what breaks a
// limit or is not HTTP. Returns false: the connection is closed.
bool HttpSession::answer_read_error(const beast::error_code& ec) {
  using error = beast::http::error;
  if (ec == error::end_of_stream || ec == boost::asio::error::eof ||
      ec == error::partial_message || ec == boost::asio::error::connection_reset)
    return false;  // the client went away
  std::string raw = first_line(buffer_);
  unsigned status = 400;
  if (ec == beast::error::timeout) {
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
  log::info("Invalid request from ", peer_.empty() ? "unix socket" : peer_, ": ", ec.message(),
            " (", status, ")");
  send_error(status, raw);
  return false;
}

std::optional<unsigned> HttpSession::limit_violation(const Request& request) const {
  const Config& c = deps_.config;
  size_t line = request.method_string().size() + request.target().size() + 10;
  if (c.limit_request_line && line > static_cast<size_t>(c.limit_request_line)) return 414;
  int fields = 0;
  for (const auto& field : request) {
    ++fields;
    size_t size = field.name_string().size() + 2 + field.value().size();
    if (c.limit_request_field_size && size > static_cast<size_t>(c.limit_request_field_size))
      return 431;
  }
  if (fields > c.limit_request_fields) return 431;
  return std::nullopt;
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
    log::error("Error handling request ", request_line_of(request), " (request id ",
               ctx.request_id, "): ", e.what());
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

// Behind a trusted proxy the client is the first X-Forwarded-For address and
// the scheme is X-Forwarded-Proto; anyone else's such headers are ignored.
void HttpSession::resolve_client(const Request& request, RequestContext& ctx) {
  ctx.client_address = client_ = peer_;
  if (!is_trusted(deps_.config.forwarded_allow_ips, peer_)) return;
  if (auto it = request.find("X-Forwarded-For"); it != request.end()) {
    std::string_view list = view(it->value());
    auto first = trim(list.substr(0, list.find(',')));
    if (!first.empty()) ctx.client_address = client_ = std::string(first);
  }
  if (auto it = request.find("X-Forwarded-Proto"); it != request.end()) {
    std::string_view proto = trim(view(it->value()));
    if (proto == "https" || proto == "http") ctx.scheme = std::string(proto);
  }
}

}  // namespace construction::http
