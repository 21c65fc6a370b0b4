#include "domain/typed_amount.hpp"

#include <cstdint>
#include <optional>

namespace construction::domain {
namespace {

enum class Kind { amount, rate };

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

void skip_spaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && is_space(text[at])) ++at;
}

// `text` between typographic quotes, cut after 20 characters (never inside
// a UTF-8 sequence): a message names what it did not understand without
// repeating a pasted page.
std::string quoted(std::string_view text) {
  std::size_t characters = 0, end = 0;
  for (; end < text.size(); ++end) {
    bool starts_character = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
    if (starts_character && ++characters > 20) break;
  }
  return "“" + std::string(text.substr(0, end)) + (end < text.size() ? "…”" : "”");
}

// Digits with commas: either none, or a first group of 1 to 3 digits that
// does not start with 0, then groups of exactly 3.
bool grouped_by_thousands(std::string_view whole) {
  std::size_t comma = whole.find(',');
  if (comma == std::string_view::npos) return true;
  if (comma == 0 || comma > 3 || whole.front() == '0' || (whole.size() - comma) % 4 != 0)
    return false;
  for (std::size_t at = comma; at < whole.size(); ++at)
    if ((whole[at] == ',') != ((at - comma) % 4 == 0)) return false;
  return true;
}

// The number's parts as typed: sign, integer digits (commas kept), the
// decimals, and whatever follows that is not part of a number.
struct Parts {
  bool negative = false;
  std::string_view whole, decimals, rest;
  bool point = false;
};

Parts split(std::string_view text, Kind kind) {
  Parts parts;
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) parts.negative = text[at++] == '-';
  skip_spaces(text, at);
  if (kind == Kind::amount && at < text.size() && text[at] == '$') {
    ++at;
    skip_spaces(text, at);
  }
  std::size_t begin = at;
  while (at < text.size() && (is_digit(text[at]) || text[at] == ',')) ++at;
  parts.whole = text.substr(begin, at - begin);
  if (at < text.size() && text[at] == '.') {
    parts.point = true;
    begin = ++at;
    while (at < text.size() && is_digit(text[at])) ++at;
    parts.decimals = text.substr(begin, at - begin);
  }
  parts.rest = text.substr(at);
  if (kind == Kind::rate) {
    std::size_t percent = 0;
    skip_spaces(parts.rest, percent);
    if (percent < parts.rest.size() && parts.rest[percent] == '%')
      parts.rest = parts.rest.substr(percent + 1);
  }
  return parts;
}

// Why `parts` is not a number of the product's form; nothing when it is.
std::optional<std::string> misunderstood(std::string_view text, const Parts& parts) {
  if (!parts.rest.empty()) {
    if (parts.point && parts.rest.front() == '.') return quoted(text) + " has two decimal points";
    if (parts.point && parts.rest.front() == ',')
      return "the comma in " + quoted(text) + " comes after the decimal point";
    return quoted(trim(parts.rest)) + " is not understood";
  }
  if (parts.whole.empty() && parts.decimals.empty()) return quoted(text) + " has no digits";
  if (!grouped_by_thousands(parts.whole))
    return "the comma in " + quoted(text) +
           " does not group thousands (a comma comes before each three digits: 1,234,567)";
  if (parts.decimals.size() > 2)
    return quoted(text) + " has " + std::to_string(parts.decimals.size()) + " decimals, at most 2";
  return std::nullopt;
}

Result<std::int64_t, std::string> parse_hundredths(std::string_view typed, Kind kind) {
  const std::string must_be = kind == Kind::amount ? "must be an amount such as 1,234.50"
                                                   : "must be a percentage such as 12.5";
  std::string_view text = trim(typed);
  if (text.empty()) return must_be;
  Parts parts = split(text, kind);
  if (auto why = misunderstood(text, parts)) return must_be + ": " + *why;
  // Each step stays below kMaxCents x 10 before the bound is checked, far
  // inside 64 bits.
  const std::string too_large =
      kind == Kind::amount ? too_large_message() : must_be + ": " + quoted(text) + " is too large";
  std::int64_t value = 0;
  for (char c : parts.whole) {
    if (c == ',') continue;
    value = value * 10 + (c - '0');
    if (value > kMaxCents / 100) return too_large;
  }
  std::int64_t decimals = 0;
  for (char c : parts.decimals) decimals = decimals * 10 + (c - '0');
  if (parts.decimals.size() == 1) decimals *= 10;
  value = value * 100 + decimals;
  if (value > kMaxCents) return too_large;
  return parts.negative ? -value : value;
}

}  // namespace

Result<Cents, std::string> parse_amount(std::string_view typed) {
  auto value = parse_hundredths(typed, Kind::amount);
  if (!value) return value.error();
  return Cents{value.value()};
}

Result<BasisPoints, std::string> parse_rate(std::string_view typed) {
  auto value = parse_hundredths(typed, Kind::rate);
  if (!value) return value.error();
  return BasisPoints{value.value()};
}

}  // namespace construction::domain
