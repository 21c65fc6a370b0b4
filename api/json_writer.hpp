// JsonWriter: the few shapes the API writes, named by type (a string literal
// must never turn into a bool by overload), appended to one std::string.
// Strings are written as given, escaped for JSON only: HTML or SQL in a
// name comes back exactly as it was sent. Bytes that are not UTF-8 (a
// client's own text echoed in an error, say) become U+FFFD: a response body
// is always valid UTF-8.
//
// The bytes are RapidJSON's Writer's, which wrote the responses before this
// did (test/api/json_writer_test.cpp pins them): '"' and '\' escaped, \b \t
// \n \f \r for those five control characters and \u00XX (capital hex) for
// the others, '/', DEL and non-ASCII UTF-8 as they are, integers in
// decimal, no white space. Writing them straight into the string, a run
// of plain bytes at a time and the handlers' literal keys checked when the
// program is compiled, takes a quarter of the instructions the Writer did
// (its per-byte escape loop, a separate UTF-8 pass, a copy at the end).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace construction::api {

// A byte that JSON writes as it is: printable ASCII and DEL, but for '"'
// and '\'.
constexpr bool is_unescaped(char byte) {
  unsigned char c = static_cast<unsigned char>(byte);
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

// The number of bytes at the start of `text` that JSON writes as they are.
inline std::size_t unescaped_length(std::string_view text) {
  // Eight bytes at a time: a word of such bytes has no byte with the top
  // bit set, none below 0x20 and none equal to '"' or '\' (the usual
  // "has a byte less than n" and "has a zero byte" tricks). A word with
  // one is finished byte by byte; so is a text shorter than a word.
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t highs = 0x8080808080808080;
  auto unescaped_word = [](const char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    std::uint64_t quote = x ^ (ones * '"');
    std::uint64_t backslash = x ^ (ones * '\\');
    return ((x | ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) |
             ((backslash - ones) & ~backslash)) &
            highs) == 0;
  };
  const char* p = text.data();
  const char* end = p + text.size();
  if (text.size() >= 8) {
    for (; end - p > 8; p += 8)
      if (!unescaped_word(p)) break;
    // The last eight bytes, overlapping the words already read.
    if (end - p <= 8 && unescaped_word(end - 8)) return text.size();
  }
  while (p != end && is_unescaped(*p)) ++p;
  return static_cast<std::size_t>(p - text.data());
}

// The name of a member of an object, and whether it needs escaping. A
// string literal, which is how the handlers name their keys, is looked at
// when the program is compiled; any other text when it is written. A
// parameter only: it does not own its text.
class JsonKey {
 public:
  template <std::size_t N>
  consteval JsonKey(const char (&literal)[N]) : text_(literal), plain_(true) {
    for (char c : text_) plain_ = plain_ && is_unescaped(c);
  }
  JsonKey(std::string_view text) : text_(text), plain_(unescaped_length(text) == text.size()) {}
  JsonKey(const std::string& text) : JsonKey(std::string_view(text)) {}

  std::string_view text() const { return text_; }
  bool plain() const { return plain_; }

 private:
  std::string_view text_;
  bool plain_;
};

class JsonWriter {
 public:
  // `capacity`: about how long the JSON will be; it grows past that.
  explicit JsonWriter(std::size_t capacity = kDefaultCapacity) { out_.reserve(capacity); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // A plain key goes out with its comma and colon in one copy (a list of
  // 50 projects writes 1 250 keys); any other is escaped.
  JsonWriter& key(JsonKey name) {
    if (name.plain())
      put_plain(name.text(), true);
    else
      put_quoted(name.text(), true);
    return *this;
  }
  JsonWriter& string(std::string_view value) {
    if (unescaped_length(value) == value.size())
      put_plain(value, false);
    else
      put_quoted(value, false);
    return *this;
  }
  JsonWriter& number(std::int64_t value) {
    char* out = room(kMaxNumber + 1);
    char* start = out;
    if (needs_comma()) *out++ = ',';
    out = std::to_chars(out, out + kMaxNumber, value).ptr;
    size_ += static_cast<std::size_t>(out - start);
    return *this;
  }
  JsonWriter& boolean(bool value) { return word(value ? "true" : "false"); }
  JsonWriter& null() { return word("null"); }

  // "key": value, for each kind of value; an empty optional writes null.
  JsonWriter& str(JsonKey name, std::string_view value) { return key(name).string(value); }
  JsonWriter& num(JsonKey name, std::int64_t value) { return key(name).number(value); }
  JsonWriter& flag(JsonKey name, bool value) { return key(name).boolean(value); }
  JsonWriter& opt_str(JsonKey name, const std::optional<std::string>& value) {
    key(name);
    return value ? string(*value) : null();
  }
  JsonWriter& opt_num(JsonKey name, const std::optional<std::int64_t>& value) {
    key(name);
    return value ? number(*value) : null();
  }

  // The JSON so far; `std::move(w).text()` hands it over without a copy.
  std::string text() const& { return out_.substr(0, size_); }
  std::string text() && {
    out_.resize(size_);
    return std::move(out_);
  }

 private:
  // Longer than any one record the API writes (lists ask for more).
  static constexpr std::size_t kDefaultCapacity = 8 * 1024;
  static constexpr std::size_t kGrowth = 4 * 1024;
  static constexpr std::size_t kMaxNumber = 20;  // "-9223372036854775808"

  // The JSON is the first size_ bytes of out_, which is made longer (zeros,
  // a few KiB at a time) before it is written to, so that a token is
  // written straight into it once room() has made room for its longest form.
  char* room(std::size_t bytes) {
    if (out_.size() - size_ < bytes) grow(bytes);
    return out_.data() + size_;
  }
  void grow(std::size_t bytes);

  // A value or a key follows a value with a comma, and follows nothing, an
  // opening bracket or a key (its colon) without one. A value never ends
  // in '{', '[' or ':' (a string ends in its quote), so the last byte
  // written says which.
  bool needs_comma() const {
    if (size_ == 0) return false;
    char last = out_[size_ - 1];
    return last != '{' && last != '[' && last != ':';
  }
  JsonWriter& open(char bracket) {
    char* out = room(2);
    char* start = out;
    if (needs_comma()) *out++ = ',';
    *out++ = bracket;
    size_ += static_cast<std::size_t>(out - start);
    return *this;
  }
  JsonWriter& close(char bracket) {
    *room(1) = bracket;
    ++size_;
    return *this;
  }
  JsonWriter& word(std::string_view literal) {
    char* out = room(literal.size() + 1);
    char* start = out;
    if (needs_comma()) *out++ = ',';
    std::memcpy(out, literal.data(), literal.size());
    size_ += static_cast<std::size_t>(out - start) + literal.size();
    return *this;
  }
  // `text`, which needs no escaping, quoted (and a colon after a key).
  void put_plain(std::string_view text, bool is_key) {
    char* out = room(text.size() + 4);
    char* start = out;
    if (needs_comma()) *out++ = ',';
    *out++ = '"';
    if (!text.empty()) std::memcpy(out, text.data(), text.size());  // data() may be null
    out += text.size();
    *out++ = '"';
    if (is_key) *out++ = ':';
    size_ += static_cast<std::size_t>(out - start);
  }
  // Any text quoted, escaped and with broken UTF-8 replaced.
  void put_quoted(std::string_view text, bool is_key);

  std::string out_;
  std::size_t size_ = 0;
};

}  // namespace construction::api
