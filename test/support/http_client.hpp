// A deliberately small HTTP/1.1 client for the process tests: plain
// sockets, so a test can also send what no library would (half a header,
// garbage bytes) and see exactly what the server answered.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace construction::testing {

struct HttpResult {
  int status = 0;                              // 0: no response (see error)
  std::map<std::string, std::string> headers;  // names in lower case
  std::vector<std::string> set_cookies;        // every Set-Cookie, in order
  std::string body;
  std::string error;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A TCP connection to 127.0.0.1:port (-1 when refused), and a send of all
// of `bytes` on it (false when the server closed first).
int connect_to(int port);
bool send_all(int fd, const std::string& bytes);

// Sends `bytes`, reads until the server closes or the timeout passes.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 5000);
HttpResult parse_response(const std::string& raw);
HttpResult http_request(int port, const std::string& method, const std::string& path,
                        const std::string& body = "",
                        const std::map<std::string, std::string>& headers = {},
                        int timeout_ms = 5000);
HttpResult http_get(int port, const std::string& path, int timeout_ms = 5000);

// A connection kept open, for partial requests and slow clients.
class OpenConnection {
 public:
  explicit OpenConnection(int port);
  ~OpenConnection();
  OpenConnection(const OpenConnection&) = delete;
  OpenConnection& operator=(const OpenConnection&) = delete;
  bool send(const std::string& bytes);
  // Waits up to timeout_ms for the server to close; returns what it sent.
  std::string read_until_closed(int timeout_ms, bool* closed = nullptr);
  // Reads one whole response (headers and Content-Length body); status 0
  // when the connection closed or nothing came in time.
  HttpResult read_response(int timeout_ms);
  bool connected() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
  std::string pending_;
};

// A TCP port nobody listens on right now.
int free_port();

}  // namespace construction::testing
