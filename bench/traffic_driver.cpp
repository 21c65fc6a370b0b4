// The day-of-traffic driver (issue 24): an open-loop load generator. It
// sends requests on a fixed schedule (a constant rate, or Poisson arrivals
// from a fixed seed) over a fixed set of keep-alive connections, and takes
// each request's latency from the time it was MEANT to leave, not from the
// time a connection was free to send it. A closed-loop tool (wrk, ab) waits
// for an answer before it sends the next request, so while the server
// stalls it stops asking, and the stall is one slow sample instead of the
// hundreds of users who waited behind it (coordinated omission; wrk2
// corrects it the same way). Here a request whose time has come while every
// connection is busy waits in the driver's queue, and that wait is part of
// its latency.
//
// Not part of the build: bench/day_of_traffic.sh compiles it with one line
//   g++ -std=c++20 -O2 bench/traffic_driver.cpp -o DRIVER -lssl -lcrypto
//
//   DRIVER --target 127.0.0.1:PORT [--tls] --requests FILE --conns 50
//          --phase RATE:SECONDS [--phase ...] [--poisson SEED] [--timeout S]
//          [--cookie session=VALUE] [--token TOKEN] [--host NAME]
//          [--start N] [--windows FILE] [--drain S]
//
// FILE: one request a line, tab-separated: route name, method, path, auth
// (`cookie`, `bearer` or `-`), JSON body (or empty). Request number k of the
// run (k from --start) is line k mod lines; `{seq}` in its path or body
// becomes k, and `{seq_date}` the day k days before 2000-01-01 (a date no
// seeded record has: daily logs are one per project and day).
//
// Errors by kind: the status (>= 500, and 4xx apart), connect refused,
// reset, closed before any byte of the answer, short read (closed part-way),
// timeout (no complete answer --timeout s after it was sent), unsent (still
// in the driver's queue when the drain ends). A keep-alive connection the
// server closed while idle (EOF before any byte, on a connection that had
// served a request) is retried once on a new connection, as browsers and
// nginx do; those are counted ("stale retries"), not errors.
//
// Output (stdout), tab-separated key=value lines: one `phase` line per
// phase (requests whose intended time falls in it), one `route` line per
// route and phase; --windows writes 100 ms windows (sent, answered, p99 of
// the answered, errors, the driver's queue) for the whole run as CSV.
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

// ---- the request list ---------------------------------------------------------

struct Request {
  std::string route, method, path, auth, body;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    std::size_t tab = line.find('\t', from);
    out.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
    if (tab == std::string::npos) return out;
    from = tab + 1;
  }
}

std::vector<Request> read_requests(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<Request> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f.size() < 4) throw std::runtime_error("a request line needs 4 or 5 fields: " + line);
    out.push_back({f[0], f[1], f[2], f[3], f.size() > 4 ? f[4] : ""});
  }
  if (out.empty()) throw std::runtime_error(file + " holds no request");
  return out;
}

// 2000-01-01 minus `days`, as YYYY-MM-DD.
std::string date_before_2000(std::uint64_t days) {
  using namespace std::chrono;
  year_month_day d{sys_days{year{2000} / January / 1} - std::chrono::days{static_cast<long>(days)}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

void replace_all(std::string& s, std::string_view what, const std::string& with) {
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
    s.replace(at, what.size(), with);
}

// ---- outcomes and samples -------------------------------------------------------

enum class Outcome : std::uint8_t {
  answered,
  refused,
  reset,
  closed,
  short_read,
  timeout,
  other,
  unsent
};
constexpr const char* kOutcomeNames[] = {"answered",   "refused", "reset", "closed",
                                         "short_read", "timeout", "other", "unsent"};

struct Sample {
  std::int64_t intended_us = 0, sent_us = -1, done_us = -1;
  std::uint32_t route = 0;
  std::uint16_t status = 0;
  Outcome outcome = Outcome::unsent;
  bool error() const { return outcome != Outcome::answered || status >= 500; }
  std::int64_t latency_us() const { return done_us - intended_us; }
};

// ---- options ----------------------------------------------------------------------

struct Phase {
  double rate, seconds;
};

struct Options {
  std::string host = "127.0.0.1", port, host_header = "localhost", requests, windows, cookie, token;
  bool tls = false;
  int conns = 50;
  std::vector<Phase> phases;
  std::optional<std::uint64_t> poisson_seed;
  double timeout_s = 10, drain_s = -1;
  std::uint64_t start = 0;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--target") {
      std::string t = value();
      auto colon = t.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--target HOST:PORT");
      o.host = t.substr(0, colon);
      o.port = t.substr(colon + 1);
    } else if (a == "--tls") {
      o.tls = true;
    } else if (a == "--requests") {
      o.requests = value();
    } else if (a == "--conns") {
      o.conns = std::stoi(value());
    } else if (a == "--phase") {
      std::string p = value();
      auto colon = p.find(':');
      if (colon == std::string::npos) throw std::runtime_error("--phase RATE:SECONDS");
      o.phases.push_back({std::stod(p.substr(0, colon)), std::stod(p.substr(colon + 1))});
    } else if (a == "--poisson") {
      o.poisson_seed = std::stoull(value());
    } else if (a == "--timeout") {
      o.timeout_s = std::stod(value());
    } else if (a == "--drain") {
      o.drain_s = std::stod(value());
    } else if (a == "--cookie") {
      o.cookie = value();
    } else if (a == "--token") {
      o.token = value();
    } else if (a == "--host") {
      o.host_header = value();
    } else if (a == "--start") {
      o.start = std::stoull(value());
    } else if (a == "--windows") {
      o.windows = value();
    } else {
      throw std::runtime_error("unknown argument " + a);
    }
  }
  if (o.port.empty() || o.requests.empty() || o.phases.empty())
    throw std::runtime_error("--target, --requests and at least one --phase are needed");
  if (o.drain_s < 0) o.drain_s = o.timeout_s + 1;
  return o;
}

// ---- the schedule -------------------------------------------------------------------

// Intended send times (µs from the start), phase after phase: evenly spaced,
// or exponential gaps (Poisson arrivals) drawn from a fixed seed.
class Schedule {
 public:
  explicit Schedule(const Options& o) : phases_(o.phases), poisson_(o.poisson_seed.has_value()) {
    if (poisson_) rng_.seed(*o.poisson_seed);
  }
  // The next intended time, or nullopt once the last phase is over.
  std::optional<std::int64_t> next() {
    while (phase_ < phases_.size()) {
      const Phase& p = phases_[phase_];
      double end = phase_start_ + p.seconds * 1e6;
      if (p.rate > 0) {
        double gap = 1e6 / p.rate;
        if (poisson_) gap *= -std::log(1.0 - static_cast<double>(rng_() >> 11) * 0x1.0p-53);
        double t = first_ ? phase_start_ + (poisson_ ? gap : 0) : at_ + gap;
        if (t < end) {
          at_ = t;
          first_ = false;
          return static_cast<std::int64_t>(t);
        }
      }
      phase_start_ = end;
      first_ = true;
      ++phase_;
    }
    return std::nullopt;
  }
  std::int64_t end_us() const {
    double t = 0;
    for (const Phase& p : phases_) t += p.seconds * 1e6;
    return static_cast<std::int64_t>(t);
  }

 private:
  std::vector<Phase> phases_;
  bool poisson_;
  std::mt19937_64 rng_;
  std::size_t phase_ = 0;
  bool first_ = true;
  double phase_start_ = 0, at_ = 0;
};

// ---- connections ----------------------------------------------------------------------

class Driver;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void send(std::size_t sample) = 0;
};

template <class Stream>
class ConnectionOf : public Connection {
 public:
  ConnectionOf(Driver& d, asio::io_context& io, ssl::context* tls)
      : driver_(d), io_(io), tls_(tls), timer_(io) {}
  void send(std::size_t sample) override;

 private:
  Stream make_stream();
  void connect();
  void write();
  void read();
  void finish(Outcome outcome, unsigned status, bool keep_alive);
  Outcome classify(const error_code& ec, bool got_some) const;
  void close();
  bool current(std::uint64_t gen) const { return gen == gen_; }

  Driver& driver_;
  asio::io_context& io_;
  ssl::context* tls_;
  std::shared_ptr<Stream> stream_;
  bool connected_ = false, retried_ = false, timed_out_ = false;
  unsigned served_ = 0;  // requests answered on this connection
  std::uint64_t gen_ = 0;
  std::size_t sample_ = 0;
  std::string out_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
  asio::steady_timer timer_;
};

using Plain = tcp::socket;
using Tls = ssl::stream<tcp::socket>;

tcp::socket& lowest(Plain& s) {
  return s;
}
tcp::socket& lowest(Tls& s) {
  return s.next_layer();
}

class Driver {
 public:
  explicit Driver(Options o)
      : o_(std::move(o)),
        requests_(read_requests(o_.requests)),
        schedule_(o_),
        tick_(io_),
        drain_timer_(io_) {
    tcp::resolver resolver(io_);
    endpoint_ = *resolver.resolve(o_.host, o_.port).begin();
    if (o_.tls) {
      tls_.emplace(ssl::context::tls_client);
      tls_->set_verify_mode(ssl::verify_none);  // a self-signed certificate on loopback
    }
    for (int i = 0; i < o_.conns; ++i) {
      if (o_.tls)
        conns_.push_back(std::make_unique<ConnectionOf<Tls>>(*this, io_, &*tls_));
      else
        conns_.push_back(std::make_unique<ConnectionOf<Plain>>(*this, io_, nullptr));
      idle_.push_back(conns_.back().get());
    }
  }

  void run() {
    start_ = Clock::now();
    next_ = schedule_.next();
    arm_tick();
    io_.run();
  }

  std::int64_t now_us() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
  }
  Sample& sample(std::size_t i) { return samples_[i]; }
  const Options& options() const { return o_; }

  // The request's bytes, with the run's identity and the request number.
  std::string bytes_of(std::size_t i) const {
    std::uint64_t k = o_.start + i;
    const Request& r = requests_[samples_[i].route];
    std::string path = r.path, body = r.body;
    if (r.path.find('{') != std::string::npos || r.body.find('{') != std::string::npos) {
      std::string seq = std::to_string(k), date = date_before_2000(k);
      replace_all(path, "{seq}", seq);
      replace_all(body, "{seq}", seq);
      replace_all(body, "{seq_date}", date);
    }
    std::string out = r.method + " " + path + " HTTP/1.1\r\nHost: " + o_.host_header +
                      "\r\nUser-Agent: construction-traffic-driver\r\nAccept: " +
                      (r.auth == "cookie" ? "text/html" : "*/*") + "\r\n";
    if (r.auth == "cookie") out += "Cookie: " + cookie_ + "\r\n";
    if (r.auth == "bearer") out += "Authorization: Bearer " + o_.token + "\r\n";
    if (!body.empty() || r.method == "POST")
      out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    return out + "\r\n" + body;
  }

  // A browser keeps the session cookie the server re-signs.
  void take_cookie(std::string_view set_cookie) {
    auto eq = cookie_.find('=');
    if (eq == std::string::npos) return;
    std::string_view name(cookie_.data(), eq + 1);
    if (set_cookie.substr(0, name.size()) != name) return;
    auto end = set_cookie.find(';');
    std::string value(set_cookie.substr(0, end));
    if (value.size() > name.size()) cookie_ = value;
  }

  void idle(Connection* c) {
    if (!queue_.empty()) {
      std::size_t s = queue_.front();
      queue_.pop_front();
      c->send(s);
      return;
    }
    idle_.push_back(c);
    maybe_done();
  }

  void answered() { ++finished_; }
  void stale_retry() { ++stale_retries_; }
  std::uint64_t stale_retries() const { return stale_retries_; }
  const std::vector<Sample>& samples() const { return samples_; }
  const std::vector<Request>& requests() const { return requests_; }
  std::int64_t end_us() const { return schedule_.end_us(); }

 private:
  // Every request due by now joins the queue (or an idle connection); then
  // the timer waits for the next intended time.
  void arm_tick() {
    if (!next_) {
      start_drain();
      return;
    }
    tick_.expires_at(start_ + std::chrono::microseconds(*next_));
    tick_.async_wait([this](const error_code& ec) {
      if (ec) return;
      std::int64_t now = now_us();
      while (next_ && *next_ <= now) {
        Sample s;
        s.intended_us = *next_;
        s.route = static_cast<std::uint32_t>((o_.start + samples_.size()) % requests_.size());
        samples_.push_back(s);
        dispatch(samples_.size() - 1);
        next_ = schedule_.next();
      }
      arm_tick();
    });
  }

  void dispatch(std::size_t s) {
    if (idle_.empty()) {
      queue_.push_back(s);
      return;
    }
    Connection* c = idle_.back();
    idle_.pop_back();
    c->send(s);
  }

  void start_drain() {
    scheduling_done_ = true;
    drain_timer_.expires_after(
        std::chrono::microseconds(static_cast<std::int64_t>(o_.drain_s * 1e6)));
    drain_timer_.async_wait([this](const error_code& ec) {
      if (!ec) io_.stop();  // what is still queued stays `unsent`; in flight: `timeout`
    });
    maybe_done();
  }

  void maybe_done() {
    if (scheduling_done_ && queue_.empty() && idle_.size() == conns_.size()) io_.stop();
  }

  Options o_;
  std::vector<Request> requests_;
  Schedule schedule_;
  asio::io_context io_;
  std::optional<ssl::context> tls_;
  tcp::endpoint endpoint_;
  std::vector<std::unique_ptr<Connection>> conns_;
  std::vector<Connection*> idle_;
  std::deque<std::size_t> queue_;
  std::vector<Sample> samples_;
  std::optional<std::int64_t> next_;
  Clock::time_point start_;
  asio::steady_timer tick_, drain_timer_;
  bool scheduling_done_ = false;
  std::uint64_t finished_ = 0, stale_retries_ = 0;
  std::string cookie_ = o_.cookie;

 public:
  const tcp::endpoint& endpoint() const { return endpoint_; }
};

template <class Stream>
Stream ConnectionOf<Stream>::make_stream() {
  if constexpr (std::is_same_v<Stream, Tls>)
    return Stream(io_, *tls_);
  else
    return Stream(io_);
}

template <class Stream>
void ConnectionOf<Stream>::send(std::size_t sample) {
  sample_ = sample;
  retried_ = timed_out_ = false;
  ++gen_;
  Sample& s = driver_.sample(sample);
  s.sent_us = driver_.now_us();
  out_ = driver_.bytes_of(sample);
  auto timeout =
      std::chrono::microseconds(static_cast<std::int64_t>(driver_.options().timeout_s * 1e6));
  timer_.expires_after(timeout);
  timer_.async_wait([this, gen = gen_](const error_code& ec) {
    if (ec || !current(gen)) return;
    timed_out_ = true;
    close();  // the pending operation ends with operation_aborted and finishes the request
  });
  if (connected_)
    write();
  else
    connect();
}

template <class Stream>
void ConnectionOf<Stream>::connect() {
  stream_ = std::make_shared<Stream>(make_stream());
  served_ = 0;
  buffer_.clear();
  lowest(*stream_).async_connect(
      driver_.endpoint(), [this, s = stream_, gen = gen_](const error_code& ec) {
        if (!current(gen)) return;
        if (ec) return finish(classify(ec, false), 0, false);
        lowest(*s).set_option(tcp::no_delay(true));
        connected_ = true;
        if constexpr (std::is_same_v<Stream, Tls>) {
          s->async_handshake(ssl::stream_base::client, [this, s, gen](const error_code& e) {
            if (!current(gen)) return;
            if (e) return finish(classify(e, false), 0, false);
            write();
          });
        } else {
          write();
        }
      });
}

template <class Stream>
void ConnectionOf<Stream>::write() {
  asio::async_write(*stream_, asio::buffer(out_),
                    [this, s = stream_, gen = gen_](const error_code& ec, std::size_t) {
                      if (!current(gen)) return;
                      if (ec) return finish(classify(ec, false), 0, false);
                      read();
                    });
}

template <class Stream>
void ConnectionOf<Stream>::read() {
  parser_.emplace();
  parser_->body_limit(256u << 20);
  http::async_read(*stream_, buffer_, *parser_,
                   [this, s = stream_, gen = gen_](const error_code& ec, std::size_t) {
                     if (!current(gen)) return;
                     if (ec) return finish(classify(ec, parser_->got_some()), 0, false);
                     const auto& res = parser_->get();
                     for (auto it = res.find(http::field::set_cookie);
                          it != res.end() && it->name() == http::field::set_cookie; ++it)
                       driver_.take_cookie(it->value());
                     finish(Outcome::answered, res.result_int(), res.keep_alive());
                   });
}

template <class Stream>
Outcome ConnectionOf<Stream>::classify(const error_code& ec, bool got_some) const {
  if (timed_out_) return Outcome::timeout;
  if (ec == asio::error::connection_refused) return Outcome::refused;
  if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe) return Outcome::reset;
  if (ec == http::error::end_of_stream || ec == asio::error::eof ||
      ec == ssl::error::stream_truncated || ec == http::error::partial_message)
    return got_some ? Outcome::short_read : Outcome::closed;
  return Outcome::other;
}

template <class Stream>
void ConnectionOf<Stream>::finish(Outcome outcome, unsigned status, bool keep_alive) {
  bool stale =
      (outcome == Outcome::closed || outcome == Outcome::reset) && served_ > 0 && !retried_;
  if (stale) {  // the server closed the idle connection as this request went out
    close();
    retried_ = true;
    ++gen_;
    driver_.stale_retry();
    out_ = driver_.bytes_of(sample_);
    auto gen = gen_;
    timer_.async_wait(
        [this, gen](const error_code& ec) {  // the same deadline, re-armed for the new attempt
          if (ec || !current(gen)) return;
          timed_out_ = true;
          close();
        });
    connect();
    return;
  }
  timer_.cancel();
  ++gen_;
  Sample& s = driver_.sample(sample_);
  s.done_us = driver_.now_us();
  s.outcome = outcome;
  s.status = static_cast<std::uint16_t>(status);
  if (outcome == Outcome::answered) ++served_;
  if (outcome != Outcome::answered || !keep_alive) close();
  driver_.answered();
  driver_.idle(this);
}

template <class Stream>
void ConnectionOf<Stream>::close() {
  if (stream_) {
    error_code ignored;
    lowest(*stream_).close(ignored);
  }
  connected_ = false;
}

// ---- the report ------------------------------------------------------------------------

double percentile_ms(std::vector<std::int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1;
  return static_cast<double>(sorted[std::min(i, sorted.size() - 1)]) / 1000.0;
}

struct Tally {
  std::vector<std::int64_t> latencies;  // µs, every request that ended (answered or not)
  std::map<std::string, std::uint64_t> errors;
  std::uint64_t scheduled = 0, answered = 0;

  void add(const Sample& s) {
    ++scheduled;
    if (s.outcome == Outcome::unsent) {
      ++errors["unsent"];
      return;
    }
    latencies.push_back(s.latency_us());
    if (s.outcome == Outcome::answered) {
      ++answered;
      if (s.status >= 400) ++errors[std::to_string(s.status)];
    } else {
      ++errors[kOutcomeNames[static_cast<int>(s.outcome)]];
    }
  }
  std::string error_text() const {
    std::string out;
    for (const auto& [kind, n] : errors)
      out += (out.empty() ? "" : ",") + kind + ":" + std::to_string(n);
    return out.empty() ? "none" : out;
  }
  std::uint64_t serious() const {  // what counts against "no errors": all but 4xx
    std::uint64_t n = 0;
    for (const auto& [kind, count] : errors)
      if (kind.size() != 3 || kind[0] != '4') n += count;
    return n;
  }
  std::string line() {
    std::sort(latencies.begin(), latencies.end());
    char text[400];
    std::snprintf(text, sizeof text,
                  "scheduled=%llu\tanswered=%llu\tp50=%.2f\tp90=%.2f\tp99=%.2f\tp999=%.2f\tmax=%."
                  "2f\tserious_errors=%llu\t"
                  "errors=%s",
                  static_cast<unsigned long long>(scheduled),
                  static_cast<unsigned long long>(answered), percentile_ms(latencies, 0.5),
                  percentile_ms(latencies, 0.9), percentile_ms(latencies, 0.99),
                  percentile_ms(latencies, 0.999),
                  latencies.empty() ? 0.0 : latencies.back() / 1000.0,
                  static_cast<unsigned long long>(serious()), error_text().c_str());
    return text;
  }
};

void report(const Driver& d) {
  const auto& o = d.options();
  const auto& samples = d.samples();
  double from = 0;
  for (std::size_t p = 0; p < o.phases.size(); ++p) {
    double to = from + o.phases[p].seconds * 1e6;
    Tally all;
    std::map<std::uint32_t, Tally> by_route;
    std::uint64_t done_in_phase = 0;
    for (const Sample& s : samples) {
      if (s.done_us >= from && s.done_us < to && s.outcome == Outcome::answered) ++done_in_phase;
      if (s.intended_us < from || s.intended_us >= to) continue;
      all.add(s);
      by_route[s.route].add(s);
    }
    std::printf("phase\tphase=%zu\toffered=%.1f\tseconds=%.1f\tachieved=%.1f\t%s\n", p + 1,
                o.phases[p].rate, o.phases[p].seconds,
                static_cast<double>(done_in_phase) / (o.phases[p].seconds), all.line().c_str());
    std::map<std::string, Tally> by_name;  // a route may sit on several lines of the list
    for (auto& [route, t] : by_route) {
      Tally& n = by_name[d.requests()[route].route];
      n.scheduled += t.scheduled;
      n.answered += t.answered;
      n.latencies.insert(n.latencies.end(), t.latencies.begin(), t.latencies.end());
      for (const auto& [k, c] : t.errors) n.errors[k] += c;
    }
    for (auto& [name, t] : by_name)
      std::printf("route\tphase=%zu\troute=%s\t%s\n", p + 1, name.c_str(), t.line().c_str());
    from = to;
  }
  std::printf("driver\tstale_retries=%llu\tconns=%d\n",
              static_cast<unsigned long long>(d.stale_retries()), o.conns);
}

// 100 ms windows: requests sent, answered (and their p99 from the intended
// time), errors ended in the window, and the driver's queue (due, not yet
// sent) and requests in flight at the window's end.
void write_windows(const Driver& d, const std::string& file) {
  const auto& samples = d.samples();
  std::int64_t last = d.end_us();
  for (const Sample& s : samples) last = std::max(last, s.done_us);
  const std::int64_t w = 100000;
  std::size_t n = static_cast<std::size_t>(last / w) + 1;
  std::vector<std::uint64_t> sent(n), done(n), errors(n), due_by(n), sent_by(n), done_by(n);
  std::vector<std::vector<std::int64_t>> lat(n);
  for (const Sample& s : samples) {
    auto at = [&](std::int64_t t) { return std::min(n - 1, static_cast<std::size_t>(t / w)); };
    ++due_by[at(s.intended_us)];
    if (s.sent_us >= 0) ++sent[at(s.sent_us)];
    if (s.done_us >= 0) {
      ++done[at(s.done_us)];
      lat[at(s.done_us)].push_back(s.latency_us());
      if (s.error()) ++errors[at(s.done_us)];
    }
  }
  std::ofstream out(file);
  out << "t_s,offered_due,sent,answered,p50_ms,p99_ms,max_ms,errors,queued,in_flight\n";
  std::uint64_t due_total = 0, sent_total = 0, done_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    due_total += due_by[i];
    sent_total += sent[i];
    done_total += done[i];
    std::sort(lat[i].begin(), lat[i].end());
    char line[200];
    std::snprintf(
        line, sizeof line, "%.1f,%llu,%llu,%llu,%.2f,%.2f,%.2f,%llu,%llu,%llu\n",
        static_cast<double>((i + 1) * w) / 1e6, static_cast<unsigned long long>(due_by[i]),
        static_cast<unsigned long long>(sent[i]), static_cast<unsigned long long>(done[i]),
        percentile_ms(lat[i], 0.5), percentile_ms(lat[i], 0.99),
        lat[i].empty() ? 0.0 : lat[i].back() / 1000.0, static_cast<unsigned long long>(errors[i]),
        static_cast<unsigned long long>(due_total - sent_total),
        static_cast<unsigned long long>(sent_total - done_total));
    out << line;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Driver driver(parse(argc, argv));
    driver.run();
    // what the drain left: in flight ends as a timeout (no answer within the
    // drain), the queue as unsent
    for (std::size_t i = 0; i < driver.samples().size(); ++i) {
      Sample& s = driver.sample(i);
      if (s.sent_us >= 0 && s.done_us < 0) {
        s.outcome = Outcome::timeout;
        s.done_us = driver.now_us();
      }
    }
    report(driver);
    if (!driver.options().windows.empty()) write_windows(driver, driver.options().windows);
    // no teardown: connections and handlers still queued go with the process
    std::fflush(stdout);
    std::_Exit(0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "traffic_driver: %s\n", e.what());
    return 2;
  }
}
