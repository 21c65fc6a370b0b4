#include "api/field_reader.hpp"

#include <charconv>
#include <chrono>

namespace construction::api {

namespace {
std::string must_be(std::string_view what, const JsonValue& value) {
  return "must be " + std::string(what) + ", not " + std::string(describe(value.kind));
}
}  // namespace

std::optional<std::int64_t> parse_whole_number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (text.size() > 1 && (text[0] == '0' || (text[0] == '-' && text[1] == '0')))
    return std::nullopt;
  return value;
}

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (auto name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

FieldReader::FieldReader(const JsonValue& object, domain::FieldErrors& errors, std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

void FieldReader::fail(std::string_view name, std::string message) {
  errors_.add(prefix_ + std::string(name), std::move(message));
}

// The field's value, or null when absent; a key given twice is an error.
const JsonValue* FieldReader::find(std::string_view name) {
  asked_.emplace(name);
  const JsonValue* found = nullptr;
  for (const auto& [key, value] : object_.members) {
    if (key != name) continue;
    if (found) {
      fail(name, "is given more than once");
      return nullptr;
    }
    found = &value;
  }
  return found;
}

bool FieldReader::has(std::string_view name) {
  for (const auto& [key, value] : object_.members)
    if (key == name) return true;
  return false;
}

void FieldReader::require(std::initializer_list<std::string_view> names) {
  for (auto name : names) {
    const JsonValue* value = object_.member(name);
    if (!value || value->kind == JsonValue::Kind::null) fail(name, "is required");
  }
}

std::optional<std::string> FieldReader::text(std::string_view name, TextLimit limit) {
  const JsonValue* value = find(name);
  if (!value) return std::nullopt;
  if (value->kind != JsonValue::Kind::string) {
    fail(name, must_be("a string", *value));
    return std::nullopt;
  }
  const std::string& s = value->text;
  if (s.find('\0') != std::string::npos) {
    fail(name, "must not contain the NUL character");
  } else if (count_characters(s) > limit.max_chars) {
    fail(name, "must be at most " + std::to_string(limit.max_chars) + " characters");
  } else if (!limit.may_be_blank && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(name, "must not be blank");
  } else {
    return s;
  }
  return std::nullopt;
}

std::optional<std::string> FieldReader::string(std::string_view name) {
  const JsonValue* value = of_kind(name, JsonValue::Kind::string, "a string");
  if (!value) return std::nullopt;
  return value->text;
}

std::optional<std::string> FieldReader::choice(std::string_view name,
                                               std::initializer_list<std::string_view> allowed) {
  return choice(name, std::span(allowed.begin(), allowed.size()));
}

std::optional<std::string> FieldReader::choice(std::string_view name,
                                               std::span<const std::string_view> allowed) {
  auto value = text(name, {100});
  if (!value) return std::nullopt;
  for (auto option : allowed)
    if (*value == option) return value;
  fail(name, "must be one of " + join(allowed));
  return std::nullopt;
}

std::optional<std::string> FieldReader::email(std::string_view name, bool may_be_empty) {
  auto value = text(name, {254});
  if (!value || (may_be_empty && value->empty())) return value;
  auto at = value->find('@');
  bool shaped = at != std::string::npos && at > 0 && at + 1 < value->size() &&
                value->find('@', at + 1) == std::string::npos &&
                value->find_first_of(" \t\r\n") == std::string::npos;
  if (shaped) return value;
  fail(name, "must be an email address (name@example.com)");
  return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view name, std::int64_t min,
                                                 std::int64_t max) {
  const JsonValue* value = find(name);
  if (!value) return std::nullopt;
  if (value->kind != JsonValue::Kind::number) {
    fail(name, must_be("a whole number", *value));
    return std::nullopt;
  }
  auto number = parse_whole_number(value->text);
  bool looks_whole = value->text.find_first_of(".eE") == std::string::npos;
  if (!looks_whole) {
    fail(name, "must be a whole number");
  } else if (!number || *number < min || *number > max) {
    fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  } else {
    return number;
  }
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view name) {
  const JsonValue* value = find(name);
  if (!value) return std::nullopt;
  if (value->kind != JsonValue::Kind::boolean) {
    fail(name, must_be("true or false", *value));
    return std::nullopt;
  }
  return value->boolean;
}

std::optional<std::string> FieldReader::decimal(std::string_view name) {
  const JsonValue* value = find(name);
  if (!value) return std::nullopt;
  if (value->kind != JsonValue::Kind::number && value->kind != JsonValue::Kind::string) {
    fail(name, must_be("a decimal string or a number", *value));
    return std::nullopt;
  }
  if (value->text.size() > 40) {
    fail(name, "must be at most 40 characters");
    return std::nullopt;
  }
  return value->text;
}

Nullable<std::int64_t> FieldReader::nullable_id(std::string_view name) {
  const JsonValue* value = find(name);
  if (!value) return {};
  if (value->kind == JsonValue::Kind::null) return {true, std::nullopt};
  auto id = parse_whole_number(value->text);
  if (value->kind != JsonValue::Kind::number || !id || *id < 1) {
    fail(name, "must be the id of a record (a whole number), or null");
    return {};
  }
  return {true, id};
}

Nullable<domain::Date> FieldReader::nullable_date(std::string_view name) {
  const JsonValue* value = find(name);
  if (!value) return {};
  if (value->kind == JsonValue::Kind::null) return {true, std::nullopt};
  std::optional<domain::Date> date;
  if (value->kind == JsonValue::Kind::string) date = domain::parse_date(value->text);
  if (!date) {
    fail(name, "must be a date written YYYY-MM-DD, or null");
    return {};
  }
  return {true, date};
}

const JsonValue* FieldReader::of_kind(std::string_view name, JsonValue::Kind kind,
                                      std::string_view what) {
  const JsonValue* value = find(name);
  if (!value) return nullptr;
  if (value->kind != kind) {
    fail(name, must_be(what, *value));
    return nullptr;
  }
  return value;
}

const JsonValue* FieldReader::array(std::string_view name) {
  return of_kind(name, JsonValue::Kind::array, "an array");
}

const JsonValue* FieldReader::object(std::string_view name) {
  return of_kind(name, JsonValue::Kind::object, "an object");
}

void FieldReader::finish() {
  int reported = 0;
  for (const auto& [key, value] : object_.members) {
    if (asked_.contains(key)) continue;
    if (++reported > 20) break;
    fail(key.size() > 100 ? key.substr(0, 100) + "..." : key, "is not a field of this resource");
  }
}

}  // namespace construction::api
