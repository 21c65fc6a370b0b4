// Listening sockets as bound here: what every accepted connection inherits.
#include "runtime/listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

using construction::bind_listeners;

TEST_CASE("an accepted connection sends without delay (TCP_NODELAY)", "[unit]") {
  auto listeners = bind_listeners({"127.0.0.1:0"}, 8);
  REQUIRE(listeners.size() == 1);
  int listening = listeners[0].fd.get();
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(listening, reinterpret_cast<sockaddr*>(&addr), &len) == 0);

  int client = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(::connect(client, reinterpret_cast<sockaddr*>(&addr), len) == 0);
  // The listener defers accept until the request's first bytes come.
  REQUIRE(::send(client, "GET", 3, 0) == 3);
  int accepted = ::accept(listening, nullptr, nullptr);
  REQUIRE(accepted >= 0);

  int nodelay = 0;
  socklen_t size = sizeof nodelay;
  REQUIRE(::getsockopt(accepted, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) == 0);
  CHECK(nodelay == 1);
  ::close(accepted);
  ::close(client);
}
