// FieldErrors: every bad field of an input at once (field name -> message), so
// the API answers one 422 `validation_failed` naming all of them rather than
// making the user fix one field per round trip. Validated<T> is the value a
// checking function returns: the checked thing, or the errors.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"  // is_calendar_date, a rule every date field shares
#include "domain/result.hpp"

namespace construction::domain {

class FieldErrors {
 public:
  using Map = std::map<std::string, std::string, std::less<>>;

  // The first message given for a field is kept: it names the first rule the
  // field broke, which is the one to fix first.
  void add(std::string_view field, std::string message) {
    fields_.try_emplace(std::string(field), std::move(message));
  }

  // Takes in another check's errors, e.g. a line's under "lines[2].".
  void merge(const FieldErrors& other, std::string_view prefix = {}) {
    for (const auto& [field, message] : other.fields_) {
      add(std::string(prefix) + field, message);
    }
  }

  bool empty() const { return fields_.empty(); }
  std::size_t size() const { return fields_.size(); }
  bool has(std::string_view field) const { return fields_.find(field) != fields_.end(); }
  std::optional<std::string> message(std::string_view field) const {
    auto found = fields_.find(field);
    if (found == fields_.end()) return std::nullopt;
    return found->second;
  }
  const Map& fields() const { return fields_; }

 private:
  Map fields_;
};

// Text rules every field shares. Lengths count UTF-8 characters (every byte
// that does not continue a sequence), not bytes.
inline std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}
inline bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == text.npos;
}

template <class T>
using Validated = Result<T, FieldErrors>;

}  // namespace construction::domain
