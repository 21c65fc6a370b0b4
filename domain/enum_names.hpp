// EnumNames: the one table that maps an enum to the names the API, the
// database and the pages use ("partially_paid"), in both directions.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace construction::domain {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

template <class E, std::size_t N>
struct EnumNames {
  std::array<EnumName<E>, N> entries;

  constexpr std::string_view name(E value) const {
    for (const auto& entry : entries) {
      if (entry.value == value) return entry.name;
    }
    throw std::logic_error("enum value missing from its name table");
  }

  constexpr std::optional<E> parse(std::string_view name) const {
    for (const auto& entry : entries) {
      if (entry.name == name) return entry.value;
    }
    return std::nullopt;
  }

  // Every name in the table's order: for a form's choices and for the
  // message that refuses a name that is none of them.
  constexpr std::array<std::string_view, N> names() const {
    std::array<std::string_view, N> all{};
    for (std::size_t i = 0; i < N; ++i) all[i] = entries[i].name;
    return all;
  }

  // Every value in declaration order: lets the tests walk whole tables.
  constexpr std::array<E, N> values() const {
    std::array<E, N> all{};
    for (std::size_t i = 0; i < N; ++i) all[i] = entries[i].value;
    return all;
  }
};

template <class E, std::size_t N>
EnumNames(std::array<EnumName<E>, N>) -> EnumNames<E, N>;

// A name as a person reads it, on a page or a PDF: its first letter capital
// and spaces for underscores, "substantially_complete" → "Substantially
// complete". One rule for every vocabulary, so nothing keeps a table of labels.
inline std::string display_label(std::string_view name) {
  std::string text(name);
  for (char& c : text)
    if (c == '_') c = ' ';
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace construction::domain
