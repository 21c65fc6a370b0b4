#include "views/format.hpp"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "domain/enum_names.hpp"
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
  return domain::display_date(day);
}

std::string date(domain::Timestamp instant) {
  return domain::display_date(instant);
}

std::string date(std::string_view iso) {
  return domain::display_date(iso);
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
  return domain::display_label(name);
}

}  // namespace construction::views
