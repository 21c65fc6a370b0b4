// JsonValue: a request body as parsed, before any field is read. Numbers keep
// their raw text ("12.50", "3", "1e3"): a quantity or an amount never passes
// through a double, and a JSON string "12" stays distinguishable from the
// number 12 (RapidJSON's Document would turn both into strings under
// kParseNumbersAsStringsFlag, so we build our own tree from its SAX Reader).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace construction::api {

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };

  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;              // a string's value, or a number's raw text
  std::vector<JsonValue> items;  // array
  std::vector<std::pair<std::string, JsonValue>> members;  // object, in document order

  const JsonValue* member(std::string_view name) const;
};

// "an object", "a string", …: for messages ("must be a string, not an array").
std::string_view describe(JsonValue::Kind kind);

struct JsonParse {
  std::optional<JsonValue> value;
  std::string error;  // when value is empty: what is wrong and at which byte
};

// Strict RFC 8259: one value, valid UTF-8, no comments, no trailing commas,
// no NaN; nesting deeper than kMaxJsonDepth is refused too. A key given twice
// is kept twice: the field reader refuses it by name.
inline constexpr int kMaxJsonDepth = 32;
JsonParse parse_json(std::string_view text);

}  // namespace construction::api
