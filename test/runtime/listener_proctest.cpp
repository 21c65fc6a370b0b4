// Where the server listens: IPv4, IPv6, a unix socket, several at once, and
// sockets handed over by systemd.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {
// GET /health over any kind of socket; the raw response.
std::string get_health(int family, const sockaddr* addr, socklen_t len) {
  int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  std::string out;
  std::string req = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  if (::connect(fd, addr, len) == 0 && ::send(fd, req.data(), req.size(), 0) > 0) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
      out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

std::string get_over_unix_socket(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  return get_health(AF_UNIX, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
}

std::string get_over_ipv6(int port) {
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_port = htons(static_cast<uint16_t>(port));
  addr.sin6_addr = in6addr_loopback;
  return get_health(AF_INET6, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
}
}  // namespace

TEST_CASE("the server listens on IPv4, IPv6 and a unix socket at once", "[process]") {
  std::string dir = make_temp_dir("listen");
  std::string path = dir + "/construction.sock";
  int v6_port = free_port();
  ServerProcess server(
      {.args = {"-w", "2", "-b", "[::1]:" + std::to_string(v6_port), "-b", "unix:" + path}});
  CHECK(http_get(server.port(), "/health").body == "ok");
  CHECK(get_over_ipv6(v6_port).ends_with("\r\n\r\nok"));
  CHECK(get_over_unix_socket(path).ends_with("\r\n\r\nok"));
  CHECK(process_title(server.pid()) ==
        "construction: master [127.0.0.1:" + std::to_string(server.port()) +
            ",[::1]:" + std::to_string(v6_port) + ",unix:" + path + "]");
  server.signal(SIGTERM);
  REQUIRE(server.wait_exit(10s) == 0);
  CHECK(::access(path.c_str(), F_OK) != 0);  // the socket file is removed at exit
}

TEST_CASE("a socket passed by systemd (LISTEN_FDS) is served without binding", "[process]") {
  auto [fd, port] = loopback_listener();
  ServerProcess server({.args = {"-w", "1"}, .bind = false, .listen_fd = fd});
  ::close(fd);
  CHECK(http_get(port, "/health").body == "ok");
  CHECK(server.error_log().find("Listening at: http://127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);
}

TEST_CASE("a port in use stops start-up with a clear message", "[process]") {
  ServerProcess first({.args = {"-w", "1"}});
  ServerOptions o{.args = {"-w", "1", "-b", "127.0.0.1:" + std::to_string(first.port())},
                  .bind = false,
                  .wait_ready = false};
  ServerProcess second(o);
  auto status = second.wait_exit(5s);
  REQUIRE(status.has_value());
  CHECK(*status == 1);
  CHECK(second.error_log().find("Cannot listen: bind 127.0.0.1:" + std::to_string(first.port()) +
                                ": Address already in use") != std::string::npos);
}
