// Random and mutated requests against the real `construction serve` (with
// its database): request heads, chunked bodies, JSON bodies to the API's
// routes, each made from a seed and then damaged at random: bytes flipped,
// inserted, dropped, repeated, lines cut, fields grown past every limit,
// framing headers added. Whatever comes, no worker may die and /health must
// answer afterwards. And the pages' forms and queries, with a valid session
// and CSRF token or none: random bytes, text that is not UTF-8, huge and
// empty values, names sent twice, a '%' at the end, '+', NUL. None may get
// a 500, and no worker may die.
//
// The seed is printed; CONSTRUCTION_FUZZ_SEED=N replays a run (request i is
// made from the seed and i alone), CONSTRUCTION_FUZZ_REQUESTS=N changes the
// count of each test (10 000 by default).
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "test/support/api_server.hpp"
#include "test/support/http_client.hpp"
#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

using Rng = std::mt19937_64;

size_t pick(Rng& rng, size_t n) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
}
bool chance(Rng& rng, int percent) {
  return static_cast<int>(pick(rng, 100)) < percent;
}

template <typename T, size_t N>
const T& one_of(Rng& rng, const T (&items)[N]) {
  return items[pick(rng, N)];
}

uint64_t env_number(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::strtoull(text, nullptr, 10) : fallback;
}

std::string random_bytes(Rng& rng, size_t n) {
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(pick(rng, 256));
  return out;
}

// A size near a limit more often than not: 8 190 (field), 65 533 (Beast).
size_t interesting_size(Rng& rng) {
  static const size_t sizes[] = {0,    1,    100,   4094,  4095,  8189, 8190,
                                 8191, 9000, 65533, 65534, 65535, 70000};
  return chance(rng, 80) ? one_of(rng, sizes) : pick(rng, 100000);
}

std::string json_string(Rng& rng) {
  static const char* pieces[] = {
      "a",       "Ünïcødé",        "\\\"",    "\\\\", "\\n",      "\\u0000", "\\udc00",
      "\\ud800", "\\ud83d\\ude00", "\\uZZZZ", "\x01", "\xff\xfe", "\xc3",    "é",
      "\\",      "'; --"};
  std::string s = "\"";
  for (size_t n = pick(rng, 6); n > 0; --n) s += one_of(rng, pieces);
  if (chance(rng, 3)) s += std::string(interesting_size(rng), 'x');
  return s + (chance(rng, 95) ? "\"" : "");
}

std::string json_value(Rng& rng, int depth) {
  static const char* scalars[] = {"0",     "-1",   "1e308", "1e999", "9223372036854775808",
                                  "0.1",   "true", "false", "null",  "-0",
                                  "12.50", "NaN",  "01",    "[]",    "{}"};
  switch (depth > 3 ? pick(rng, 2) : pick(rng, 4)) {
    case 0:
      return one_of(rng, scalars);
    case 1:
      return json_string(rng);
    case 2: {
      std::string a = "[";
      for (size_t n = pick(rng, 4); n > 0; --n)
        a += json_value(rng, depth + 1) + (n > 1 ? "," : "");
      return a + "]";
    }
    default: {
      static const char* keys[] = {"name",
                                   "number",
                                   "email",
                                   "password",
                                   "status",
                                   "client_id",
                                   "kind",
                                   "quantity",
                                   "price_cents",
                                   "description",
                                   "start_date",
                                   "\\udc00",
                                   "retainage_work_bps",
                                   "contract_type",
                                   "role"};
      std::string o = "{";
      for (size_t n = pick(rng, 5); n > 0; --n)
        o += "\"" + std::string(one_of(rng, keys)) + "\":" + json_value(rng, depth + 1) +
             (n > 1 ? "," : "");
      return o + "}";
    }
  }
}

std::string chunked(Rng& rng, const std::string& body) {
  std::string out;
  for (size_t at = 0; at < body.size();) {
    size_t n = std::min(body.size() - at, 1 + pick(rng, 64));
    char size[32];
    std::snprintf(size, sizeof size, "%zx", n);
    out += size;
    if (chance(rng, 10))
      out += ";ext=" + std::string(chance(rng, 20) ? interesting_size(rng) : 3, 'e');
    out += "\r\n" + body.substr(at, n) + "\r\n";
    at += n;
  }
  if (chance(rng, 5)) out += "ffffffffffffffffff\r\n";
  out += "0\r\n";
  if (chance(rng, 15)) out += "X-Trailer: " + std::string(interesting_size(rng), 't') + "\r\n";
  return out + "\r\n";
}

struct Target {
  const char* method;
  const char* path;
  bool json;
};

const Target kTargets[] = {
    {"GET", "/health", false},
    {"GET", "/metrics", false},
    {"GET", "/ready", false},
    {"GET", "/api/v1/projects", false},
    {"GET", "/api/v1/projects/1", false},
    {"GET", "/api/v1/projects?status=active&q=%ff%00", false},
    {"GET", "/api/v1/openapi.json", false},
    {"POST", "/api/v1/auth/tokens", true},
    {"POST", "/api/v1/projects", true},
    {"PATCH", "/api/v1/projects/1", true},
    {"POST", "/api/v1/parties", true},
    {"POST", "/api/v1/projects/1/estimates", true},
    {"POST", "/api/v1/estimates/1/lines", true},
    {"PATCH", "/api/v1/users/1", true},
    {"DELETE", "/api/v1/projects/1", false},
};

// A well-formed request, often with a token, sometimes with a chunked body.
std::string base_request(Rng& rng, const std::string& token) {
  const Target& t = one_of(rng, kTargets);
  std::string body = t.json ? json_value(rng, 0) : "";
  std::string head = std::string(t.method) + " " + t.path + " HTTP/1.1\r\nHost: localhost\r\n";
  if (chance(rng, 70)) head += "Authorization: Bearer " + token + "\r\n";
  if (t.json) head += "Content-Type: application/json\r\n";
  if (chance(rng, 10)) head += "Expect: 100-continue\r\n";
  if (chance(rng, 10)) head += "X-Forwarded-For: " + json_string(rng) + "\r\n";
  if (chance(rng, 30)) head += "Connection: keep-alive\r\n";
  if (!body.empty() && chance(rng, 30))
    return head + "Transfer-Encoding: chunked\r\n\r\n" + chunked(rng, body);
  if (!body.empty()) head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return head + "\r\n" + body;
}

void insert_line(Rng& rng, std::string& req, const std::string& line) {
  size_t first = req.find("\r\n");
  if (first == std::string::npos) return;
  size_t end = req.find("\r\n\r\n");
  size_t at = first + 2;
  if (end != std::string::npos && end > first) at += pick(rng, end - first);
  at = req.find("\r\n", at);
  if (at == std::string::npos) at = first;
  req.insert(at + 2, line + "\r\n");
}

void mutate(Rng& rng, std::string& req) {
  static const char* framing[] = {"Transfer-Encoding: chunked",
                                  "Transfer-Encoding: gzip",
                                  "Transfer-Encoding: chunked, gzip",
                                  "Content-Length: 5",
                                  "Content-Length: -1",
                                  "Content-Length: 99999999999999",
                                  "Content-Length: 1, 2",
                                  "Host: second",
                                  "Expect: 100-continue",
                                  "Connection: keep-alive",
                                  "Transfer-Encoding:",
                                  " folded continuation",
                                  "X-Request-ID: \x01\x02",
                                  "Content-Type: application/json; charset=latin1"};
  size_t at = req.empty() ? 0 : pick(rng, req.size());
  switch (pick(rng, 11)) {
    case 0:  // flip bytes
      for (size_t n = 1 + pick(rng, 4); n > 0 && !req.empty(); --n)
        req[pick(rng, req.size())] = static_cast<char>(pick(rng, 256));
      break;
    case 1:
      req.insert(at, random_bytes(rng, 1 + pick(rng, 16)));
      break;
    case 2:
      req.erase(at, pick(rng, 32));
      break;
    case 3:
      req.insert(at, req.substr(at, pick(rng, 64)));
      break;
    case 4:
      req.resize(at);
      break;  // cut short
    case 5:
      insert_line(rng, req, one_of(rng, framing));
      break;
    case 6:
      insert_line(rng, req, "X-Big: " + std::string(interesting_size(rng), 'b'));
      break;
    case 7:
      insert_line(rng, req, std::string(interesting_size(rng) + 1, 'N') + ": v");
      break;
    case 8: {  // the method or the version replaced
      static const char* words[] = {"GET",      "MADEUP",     "G\x01T", "",       "HTTP/1.0",
                                    "HTTP/2.0", "HTTP/1.1 x", "/",      "CONNECT"};
      size_t space = req.find(' ');
      if (chance(rng, 50) && space != std::string::npos)
        req.replace(0, space, one_of(rng, words));
      else if (size_t v = req.find(" HTTP/1.1"); v != std::string::npos)
        req.replace(v + 1, 8, one_of(rng, words));
      break;
    }
    case 9: {  // bare LF line endings
      for (size_t p = req.find("\r\n"); p != std::string::npos; p = req.find("\r\n", p))
        req.erase(p, 1);
      break;
    }
    default:
      req += req.substr(0, pick(rng, req.size() + 1));
      break;  // a pipelined copy
  }
}

// Sends the request, says it is done (so a cut request ends at once), and
// reads what comes back; the status, or 0 when none came.
int status_of_exchange(int port, const std::string& bytes) {
  int fd = connect_to(port);
  if (fd < 0) return -1;
  send_all(fd, bytes);
  ::shutdown(fd, SHUT_WR);
  std::string head;
  char buf[16384];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    if (head.size() < 12) head.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return head.size() >= 12 && head.starts_with("HTTP/1.") ? std::atoi(head.c_str() + 9) : 0;
}

// ---- the pages' forms and queries

// A piece of a form value or query value as it goes on the wire: text
// (odd, but text) or, unless `text_only`, bytes that are not.
std::string encoded_piece(Rng& rng, bool text_only) {
  static const char* text[] = {"a",        "Zo%C3%AB",     "%E2%82%AC",  "+",
                               "%2B",      "%20",          "%25",        "&",
                               "=",        "%26",          "%3D",        "1,000.50",
                               "-0",       "12.5%25",      "2026-12-05", "9999-99-99",
                               "%0D%0A",   "%3Cscript%3E", "%22",        "'",
                               "\xc3\xa9", "%F0%9F%98%80", "|",          "0",
                               "-1"};
  static const char* not_text[] = {"%FF",       "%FE%FF",       "%C0%AF", "%C0%80", "%ED%A0%80",
                                   "%ED%B0%80", "%F4%90%80%80", "%E2%82", "%C3",    "%00",
                                   "%",         "%4",           "%zz",    "%%",     "\xff"};
  switch (pick(rng, 10)) {
    case 0: {  // random bytes, escaped as a browser would
      if (text_only) return one_of(rng, text);
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string out;
      for (char c : random_bytes(rng, 1 + pick(rng, 12))) {
        auto b = static_cast<unsigned char>(c);
        out += std::string("%") + kHex[b >> 4] + kHex[b & 15];
      }
      return out;
    }
    case 1:  // and not escaped
      return text_only ? one_of(rng, text) : random_bytes(rng, 1 + pick(rng, 8));
    case 2:
      return std::string(chance(rng, 50) ? interesting_size(rng) : pick(rng, 300), 'x');
    case 3:
      return text_only ? one_of(rng, text) : one_of(rng, not_text);
    default:
      return one_of(rng, text);
  }
}

std::string encoded_value(Rng& rng, bool text_only) {
  std::string value;
  for (size_t n = pick(rng, 5); n > 0; --n) value += encoded_piece(rng, text_only);
  return value;  // empty one time in five
}

const char* const kFieldNames[] = {"name",
                                   "number",
                                   "kind",
                                   "email",
                                   "password",
                                   "title",
                                   "description",
                                   "quantity",
                                   "unit_cost",
                                   "markup",
                                   "cost_code",
                                   "cost_type",
                                   "status",
                                   "client_id",
                                   "start_date",
                                   "completion_date",
                                   "site_address",
                                   "phone",
                                   "address",
                                   "amount",
                                   "date",
                                   "q",
                                   "version",
                                   "notes",
                                   "due_date",
                                   "percent",
                                   "retainage",
                                   "vendor_id",
                                   "",
                                   "csrf_token"};

// name=value pairs, names from the pages' forms (sometimes one twice,
// sometimes not text), values from encoded_value; `csrf` added when given.
// Half of them all text, so that the pages' handlers get to read them.
std::string encoded_fields(Rng& rng, const std::string& csrf) {
  bool text_only = chance(rng, 50);
  std::string out;
  for (size_t n = pick(rng, 8); n > 0; --n) {
    if (!out.empty()) out += '&';
    static const char* not_text_names[] = {"%FF", "na%00me", "%C0%AF"};
    out += !text_only && chance(rng, 5) ? one_of(rng, not_text_names) : one_of(rng, kFieldNames);
    if (chance(rng, 95)) out += "=" + encoded_value(rng, text_only);
  }
  if (chance(rng, 10) && !out.empty()) out += "&" + out.substr(0, out.find('&'));  // repeated
  if (!csrf.empty()) out += (out.empty() ? "csrf_token=" : "&csrf_token=") + csrf;
  if (!text_only && chance(rng, 5)) out += "%";
  return out;
}

// Who sends a page request: a session cookie and its CSRF token ("" for a
// visitor without one).
struct PageVisitor {
  std::string session, csrf;
};

// A page's GET with a random query or a POST of a random form, as `who`.
std::string page_request(Rng& rng, const PageVisitor& who, const std::string& project,
                         const std::string& estimate) {
  const std::string p = "/projects/" + project, e = "/estimates/" + estimate;
  const std::string gets[] = {
      "/",           "/projects",      "/parties", p,        p + "/tasks",   p + "/daily-logs",
      p + "/budget", p + "/estimates", e,          "/login", p + "/schedule"};
  const std::string posts[] = {
      "/login",     "/parties",        "/projects",        p + "/estimates",        e + "/lines",
      p + "/tasks", p + "/daily-logs", p + "/commitments", p + "/budget/transfers", e,
      "/parties/1"};
  bool post = chance(rng, 60);
  std::string head;
  std::string body;
  if (post) {
    body = encoded_fields(rng, chance(rng, 90) ? who.csrf : "");
    head = "POST " + one_of(rng, posts) + " HTTP/1.1\r\nHost: localhost\r\n" +
           "Content-Type: application/x-www-form-urlencoded\r\n" +
           "Content-Length: " + std::to_string(body.size()) + "\r\n";
  } else {
    head = "GET " + one_of(rng, gets) + "?" + encoded_fields(rng, "") +
           " HTTP/1.1\r\nHost: localhost\r\n";
  }
  // A raw value may hold what cannot go on the request line (a space, CR,
  // LF): such a request is the client's error (400), not the page's.
  if (!who.session.empty()) head += "Cookie: session=" + who.session + "\r\n";
  if (chance(rng, 20)) head += "HX-Request: true\r\n";
  return head + "\r\n" + body;
}

// What a fuzz run saw.
struct FuzzOutcome {
  uint64_t sent = 0;
  bool worker_died = false;
  uint64_t died_by = 0;
  int by_class[6] = {};  // no answer, 1xx … 5xx
  int errors500 = 0;
  std::string first_500;
};

// Sends `count` requests made by `make(rng, i)` from four clients at once,
// stopping at the first sign that `worker` died.
FuzzOutcome fuzz(uint64_t seed, uint64_t count, int port, pid_t worker,
                 const std::function<std::string(Rng&)>& make) {
  std::atomic<uint64_t> next{0};
  std::atomic<int> by_class[6] = {};
  std::atomic<int> errors500{0};
  std::mutex first_500_lock;
  std::string first_500;
  std::atomic<bool> worker_died{false};
  std::atomic<uint64_t> died_by{0};
  auto started = std::chrono::steady_clock::now();
  auto client = [&] {
    for (uint64_t i; !worker_died && (i = next++) < count;) {
      // Stop at the first death: its request is among the last few sent.
      if (i % 100 == 0 && !process_alive(worker)) {
        died_by = i;
        worker_died = true;
        break;
      }
      Rng rng(seed ^ (i * 0x9e3779b97f4a7c15ull));
      std::string req = make(rng);
      int status = status_of_exchange(port, req);
      by_class[status >= 100 && status < 600 ? status / 100 : 0]++;
      if (status == 500) {
        errors500++;
        std::lock_guard<std::mutex> hold(first_500_lock);
        if (first_500.empty())
          first_500 = "request " + std::to_string(i) + ": " + req.substr(0, 400);
      }
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) clients.emplace_back(client);
  for (auto& t : clients) t.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  FuzzOutcome out;
  out.sent = std::min<uint64_t>(next, count);
  out.worker_died = worker_died;
  out.died_by = died_by;
  for (int c = 0; c < 6; ++c) out.by_class[c] = by_class[c];
  out.errors500 = errors500;
  out.first_500 = first_500;
  std::cout << out.sent << " requests in " << seconds << " s: " << out.by_class[0]
            << " unanswered, " << out.by_class[2] << " 2xx, " << out.by_class[3] << " 3xx, "
            << out.by_class[4] << " 4xx, " << out.by_class[5] << " 5xx (" << out.errors500
            << " of them 500)" << std::endl;
  if (!first_500.empty()) std::cout << "first 500: " << first_500 << std::endl;
  return out;
}

// No death in the master's log, the same worker, and /health answers.
void check_no_worker_died(const ServerProcess& server, const std::vector<pid_t>& workers,
                          const FuzzOutcome& outcome) {
  INFO("the worker died before request " << outcome.died_by);
  CHECK_FALSE(outcome.worker_died);
  CHECK(server.worker_pids() == workers);
  std::string log = server.error_log();
  for (const char* death :
       {"Worker crashed", "was sent SIG", "exited with code", "WORKER TIMEOUT", "failed to boot"})
    CHECK(log.find(death) == std::string::npos);
  CHECK(http_get(server.port(), "/health", 2000).status == 200);
}

uint64_t fuzz_seed() {
  const uint64_t seed = env_number("CONSTRUCTION_FUZZ_SEED", std::random_device{}());
  std::cout << "fuzz seed: " << seed << " (replay: CONSTRUCTION_FUZZ_SEED=" << seed << ")"
            << std::endl;
  return seed;
}

}  // namespace

TEST_CASE("thousands of random and mutated requests kill no worker", "[process]") {
  const uint64_t seed = fuzz_seed();
  const uint64_t count = env_number("CONSTRUCTION_FUZZ_REQUESTS", 10000);
  ApiServer api;
  std::string token = api.user_token(unique("fuzz-org"), unique("fuzz") + "@example.test", "owner");
  const auto workers = api.server->worker_pids();
  REQUIRE(workers.size() == 1);
  FuzzOutcome outcome = fuzz(seed, count, api.server->port(), workers.front(), [&](Rng& rng) {
    std::string req = base_request(rng, token);
    for (size_t n = pick(rng, 4); n > 0; --n) mutate(rng, req);
    return req;
  });
  INFO("seed " << seed);
  check_no_worker_died(*api.server, workers, outcome);
}

TEST_CASE("thousands of random forms and page queries, logged in and not, get no 500",
          "[process]") {
  const uint64_t seed = fuzz_seed();
  const uint64_t count = env_number("CONSTRUCTION_FUZZ_REQUESTS", 10000);
  PageServer& server = shared_page_server();
  const auto workers = server.server->worker_pids();
  REQUIRE(workers.size() == 1);
  Org org = new_org("Fuzz");
  PageVisitor member{org.owner.session, org.owner.csrf};
  HttpResult made = org.owner.post("/projects", {{"number", "FZ-1"}, {"name", "Fuzzed"}});
  REQUIRE(made.status == 303);
  std::string project = id_after(made.header("location"), "/projects/");
  REQUIRE(org.owner.get("/projects/" + project).status == 200);  // its CSRF token
  HttpResult estimate = org.owner.post("/projects/" + project + "/estimates", {{"title", "E"}});
  REQUIRE(estimate.status == 303);
  std::string estimate_id = id_after(estimate.header("location"), "/estimates/");
  PageClient anonymous(server.port());
  REQUIRE(anonymous.get("/login").status == 200);  // a visitor's session and CSRF token
  PageVisitor visitor{anonymous.session, anonymous.csrf};
  FuzzOutcome outcome = fuzz(seed, count, server.port(), workers.front(), [&](Rng& rng) {
    int who = static_cast<int>(pick(rng, 10));
    const PageVisitor none{};
    const PageVisitor& as = who < 6 ? member : who < 9 ? visitor : none;
    return page_request(rng, as, project, estimate_id);
  });
  INFO("seed " << seed);
  CHECK(outcome.errors500 == 0);
  CHECK(outcome.by_class[0] == 0);
  check_no_worker_died(*server.server, workers, outcome);
}
