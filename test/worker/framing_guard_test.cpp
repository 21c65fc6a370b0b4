// The framing guard on its own: which lines it measures, against which
// limit, wherever the reads happen to split the bytes.
#include "worker/framing_guard.hpp"

#include <catch2/catch.hpp>
#include <string>

using construction::http::FramingError;
using construction::http::FramingGuard;

namespace {

struct Outcome {
  size_t taken = 0;
  boost::beast::error_code ec;
};

// Feeds `bytes` in pieces of `step` bytes, as reads would bring them.
Outcome feed(FramingGuard& guard, const std::string& bytes, size_t step) {
  Outcome out;
  for (size_t at = 0; at < bytes.size() && !out.ec;) {
    size_t n = std::min(step, bytes.size() - at);
    size_t used = guard.scan(bytes.data() + at, n, out.ec);
    out.taken += used;
    if (used < n) break;
    at += n;
  }
  return out;
}

const FramingGuard::Limits kLimits{100, 50, 3};

}  // namespace

TEST_CASE("the guard stops at the end of the header, in pieces of any size", "[unit]") {
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n\r\n";
  for (size_t step : {1u, 2u, 7u, 1000u}) {
    FramingGuard guard(kLimits);
    Outcome out = feed(guard, head + "body", step);
    CHECK_FALSE(out.ec);
    CHECK(out.taken == head.size());
    CHECK(guard.at_header_end());
  }
}

TEST_CASE("each header line is held to its limit", "[unit]") {
  auto error_of = [](const std::string& bytes) {
    FramingGuard guard(kLimits);
    return feed(guard, bytes, 3).ec;
  };
  CHECK(error_of("GET /" + std::string(96, 'a') + "\r\n") == FramingError::request_line_too_long);
  CHECK_FALSE(error_of("GET /" + std::string(95, 'a') + "\r\n"));
  CHECK(error_of("GET / HTTP/1.1\r\nX: " + std::string(48, 'v') + "\r\n") ==
        FramingError::field_too_long);
  CHECK_FALSE(error_of("GET / HTTP/1.1\r\nX: " + std::string(47, 'v') + "\r\n\r\n"));
  // An unfinished line is refused as soon as it is too long, CR or not.
  CHECK(error_of("GET / HTTP/1.1\r\nX: " + std::string(1000, 'v')) == FramingError::field_too_long);
  CHECK(error_of("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n") ==
        FramingError::too_many_fields);
}

TEST_CASE("a chunked body's size lines and trailers are guarded, its data is not", "[unit]") {
  auto body_error = [](const std::string& body, size_t step, size_t* taken = nullptr) {
    FramingGuard guard(kLimits);
    std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    feed(guard, head, step);
    REQUIRE(guard.at_header_end());
    guard.begin_body(true);
    Outcome b = feed(guard, body, step);
    if (taken) *taken = b.taken;
    return b.ec;
  };
  for (size_t step : {1u, 5u, 4096u}) {
    INFO("pieces of " << step);
    size_t taken = 0;
    std::string body = "40\r\n" + std::string(64, 'd') + "\r\n0\r\nT: 1\r\n\r\n";
    CHECK_FALSE(body_error(body + "GET /next", step, &taken));
    CHECK(taken == body.size());  // the next request is not the guard's
    CHECK(body_error("5;e=" + std::string(60, 'e') + "\r\n", step) ==
          FramingError::chunk_line_too_long);
    CHECK(body_error("0\r\nT: " + std::string(60, 't') + "\r\n\r\n", step) ==
          FramingError::trailer_too_long);
    CHECK(body_error("0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", step) ==
          FramingError::too_many_trailers);
  }
}

TEST_CASE("a body of known length and framing Beast refuses are not looked at", "[unit]") {
  FramingGuard length(kLimits);
  feed(length, "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n", 100);
  length.begin_body(false);
  CHECK(feed(length, std::string(100, '\n'), 100).taken == 0);

  FramingGuard bad(kLimits);
  feed(bad, "POST / HTTP/1.1\r\n\r\n", 100);
  bad.begin_body(true);
  Outcome out = feed(bad, "zz\r\n" + std::string(1000, 'x'), 100);
  CHECK_FALSE(out.ec);  // not a chunk size: Beast answers 400 for it
}
