// Statement parameters, always sent apart from the SQL text (never spliced
// into it). Each value becomes PostgreSQL text format or NULL; the server
// casts it to the parameter's type, so `$1::bigint` with "42" is exact.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"

namespace construction::sql {

class Params {
 public:
  template <class... Args>
  static Params of(const Args&... args) {
    Params params;
    (params.add(args), ...);
    return params;
  }

  void add(std::nullopt_t) { values_.emplace_back(std::nullopt); }
  void add(std::string_view text) { values_.emplace_back(std::string(text)); }
  void add(const std::string& text) { values_.emplace_back(text); }
  void add(const char* text) { values_.emplace_back(std::string(text)); }
  void add(bool value) { values_.emplace_back(value ? "true" : "false"); }
  // A date as PostgreSQL reads a date, "2026-12-05".
  void add(domain::Date date) { values_.emplace_back(domain::iso_date(date)); }
  void add(domain::Cents amount) { add(amount.value); }
  // A status or a kind as its name, the one its domain table writes (found
  // by argument-dependent lookup: domain's to_string overloads).
  template <class Enum>
  requires std::is_enum_v<Enum>
  void add(Enum value) { add(to_string(value)); }

  template <std::integral Integer>
  requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>) void add(Integer value) {
    values_.emplace_back(std::to_string(value));
  }

  template <class T>
  void add(const std::optional<T>& value) {
    if (value)
      add(*value);
    else
      add(std::nullopt);
  }

  int size() const noexcept { return static_cast<int>(values_.size()); }
  const std::optional<std::string>& operator[](int index) const { return values_[index]; }

  // The C array libpq wants: one pointer per parameter, null for NULL. Valid
  // while this Params lives and is not changed.
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

}  // namespace construction::sql
