#include "test/support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

namespace construction::testing {

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

namespace {

std::string read_all(int fd, int timeout_ms, bool* closed) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (closed) *closed = false;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[65536];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}
}  // namespace

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms) {
  int fd = connect_to(port);
  if (fd < 0) return {};
  send_all(fd, bytes);
  std::string out = read_all(fd, timeout_ms, nullptr);
  ::close(fd);
  return out;
}

HttpResult parse_response(const std::string& raw) {
  HttpResult r;
  auto end = raw.find("\r\n\r\n");
  if (raw.compare(0, 9, "HTTP/1.1 ") != 0 && raw.compare(0, 9, "HTTP/1.0 ") != 0) {
    r.error = raw.empty() ? "no response" : "not an HTTP response: " + raw.substr(0, 80);
    return r;
  }
  r.status = std::stoi(raw.substr(9, 3));
  std::istringstream lines(raw.substr(0, end));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "set-cookie") r.set_cookies.push_back(value);
    r.headers[name] = value;
  }
  if (end != std::string::npos) r.body = raw.substr(end + 4);
  return r;
}

HttpResult http_request(int port, const std::string& method, const std::string& path,
                        const std::string& body, const std::map<std::string, std::string>& headers,
                        int timeout_ms) {
  // Host: 127.0.0.1 unless the test names another (a forged one, say).
  std::string req = method + " " + path + " HTTP/1.1\r\n" +
                    (headers.count("Host") ? "" : "Host: 127.0.0.1\r\n") + "Connection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  HttpResult r = parse_response(raw_exchange(port, req, timeout_ms));
  return r;
}

HttpResult http_get(int port, const std::string& path, int timeout_ms) {
  return http_request(port, "GET", path, "", {}, timeout_ms);
}

OpenConnection::OpenConnection(int port) : fd_(connect_to(port)) {}
OpenConnection::~OpenConnection() {
  if (fd_ >= 0) ::close(fd_);
}
bool OpenConnection::send(const std::string& bytes) {
  return fd_ >= 0 && send_all(fd_, bytes);
}
std::string OpenConnection::read_until_closed(int timeout_ms, bool* closed) {
  return read_all(fd_, timeout_ms, closed);
}

HttpResult OpenConnection::read_response(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto end = pending_.find("\r\n\r\n");
    if (end != std::string::npos) {
      HttpResult head = parse_response(pending_.substr(0, end + 4));
      size_t length =
          head.header("content-length").empty() ? 0 : std::stoul(head.header("content-length"));
      if (pending_.size() >= end + 4 + length) {
        HttpResult r = parse_response(pending_.substr(0, end + 4 + length));
        pending_.erase(0, end + 4 + length);
        return r;
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) return {.error = "timeout"};
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return {.error = "closed"};
    pending_.append(buf, static_cast<size_t>(n));
  }
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace construction::testing
