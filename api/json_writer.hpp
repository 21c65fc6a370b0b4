// JsonWriter: RapidJSON's Writer with the few shapes the API writes, named
// by type (a string literal must never turn into a bool by overload).
// Strings are written as given, escaped for JSON only: HTML or SQL in a
// name comes back exactly as it was sent. Bytes that are not UTF-8 (a
// client's own text echoed in an error, say) become U+FFFD: a response body
// is always valid UTF-8.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/utf8.hpp"

namespace construction::api {

class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}

  JsonWriter& begin_object() { return done(writer_.StartObject()); }
  JsonWriter& end_object() { return done(writer_.EndObject()); }
  JsonWriter& begin_array() { return done(writer_.StartArray()); }
  JsonWriter& end_array() { return done(writer_.EndArray()); }
  JsonWriter& key(std::string_view name) {
    // The API's keys are short printable ASCII that needs no escaping: they
    // go out as they are, quoted, without RapidJSON's per-character escape
    // (a list of 50 projects writes 1 250 of them). Any other key is escaped.
    if (name.size() <= kPlainKeyMax && is_plain(name)) {
      char quoted[kPlainKeyMax + 2];
      quoted[0] = '"';
      name.copy(quoted + 1, name.size());
      quoted[name.size() + 1] = '"';
      return done(writer_.RawValue(quoted, name.size() + 2, rapidjson::kStringType));
    }
    return text(name, [this](const char* s, rapidjson::SizeType n) { return writer_.Key(s, n); });
  }
  JsonWriter& string(std::string_view value) {
    return text(value,
                [this](const char* s, rapidjson::SizeType n) { return writer_.String(s, n); });
  }
  JsonWriter& number(std::int64_t value) { return done(writer_.Int64(value)); }
  JsonWriter& boolean(bool value) { return done(writer_.Bool(value)); }
  JsonWriter& null() { return done(writer_.Null()); }

  // "key": value, for each kind of value; an empty optional writes null.
  JsonWriter& str(std::string_view name, std::string_view value) { return key(name).string(value); }
  JsonWriter& num(std::string_view name, std::int64_t value) { return key(name).number(value); }
  JsonWriter& flag(std::string_view name, bool value) { return key(name).boolean(value); }
  JsonWriter& opt_str(std::string_view name, const std::optional<std::string>& value) {
    key(name);
    return value ? string(*value) : null();
  }
  JsonWriter& opt_num(std::string_view name, const std::optional<std::int64_t>& value) {
    key(name);
    return value ? number(*value) : null();
  }

  std::string text() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  static constexpr std::size_t kPlainKeyMax = 62;
  static bool is_plain(std::string_view name) {
    for (char c : name)
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
    return true;
  }
  JsonWriter& done(bool) { return *this; }
  template <class Write>
  JsonWriter& text(std::string_view value, Write write) {
    if (is_utf8(value)) return done(write(value.data(), size_of(value)));
    std::string valid = to_utf8(value);
    return done(write(valid.data(), size_of(valid)));
  }
  static rapidjson::SizeType size_of(std::string_view text) {
    return static_cast<rapidjson::SizeType>(text.size());
  }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace construction::api
