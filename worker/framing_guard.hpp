// The size limits of a request's framing lines, enforced on the bytes before
// Beast's parser sees them. Beast keeps a field's name and value in 16-bit
// lengths and throws std::length_error past 65 533 bytes; it applies its
// header limit to the header as a whole, and no limit at all to a chunk-size
// line or to the trailers of a chunked body. So every line that frames a
// request (the request line, each header field, each chunk-size line, each
// trailer) is measured here first, one pass over each byte as it arrives,
// and a line past its limit is refused before the parser is handed it.
//
// The guard follows the framing Beast accepts (CRLF lines, hex chunk sizes,
// trailers up to an empty line); where a request breaks that framing the
// guard stops looking, and Beast refuses the request at that very point.
#pragma once

#include <boost/beast/core/error.hpp>
#include <cstddef>
#include <cstdint>

namespace construction::http {

// A line that broke its limit; the value is what the client is answered.
enum class FramingError {
  request_line_too_long = 1,  // 414
  field_too_long,             // 431
  too_many_fields,            // 431
  chunk_line_too_long,        // 400
  trailer_too_long,           // 431
  too_many_trailers,          // 431
};
boost::beast::error_code make_error_code(FramingError e);
const boost::system::error_category& framing_category();
unsigned framing_status(const boost::beast::error_code& ec);

// The largest field line Beast can hold: its name and value each need
// length + 2 to fit in 16 bits.
inline constexpr size_t kMaxFieldLine = 65533;

class FramingGuard {
 public:
  struct Limits {
    size_t request_line = 0;  // 0: only Beast's header limit
    size_t field_line = kMaxFieldLine;
    size_t fields = 100;
  };
  explicit FramingGuard(const Limits& limits) : limits_(limits) {}

  // Looks at the next `size` bytes of the request, continuing where the
  // last call stopped. Returns how many it took: all of them, or fewer when
  // the header or the message ended there (or ec is set).
  size_t scan(const char* bytes, size_t size, boost::beast::error_code& ec);
  // The header has been parsed: what follows is a chunked body (framing to
  // guard) or a body of known length (data, not looked at).
  void begin_body(bool chunked);
  bool at_header_end() const { return state_ == State::header_end; }

 private:
  enum class State {
    request_line,
    fields,
    header_end,  // waits for begin_body
    chunk_size,
    chunk_data,
    chunk_data_end,  // the CRLF after a chunk's data
    trailers,
    unguarded,  // a body of known length, the end of the message, or framing Beast refuses
  };
  size_t line_limit() const;
  FramingError line_error() const;
  void start_chunk_size();
  void read_chunk_size(const char* bytes, size_t size);
  void end_line(boost::beast::error_code& ec);

  Limits limits_;
  State state_ = State::request_line;
  size_t line_ = 0;       // bytes of the current line so far, without its LF
  bool last_cr_ = false;  // the line's last byte so far is a CR
  size_t lines_ = 0;      // header fields, or trailers, so far
  uint64_t chunk_size_ = 0;
  uint64_t chunk_left_ = 0;
  bool size_digits_ = false;   // still reading the chunk size's hex digits
  bool size_invalid_ = false;  // no digit, or more than 64 bits
};

}  // namespace construction::http

namespace boost::system {
template <>
struct is_error_code_enum<construction::http::FramingError> : std::true_type {};
}  // namespace boost::system
