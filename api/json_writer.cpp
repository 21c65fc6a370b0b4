#include "api/json_writer.hpp"

#include <algorithm>

#include "runtime/utf8.hpp"

namespace construction::api {

namespace {

// The one-letter escapes JSON has for control characters; the others are
// written \u00XX.
constexpr char kShortEscape[0x20] = {0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 0,   0,   0,   0, 0,   0,   0, 0};
constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

char* put_escape(char* out, unsigned char c) {
  *out++ = '\\';
  if (c == '"' || c == '\\') {
    *out++ = static_cast<char>(c);
  } else if (kShortEscape[c] != 0) {
    *out++ = kShortEscape[c];
  } else {
    *out++ = 'u';
    *out++ = '0';
    *out++ = '0';
    *out++ = kHexDigits[c >> 4];
    *out++ = kHexDigits[c & 0xF];
  }
  return out;
}

char* put_bytes(char* out, std::string_view bytes) {
  std::memcpy(out, bytes.data(), bytes.size());
  return out + bytes.size();
}

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

}  // namespace

void JsonWriter::grow(std::size_t bytes) {
  // Within the capacity reserved this only writes the zeros; past it the
  // string doubles its capacity.
  out_.resize(std::max(out_.size() + kGrowth, size_ + bytes));
}

void JsonWriter::put_quoted(std::string_view text, bool is_key) {
  // The longest it can be: a comma, two quotes, a colon and six bytes for
  // each byte of text (\u00XX; a broken byte becomes three).
  char* out = room(4 + 6 * text.size());
  char* start = out;
  if (needs_comma()) *out++ = ',';
  *out++ = '"';
  // Bytes that go out as they are, valid UTF-8 sequences among them, are
  // copied a run at a time, up to the next byte to escape or replace.
  std::size_t run = 0;
  std::size_t i = 0;
  while (true) {
    i += unescaped_length(text.substr(i));
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (std::size_t n = utf8_sequence_at(text, i)) {
        i += n;
        continue;
      }
    }
    out = put_bytes(out, text.substr(run, i - run));
    ++i;
    if (c < 0x80) {
      out = put_escape(out, c);
    } else {
      // The broken byte and the continuation bytes after it: one character
      // (as to_utf8 counts them).
      out = put_bytes(out, kReplacement);
      while (i < text.size() && is_continuation(text[i])) ++i;
    }
    run = i;
  }
  out = put_bytes(out, text.substr(run));
  *out++ = '"';
  if (is_key) *out++ = ':';
  size_ += static_cast<std::size_t>(out - start);
}

}  // namespace construction::api
