// SocketStream, our Beast stream on a raw descriptor: what one write sends.
#include "worker/socket_stream.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <catch2/catch.hpp>
#include <string>

namespace http = boost::beast::http;

TEST_CASE("a page's response, header and body, goes out in one send", "[unit]") {
  int fds[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  construction::WorkerSlot slot{};
  construction::http::SocketStream stream(fds[0], slot);

  http::response<http::string_body> response{http::status::ok, 11};
  // A page carries 13 fields (security headers, cookie, request id…);
  // this one 24, which Beast gives as 24 buffers of their own.
  for (int i = 0; i < 24; ++i) response.insert("X-Field-" + std::to_string(i), "value");
  response.body() = std::string(18000, 'x');
  response.prepare_payload();

  http::response_serializer<http::string_body> serializer(response);
  std::size_t total = 0, sent = 0;
  boost::beast::error_code ec;
  serializer.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
    total = boost::asio::buffer_size(buffers);
    sent = stream.write_some(buffers, ec);
  });
  REQUIRE(!ec);
  CHECK(total > 18000);
  // Written in two, the body's send waited for the header's ACK under
  // Nagle's algorithm: 40 ms a page when the client delayed it.
  CHECK(sent == total);
  ::close(fds[0]);
  ::close(fds[1]);
}
