#include "views/format.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <ctime>

#include "domain/money.hpp"

namespace construction::views {

std::string money(std::int64_t cents) {
  return domain::format_cents(domain::Cents{cents});
}

std::string rate(std::int64_t bps) {
  return domain::format_bps(domain::BasisPoints{bps});
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

std::optional<std::int64_t> hundredths(std::string_view text) {
  auto trim = [](std::string_view& t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  };
  trim(text);
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  if (!text.empty() && text.back() == '%') text.remove_suffix(1);
  trim(text);
  std::int64_t whole = 0;
  int digits = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] == ',') continue;
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || ++digits > 15) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  std::int64_t fraction = 0;
  int decimals = 0;
  if (i < text.size()) {
    for (++i; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i])) || ++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
    }
  }
  if (digits == 0 && decimals == 0) return std::nullopt;
  if (decimals == 1) fraction *= 10;
  std::int64_t value = whole * 100 + fraction;
  return negative ? -value : value;
}

std::string hundredths_text(std::int64_t value) {
  std::string sign = value < 0 ? "-" : "";
  std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : value;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() == 1) cents = "0" + cents;
  return sign + std::to_string(magnitude / 100) + "." + cents;
}

}  // namespace construction::views
