#include "worker/request_reader.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http/error.hpp>

namespace construction::http {

namespace beast = boost::beast;

// Beast's parser stops at the end of the header when it is not eager: the
// guard then learns how the body is framed before it looks at the body.
beast::error_code RequestReader::read_header(RequestParser& parser) {
  parser.eager(false);
  return read_until(parser, false);
}

beast::error_code RequestReader::read_body(RequestParser& parser) {
  if (guard_.at_header_end()) guard_.begin_body(parser.chunked());
  parser.eager(true);
  return read_until(parser, true);
}

beast::error_code RequestReader::read_until(RequestParser& parser, bool whole) {
  for (;;) {
    if (whole ? parser.is_done() : parser.is_header_done()) return {};
    bool starved = buffer_.size() == 0;
    if (!starved) {
      beast::error_code ec = feed(parser);
      if (ec == beast::http::error::need_more)
        starved = true;
      else if (ec)
        return ec;
    }
    if (starved)
      if (beast::error_code ec = fill(parser)) return ec;
  }
}

// Hands the buffered bytes to the parser, once the guard has seen them.
beast::error_code RequestReader::feed(RequestParser& parser) {
  auto data = buffer_.data();
  const char* bytes = static_cast<const char*>(data.data());
  beast::error_code ec;
  if (guarded_ < data.size()) guarded_ += guard_.scan(bytes + guarded_, data.size() - guarded_, ec);
  if (ec) return ec;
  size_t used = parser.put(data, ec);
  buffer_.consume(used);
  guarded_ = used < guarded_ ? guarded_ - used : 0;
  return ec;
}

// One read from the client into the buffer (Beast's read_some).
beast::error_code RequestReader::fill(RequestParser& parser) {
  beast::error_code ec;
  auto space = buffer_.prepare(beast::read_size(buffer_, 65536));
  size_t n = stream_.read_some(space, ec);
  buffer_.commit(n);
  if (ec != boost::asio::error::eof) return ec;
  if (!parser.got_some()) return beast::http::error::end_of_stream;
  ec = {};
  parser.put_eof(ec);
  if (!ec && !parser.is_done()) ec = beast::http::error::partial_message;
  return ec;
}

}  // namespace construction::http
