#include "views/format.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "domain/money.hpp"
#include "domain/typed_amount.hpp"

namespace construction::views {

std::string money(std::int64_t cents) {
  return domain::format_cents(domain::Cents{cents});
}

std::string money(domain::Cents amount) {
  return domain::format_cents(amount);
}

std::string rate(std::int64_t bps) {
  return domain::format_bps(domain::BasisPoints{bps});
}

std::string date(domain::Date day) {
  // The year as ISO writes it, four digits ("Feb 26, 0226" for a mistyped year).
  return date(std::string_view(domain::iso_date(day)));
}

std::string date(domain::Timestamp instant) {
  return date(std::chrono::floor<std::chrono::days>(instant));
}

std::string date(std::string_view iso) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return std::string(iso);
  int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (month < 1 || month > 12) return std::string(iso);
  return std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " +
         std::string(iso.substr(0, 4));
}

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> typed_amount(std::string_view text, std::string_view name,
                                         domain::FieldErrors& errors) {
  auto amount = domain::parse_amount(text);
  if (amount) return amount.value().value;
  errors.add(name, amount.error());
  return std::nullopt;
}

std::optional<std::int64_t> typed_rate(std::string_view text, std::string_view name,
                                       domain::FieldErrors& errors) {
  auto rate = domain::parse_rate(text);
  if (rate) return rate.value().value;
  errors.add(name, rate.error());
  return std::nullopt;
}

std::string hundredths_text(std::int64_t value) {
  std::string sign = value < 0 ? "-" : "";
  std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : value;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() == 1) cents = "0" + cents;
  return sign + std::to_string(magnitude / 100) + "." + cents;
}

std::string time_of_day(domain::Timestamp instant) {
  const std::chrono::hh_mm_ss time{instant - std::chrono::floor<std::chrono::days>(instant)};
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return text;
}

std::string label(std::string_view name) {
  std::string text(name);
  for (char& c : text)
    if (c == '_') c = ' ';
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace construction::views
