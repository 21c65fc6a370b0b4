// Random and mutated requests against the real `construction serve` (with
// its database): request heads, chunked bodies, JSON bodies to the API's
// routes, each made from a seed and then damaged at random: bytes flipped,
// inserted, dropped, repeated, lines cut, fields grown past every limit,
// framing headers added. Whatever comes, no worker may die and /health must
// answer afterwards.
//
// The seed is printed; CONSTRUCTION_FUZZ_SEED=N replays a run (request i is
// made from the seed and i alone), CONSTRUCTION_FUZZ_REQUESTS=N changes the
// count (10 000 by default).
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "test/support/api_server.hpp"
#include "test/support/http_client.hpp"

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

}  // namespace

TEST_CASE("thousands of random and mutated requests kill no worker", "[process]") {
  const uint64_t seed = env_number("CONSTRUCTION_FUZZ_SEED", std::random_device{}());
  const uint64_t count = env_number("CONSTRUCTION_FUZZ_REQUESTS", 10000);
  std::cout << "fuzz seed: " << seed << " (replay: CONSTRUCTION_FUZZ_SEED=" << seed << ")"
            << std::endl;
  ApiServer api;
  std::string token = api.user_token(unique("fuzz-org"), unique("fuzz") + "@example.test", "owner");
  const int port = api.server->port();
  const auto workers = api.server->worker_pids();
  REQUIRE(workers.size() == 1);

  std::atomic<uint64_t> next{0};
  std::atomic<int> by_class[6] = {};  // no answer, 1xx … 5xx
  std::atomic<int> errors500{0};
  std::mutex first_500_lock;
  std::string first_500;
  auto started = std::chrono::steady_clock::now();
  std::atomic<bool> worker_died{false};
  std::atomic<uint64_t> died_by{0};
  auto client = [&] {
    for (uint64_t i; !worker_died && (i = next++) < count;) {
      // Stop at the first death: its request is among the last few sent.
      if (i % 100 == 0 && !process_alive(workers.front())) {
        died_by = i;
        worker_died = true;
        break;
      }
      Rng rng(seed ^ (i * 0x9e3779b97f4a7c15ull));
      std::string req = base_request(rng, token);
      for (size_t n = pick(rng, 4); n > 0; --n) mutate(rng, req);
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

  std::cout << std::min<uint64_t>(next, count) << " requests in " << seconds
            << " s: " << by_class[0] << " unanswered, " << by_class[2] << " 2xx, " << by_class[3]
            << " 3xx, " << by_class[4] << " 4xx, " << by_class[5] << " 5xx (" << errors500
            << " of them 500)" << std::endl;
  if (!first_500.empty()) std::cout << "first 500: " << first_500 << std::endl;
  INFO("seed " << seed);
  INFO("the worker died before request " << died_by);
  CHECK_FALSE(worker_died);
  CHECK(api.server->worker_pids() == workers);
  std::string log = api.server->error_log();
  for (const char* death :
       {"Worker crashed", "was sent SIG", "exited with code", "WORKER TIMEOUT", "failed to boot"})
    CHECK(log.find(death) == std::string::npos);
  CHECK(http_get(port, "/health", 2000).status == 200);
}
