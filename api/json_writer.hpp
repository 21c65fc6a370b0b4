// JsonWriter: RapidJSON's Writer with the few shapes the API writes, named
// by type (a string literal must never turn into a bool by overload).
// Strings are written as given, escaped for JSON only: HTML or SQL in a
// name comes back exactly as it was sent.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace construction::api {

class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}

  JsonWriter& begin_object() { return done(writer_.StartObject()); }
  JsonWriter& end_object() { return done(writer_.EndObject()); }
  JsonWriter& begin_array() { return done(writer_.StartArray()); }
  JsonWriter& end_array() { return done(writer_.EndArray()); }
  JsonWriter& key(std::string_view name) {
    return done(writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  }
  JsonWriter& string(std::string_view value) {
    return done(writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size())));
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
  JsonWriter& done(bool) { return *this; }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace construction::api
