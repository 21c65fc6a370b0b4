#include "worker/framing_guard.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "worker/request_context.hpp"

namespace construction::http {

namespace {

class FramingCategory : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "construction.framing"; }
  std::string message(int value) const override {
    switch (static_cast<FramingError>(value)) {
      case FramingError::request_line_too_long:
        return "request line too long";
      case FramingError::field_too_long:
        return "header field too long";
      case FramingError::too_many_fields:
        return "too many header fields";
      case FramingError::chunk_line_too_long:
        return "chunk-size line too long";
      case FramingError::trailer_too_long:
        return "trailer field too long";
      case FramingError::too_many_trailers:
        return "too many trailer fields";
    }
    return "framing error";
  }
};

}  // namespace

const boost::system::error_category& framing_category() {
  static const FramingCategory category;
  return category;
}

boost::beast::error_code make_error_code(FramingError e) {
  return {static_cast<int>(e), framing_category()};
}

unsigned framing_status(const boost::beast::error_code& ec) {
  switch (static_cast<FramingError>(ec.value())) {
    case FramingError::request_line_too_long:
      return 414;
    case FramingError::chunk_line_too_long:
      return 400;
    default:
      return 431;
  }
}

size_t FramingGuard::scan(const char* bytes, size_t size, boost::beast::error_code& ec) {
  size_t i = 0;
  while (i < size) {
    if (state_ == State::header_end || state_ == State::unguarded) return i;
    if (state_ == State::chunk_data) {
      uint64_t take = std::min<uint64_t>(chunk_left_, size - i);
      i += static_cast<size_t>(take);
      chunk_left_ -= take;
      if (chunk_left_ == 0) state_ = State::chunk_data_end;
      continue;
    }
    const char* start = bytes + i;
    const void* lf = std::memchr(start, '\n', size - i);
    size_t n = lf ? static_cast<size_t>(static_cast<const char*>(lf) - start) : size - i;
    if (state_ == State::chunk_size && size_digits_) read_chunk_size(start, n);
    if (n > 0) last_cr_ = start[n - 1] == '\r';
    line_ += n;
    i += n;
    size_t limit = line_limit();
    if (limit && line_ > limit + 1) {  // too long even if its last byte is the CR
      ec = line_error();
      return i;
    }
    if (!lf) return i;
    ++i;
    if (last_cr_) --line_;
    if (limit && line_ > limit) {
      ec = line_error();
      return i;
    }
    end_line(ec);
    if (ec) return i;
  }
  return i;
}

void FramingGuard::begin_body(bool chunked) {
  if (!chunked) {
    state_ = State::unguarded;
    return;
  }
  state_ = State::chunk_size;
  start_chunk_size();
}

size_t FramingGuard::line_limit() const {
  return state_ == State::request_line ? limits_.request_line : limits_.field_line;
}

FramingError FramingGuard::line_error() const {
  switch (state_) {
    case State::request_line:
      return FramingError::request_line_too_long;
    case State::fields:
      return FramingError::field_too_long;
    case State::trailers:
      return FramingError::trailer_too_long;
    default:
      return FramingError::chunk_line_too_long;
  }
}

void FramingGuard::start_chunk_size() {
  chunk_size_ = 0;
  size_digits_ = true;
  size_invalid_ = true;  // until a first digit
}

// The chunk size is the line's leading hex digits (Beast's parse_hex); what
// follows them (extensions, CR) is only measured.
void FramingGuard::read_chunk_size(const char* bytes, size_t size) {
  for (size_t i = 0; i < size && size_digits_; ++i) {
    int digit = hex_value(bytes[i]);
    if (digit < 0) {
      size_digits_ = false;
      break;
    }
    if (chunk_size_ > (UINT64_MAX >> 4)) {
      size_invalid_ = true;
      size_digits_ = false;
      break;
    }
    chunk_size_ = (chunk_size_ << 4) | static_cast<uint64_t>(digit);
    size_invalid_ = false;
  }
}

void FramingGuard::end_line(boost::beast::error_code& ec) {
  bool empty = line_ == 0;
  line_ = 0;
  last_cr_ = false;
  switch (state_) {
    case State::request_line:
      state_ = State::fields;
      return;
    case State::fields:
      if (empty) {
        state_ = State::header_end;
      } else if (++lines_ > limits_.fields) {
        ec = FramingError::too_many_fields;
      }
      return;
    case State::chunk_size:
      if (size_invalid_) {
        state_ = State::unguarded;  // Beast refuses this chunk
      } else if (chunk_size_ == 0) {
        state_ = State::trailers;
        lines_ = 0;
      } else {
        state_ = State::chunk_data;
        chunk_left_ = chunk_size_;
      }
      return;
    case State::chunk_data_end:
      state_ = empty ? State::chunk_size : State::unguarded;
      start_chunk_size();
      return;
    case State::trailers:
      if (empty) {
        state_ = State::unguarded;  // the message ends here
      } else if (++lines_ > limits_.fields) {
        ec = FramingError::too_many_trailers;
      }
      return;
    default:
      return;
  }
}

}  // namespace construction::http
