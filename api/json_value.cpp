#include "api/json_value.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "runtime/utf8.hpp"

namespace construction::api {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseIterativeFlag;

// Builds the tree from SAX events with an explicit stack (the reader is
// iterative too, so a deep document cannot overflow the C++ stack).
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  bool Null() { return add(JsonValue{}); }
  bool Bool(bool b) {
    JsonValue v{JsonValue::Kind::boolean};
    v.boolean = b;
    return add(std::move(v));
  }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    return add(text_value(JsonValue::Kind::number, str, length));
  }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    return unicode(str, length) && add(text_value(JsonValue::Kind::string, str, length));
  }
  bool StartObject() { return open(JsonValue::Kind::object); }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    if (!unicode(str, length)) return false;
    pending_key_.assign(str, length);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(JsonValue::Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  std::optional<JsonValue> root;
  std::string problem_;

 private:
  static JsonValue text_value(JsonValue::Kind kind, const char* str, rapidjson::SizeType length) {
    JsonValue v{kind};
    v.text.assign(str, length);
    return v;
  }

  // RapidJSON validates the bytes of the document and refuses a high
  // surrogate escape without its low half, but decodes a lone low one
  // ("\\udc00") into bytes that are not UTF-8 (RFC 8259 §8.2 leaves such
  // strings to the parser; RFC 7493 forbids them). Every decoded string and
  // key is checked again, so nothing that is not text goes further.
  bool unicode(const char* str, rapidjson::SizeType length) {
    if (is_utf8(std::string_view(str, length))) return true;
    problem_ =
        "a string holds a UTF-16 surrogate escape (\\ud800-\\udfff) that is not half "
        "of a pair, so it is not Unicode text";
    return false;
  }

  bool open(JsonValue::Kind kind) {
    if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
      problem_ = "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
      return false;
    }
    stack_.push_back(JsonValue{kind});
    keys_.push_back(std::move(pending_key_));
    pending_key_.clear();
    return true;
  }

  bool close() {
    JsonValue done = std::move(stack_.back());
    stack_.pop_back();
    pending_key_ = std::move(keys_.back());
    keys_.pop_back();
    return add(std::move(done));
  }

  bool add(JsonValue value) {
    if (stack_.empty()) {
      root = std::move(value);
    } else if (stack_.back().kind == JsonValue::Kind::object) {
      stack_.back().members.emplace_back(std::move(pending_key_), std::move(value));
      pending_key_.clear();
    } else {
      stack_.back().items.push_back(std::move(value));
    }
    return true;
  }

  std::vector<JsonValue> stack_;
  std::vector<std::string> keys_;  // the key each open object/array will be stored under
  std::string pending_key_;
};

}  // namespace

const JsonValue* JsonValue::member(std::string_view name) const {
  for (const auto& [key, value] : members) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string_view describe(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::null:
      return "null";
    case JsonValue::Kind::boolean:
      return "a boolean";
    case JsonValue::Kind::number:
      return "a number";
    case JsonValue::Kind::string:
      return "a string";
    case JsonValue::Kind::array:
      return "an array";
    case JsonValue::Kind::object:
      return "an object";
  }
  return "a value";
}

JsonParse parse_json(std::string_view text) {
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  TreeBuilder builder;
  rapidjson::ParseResult result = reader.Parse<kParseFlags>(stream, builder);
  if (result) return {std::move(builder.root), {}};
  std::string what =
      builder.problem_.empty() ? rapidjson::GetParseError_En(result.Code()) : builder.problem_;
  return {std::nullopt, what + " (at byte " + std::to_string(result.Offset()) + ")"};
}

}  // namespace construction::api
