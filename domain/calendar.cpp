#include "domain/calendar.hpp"

#include <array>
#include <cctype>

namespace construction::domain {

namespace {

char* put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<unsigned> {
    unsigned value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day || *year < 1) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(*year)),
                                         std::chrono::month(*month), std::chrono::day(*day)};
  if (!date.ok()) return std::nullopt;
  return Date(date);
}

std::string iso_date(Date date) {
  const std::chrono::year_month_day day{date};
  char text[10];
  char* out = put_digits(text, static_cast<unsigned>(static_cast<int>(day.year())), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(day.month()), 2);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(day.day()), 2);
  return std::string(text, out);
}

std::string display_date(Date date) {
  return display_date(std::string_view(iso_date(date)));
}

std::string display_date(Timestamp instant) {
  return display_date(std::chrono::floor<std::chrono::days>(instant));
}

std::string display_date(std::string_view iso) {
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

}  // namespace construction::domain
