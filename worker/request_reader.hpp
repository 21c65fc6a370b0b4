// Reads one request from the connection into Beast's parser, as Beast's own
// http::read_header and http::read do (the same recv calls into the same
// buffer), except that every byte passes the FramingGuard before the parser
// is handed it: a line past its limit ends the read with a FramingError, so
// nothing a client sends can reach the parser's throwing paths.
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "worker/framing_guard.hpp"
#include "worker/socket_stream.hpp"

namespace construction::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

class RequestReader {
 public:
  RequestReader(SocketStream& stream, boost::beast::flat_buffer& buffer,
                const FramingGuard::Limits& limits)
      : stream_(stream), buffer_(buffer), guard_(limits) {}

  // Until the header is parsed; then, after the caller has looked at it,
  // the body. Each returns Beast's error, a stream error, or a FramingError.
  boost::beast::error_code read_header(RequestParser& parser);
  boost::beast::error_code read_body(RequestParser& parser);

 private:
  boost::beast::error_code read_until(RequestParser& parser, bool whole);
  boost::beast::error_code feed(RequestParser& parser);
  boost::beast::error_code fill(RequestParser& parser);

  SocketStream& stream_;
  boost::beast::flat_buffer& buffer_;
  FramingGuard guard_;
  size_t guarded_ = 0;  // bytes at the buffer's front the guard has seen
};

}  // namespace construction::http
