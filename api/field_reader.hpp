// FieldReader: reads the fields of one JSON object into typed values and
// notes every bad one in a FieldErrors, so a request is answered with all of
// its mistakes at once. A getter returns nothing when the field is absent or
// bad (and then the error is noted); finish() refuses every field nobody
// asked for, so a misspelt field is an error rather than silently ignored.
//
// Text is counted in characters (UTF-8 code points); the parser already
// refused invalid UTF-8. NUL is refused in every string: PostgreSQL text
// cannot hold it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_value.hpp"
#include "domain/calendar.hpp"
#include "domain/validation.hpp"

namespace construction::api {

// A field that may be set to null: absent (leave as is), null, or a value.
template <class T>
struct Nullable {
  bool present = false;
  std::optional<T> value;
};

struct TextLimit {
  std::size_t max_chars;
  bool may_be_blank = true;
};

class FieldReader {
 public:
  FieldReader(const JsonValue& object, domain::FieldErrors& errors, std::string prefix = {});

  bool has(std::string_view name);
  // "is required" for each name absent or null.
  void require(std::initializer_list<std::string_view> names);

  std::optional<std::string> text(std::string_view name, TextLimit limit);
  // A string as it is, for an operation that checks its rules itself
  // (operations/projects.hpp).
  std::optional<std::string> string(std::string_view name);
  // One of `allowed`, e.g. {"client", "vendor"}.
  std::optional<std::string> choice(std::string_view name,
                                    std::initializer_list<std::string_view> allowed);
  std::optional<std::string> choice(std::string_view name,
                                    std::span<const std::string_view> allowed);
  // name@domain, ≤ 254 characters; `may_be_empty` for a party's optional email.
  std::optional<std::string> email(std::string_view name, bool may_be_empty = false);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view name);
  // A decimal as text: a JSON string, or a JSON number's raw text (never a
  // double). Its format is the domain's to judge (Quantity::parse).
  std::optional<std::string> decimal(std::string_view name);
  Nullable<std::int64_t> nullable_id(std::string_view name);
  // YYYY-MM-DD, a real calendar day.
  Nullable<domain::Date> nullable_date(std::string_view name);
  const JsonValue* array(std::string_view name);
  // A nested object (a transfer's "from"), read with a FieldReader of its own
  // under the prefix "name.".
  const JsonValue* object(std::string_view name);

  // Refuses the fields that no getter asked for (the first 20 of them).
  void finish();

  domain::FieldErrors& errors() { return errors_; }
  const std::string& prefix() const { return prefix_; }

 private:
  const JsonValue* find(std::string_view name);
  const JsonValue* of_kind(std::string_view name, JsonValue::Kind kind, std::string_view what);
  void fail(std::string_view name, std::string message);

  const JsonValue& object_;
  domain::FieldErrors& errors_;
  std::string prefix_;
  std::set<std::string, std::less<>> asked_;
};

// "name": [{…}, …], each element an object read by `read_one(reader, i)`
// (its reader's prefix "name[i]."), which gives the element or nothing when
// refused; at most `max` elements.
template <class Element, class ReadOne>
std::vector<Element> read_objects(FieldReader& in, std::string_view name, std::size_t max,
                                  ReadOne read_one) {
  std::vector<Element> elements;
  const JsonValue* array = in.array(name);
  if (!array) return elements;
  if (array->items.size() > max) {
    in.errors().add(in.prefix() + std::string(name),
                    "must hold at most " + std::to_string(max) + " " + std::string(name));
    return elements;
  }
  for (std::size_t i = 0; i < array->items.size(); ++i) {
    std::string prefix = in.prefix() + std::string(name) + "[" + std::to_string(i) + "]";
    if (array->items[i].kind != JsonValue::Kind::object) {
      in.errors().add(prefix, "must be an object");
      continue;
    }
    FieldReader element_in(array->items[i], in.errors(), prefix + ".");
    if (auto element = read_one(element_in, i)) elements.push_back(std::move(*element));
  }
  return elements;
}

// For query strings and path parameters too.
std::optional<std::int64_t> parse_whole_number(std::string_view text);
using domain::is_calendar_date;
std::size_t count_characters(std::string_view text);
// "a, b, c": the allowed values, for messages.
std::string join(std::span<const std::string_view> names);

}  // namespace construction::api
